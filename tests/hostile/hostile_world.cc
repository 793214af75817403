#include "tests/hostile/hostile_world.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <sstream>

#include "tests/media/media_samples.h"
#include "tools/demo/demo_archive.h"

namespace xk::hostile {

namespace fs = std::filesystem;

namespace {

fs::path TestRoot() { return fs::path(::testing::TempDir()) / ("xunkao-hostile-" + std::to_string(::getpid())); }

std::string TestName() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "none";
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  return name;
}

// The clean archive, written once per process.
const fs::path& Template() {
  static std::once_flag once;
  static fs::path dir;
  std::call_once(once, [] {
    dir = TestRoot() / "template";
    fs::remove_all(dir);
    DemoScale scale;
    scale.video = false;
    WriteDemoArchive(dir, scale, 1);
    fs::remove(dir / "key.json");
    CopySampleRecording(dir / kSpareCamera / "090000.mp4");
  });
  return dir;
}

struct Cleanup {
  ~Cleanup() {
    std::error_code ec;
    fs::remove_all(TestRoot(), ec);
  }
} cleanup;

}  // namespace

void WriteBytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << "writing " << path;
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void CopySampleRecording(const fs::path& to, const std::string& sample) {
  fs::create_directories(to.parent_path());
  fs::copy_file(SamplePath(sample), to, fs::copy_options::overwrite_existing);
}

fs::path FreshArchive(const std::string& tag) {
  const fs::path dir = TestRoot() / (TestName() + "-" + tag);
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  fs::copy(Template(), dir, fs::copy_options::recursive);
  return dir;
}

AuditRun Audit(const fs::path& archive, const std::vector<std::string>& extra,
               const std::map<std::string, std::string>& environment) {
  AuditRun run;
  static int audits = 0;  // each audit its own output folder (a later one may name an earlier database)
  run.out = fs::path(archive.string() + "-out" + std::to_string(++audits));
  fs::remove_all(run.out);
  fs::create_directories(run.out);
  run.db = run.out / "xunkao.db";
  const fs::path log = run.out.parent_path() / (run.out.filename().string() + ".log");
  std::vector<std::string> arguments = {XUNKAO_BINARY, "audit", archive.string(), "--out", run.out.string(),
                                        "--jobs",      "2"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    for (const auto& [name, value] : environment) ::setenv(name.c_str(), value.c_str(), 1);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
  run.output = ReadBytes(log);
  if (fs::exists(run.out / "findings.json")) {
    run.findings = nlohmann::json::parse(ReadBytes(run.out / "findings.json"), nullptr, false);
    EXPECT_FALSE(run.findings.is_discarded()) << "findings.json is not valid JSON";
  }
  return run;
}

std::set<std::string> AuditRun::Keys() const {
  std::set<std::string> keys;
  if (!findings.is_object()) return keys;
  for (const auto& f : findings["findings"]) {
    if (f.value("status", "") == "resolved") continue;
    keys.insert(f.value("rule", "") + "|" + f.value("institution", "") + "|" + f.value("subject", ""));
  }
  return keys;
}

int AuditRun::CountFindings(const std::string& rule, const std::string& text) const {
  int count = 0;
  if (!findings.is_object()) return 0;
  for (const auto& f : findings["findings"]) {
    if (f.value("rule", "") != rule || f.value("status", "") == "resolved") continue;
    if (f.value("summary_zh", "").find(text) != std::string::npos ||
        f.value("subject", "").find(text) != std::string::npos) {
      ++count;
    }
  }
  return count;
}

int AuditRun::CountIssues(const std::string& file, const std::string& text) const {
  int count = 0;
  if (!findings.is_object()) return 0;
  for (const auto& issue : findings["load_issues"]) {
    if (issue.value("file", "").find(file) == std::string::npos) continue;
    if (issue.value("message_zh", "").find(text) != std::string::npos ||
        issue.value("message_en", "").find(text) != std::string::npos) {
      ++count;
    }
  }
  return count;
}

int AuditRun::IssuesOfFile(const std::string& file) const {
  int count = 0;
  if (!findings.is_object()) return 0;
  for (const auto& issue : findings["load_issues"]) count += issue.value("file", "") == file ? 1 : 0;
  return count;
}

const std::set<std::string>& BaselineKeys() {
  static std::once_flag once;
  static std::set<std::string> keys;
  std::call_once(once, [] {
    const fs::path archive = TestRoot() / "baseline";
    fs::remove_all(archive);
    fs::copy(Template(), archive, fs::copy_options::recursive);
    AuditRun run = Audit(archive);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    keys = run.Keys();
    EXPECT_GT(keys.size(), 20u) << "the clean archive should hold the demo's injected findings";
  });
  return keys;
}

void ExpectRestIntact(const AuditRun& run, const std::set<std::string>& spoiled) {
  EXPECT_LT(run.peak_rss_mib, kMemoryCeilingMib) << "peak memory of the audit";
  const std::set<std::string> found = run.Keys();
  int missing = 0;
  for (const std::string& key : BaselineKeys()) {
    const std::string institution = key.substr(key.find('|') + 1, key.find('|', key.find('|') + 1) - key.find('|') - 1);
    if (spoiled.count(institution)) continue;
    if (!found.count(key)) {
      ADD_FAILURE() << "a finding of the clean archive is gone: " << key;
      if (++missing > 5) break;
    }
  }
}

}  // namespace xk::hostile
