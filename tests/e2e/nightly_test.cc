// Nightly operation end to end: a run killed part-way (a real SIGKILL of the real binary) is
// completed by the next run with exactly the findings of a clean run; a fixed gap is resolved.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "records/civil_time.h"
#include "records/store/audit_store.h"
#include "tests/e2e/demo_cache.h"
#include "tests/e2e/e2e_util.h"
#include "tools/demo/cctv_video.h"
#include "tools/demo/demo_archive.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

std::set<std::string> OpenIds(const fs::path& out) {
  std::set<std::string> ids;
  auto root = nlohmann::json::parse(e2e::ReadFile(out / "findings.json"));
  for (const auto& f : root["findings"]) {
    if (f["status"] != "resolved") ids.insert(f["id"].get<std::string>());
  }
  return ids;
}

// Starts `xunkao audit`, kills it with SIGKILL after `delay`, returns whether it was still running.
bool StartAndKill(const fs::path& archive, const fs::path& out, std::chrono::milliseconds delay) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    std::string archive_arg = archive.string(), out_arg = out.string();
    ::execl(XUNKAO_BINARY, XUNKAO_BINARY, "audit", archive_arg.c_str(), "--out", out_arg.c_str(), "--jobs", "1",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::this_thread::sleep_for(delay);
  bool running = ::kill(pid, SIGKILL) == 0;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return running && WIFSIGNALED(status);
}

TEST(Nightly, KilledRunsAreCompletedByTheNextRunExactlyAsACleanRun) {
  fs::path dir = e2e::FreshDir("kill");
  e2e::CopyDemoArchive(dir / "archive", DemoScale{}, 7);
  auto clean = e2e::RunXunkao("audit '" + (dir / "archive").string() + "' --out '" + (dir / "clean").string() + "'");
  ASSERT_EQ(clean.exit_code, 0) << clean.output;
  std::set<std::string> expected = OpenIds(dir / "clean");
  ASSERT_FALSE(expected.empty());

  int killed = 0;
  for (int delay_ms : {30, 250, 700}) {  // early, mid-run, late: each a full resumed audit
    fs::path out = dir / ("killed-" + std::to_string(delay_ms));
    if (StartAndKill(dir / "archive", out, std::chrono::milliseconds(delay_ms))) ++killed;
    // A second kill of the resumed run, then a run to the end.
    StartAndKill(dir / "archive", out, std::chrono::milliseconds(delay_ms / 2));
    auto resumed = e2e::RunXunkao("audit '" + (dir / "archive").string() + "' --out '" + out.string() + "'");
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    EXPECT_EQ(OpenIds(out), expected) << "after a kill at " << delay_ms << " ms";
    auto root = nlohmann::json::parse(e2e::ReadFile(out / "findings.json"));
    for (const auto& f : root["findings"]) EXPECT_NE(f["status"], "resolved") << f.dump();
  }
  EXPECT_GT(killed, 0) << "no run was still running when killed: the test proved nothing";
}

TEST(Nightly, AddingTheMissingSegmentResolvesTheGap) {
  fs::path dir = e2e::FreshDir("resolve");
  fs::path archive = dir / "archive";
  e2e::CopyDemoArchive(archive, DemoScale{}, 7);
  std::string args = "audit '" + archive.string() + "' --out '" + (dir / "out").string() + "'";
  ASSERT_EQ(e2e::RunXunkao(args).exit_code, 0);
  auto before = nlohmann::json::parse(e2e::ReadFile(dir / "out/findings.json"));
  std::string gap_id;
  for (const auto& f : before["findings"]) {
    if (f["rule"] == "EXM-VIDEO-GAP" && f["room"] == "A" && f["camera"] == "2") gap_id = f["id"];
  }
  ASSERT_FALSE(gap_id.empty());

  // The deleted segment (09:10) and the cut-off one (09:15) are put back.
  TimeZone zone;
  for (int minute : {10, 15}) {
    CctvScript script;
    script.fps = 5;
    script.duration_s = 299.5;
    script.osd_start = ToInstant(DateFromYmd(2022, 4, 15), 9 * 3600 + minute * 60, zone);
    script.creation_time = script.osd_start;
    script.camera_name = "A-2";
    std::string path =
        (archive / "exams/KS01/video/A/2/20220415" / ("09" + std::to_string(minute) + "00.mp4")).string();
    fs::remove(path);  // the archive's files are links to the shared demo archive: replace, never rewrite
    ASSERT_EQ(WriteCctvVideo(path, script), "");
  }
  auto rerun = e2e::RunXunkao(args);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  auto after = nlohmann::json::parse(e2e::ReadFile(dir / "out/findings.json"));
  bool resolved = false;
  for (const auto& f : after["findings"]) {
    if (f["id"] == gap_id) resolved = f["status"] == "resolved";
    if (f["status"] != "resolved") {
      EXPECT_FALSE(f["rule"] == "EXM-VIDEO-GAP" && f["room"] == "A" && f["camera"] == "2") << f.dump();
    }
  }
  EXPECT_TRUE(resolved);
  EXPECT_EQ(after["run"]["files_analysed"], 2) << "only the two new files are analysed";

  // One summary line for the log, with the time of each stage.
  size_t line_start = rerun.output.find("xunkao: 运行 ");
  ASSERT_NE(line_start, std::string::npos) << rerun.output;
  std::string line = rerun.output.substr(line_start, rerun.output.find('\n', line_start) - line_start);
  EXPECT_NE(line.find("新分析 2"), std::string::npos) << line;
  EXPECT_NE(line.find("不再发现 "), std::string::npos) << line;
  for (const char* stage : {"用时 ", "读取记录 ", "清点录像 ", "分析新录像 ", "规则 ", "保存 ", "报告 "}) {
    EXPECT_NE(line.find(stage), std::string::npos) << stage << " missing in: " << line;
  }
}

}  // namespace
}  // namespace xk

namespace xk {
namespace {

TEST(Nightly, InstitutionsNotAuditedInAPastHalfYearAreFlaggedAndTabled) {
  fs::path dir = e2e::FreshDir("inspections");
  DemoScale scale;
  scale.video = false;
  WriteDemoArchive(dir / "archive", scale, 9);
  fs::create_directories(dir / "out");
  {  // The database remembers an audit of PX01 alone in 2026H1.
    store::AuditStore store((dir / "out/xunkao.db").string());
    int64_t run = store.BeginRun("2026-03-02T02:00:00+08:00", (dir / "archive").string(), "{}");
    store::RunResults results;
    results.audited.push_back({"PX01", "2026H1"});
    results.finished = "2026-03-02T02:05:00+08:00";
    store.CompleteRun(run, results, TimeZone{});
  }
  auto result = e2e::RunXunkao("audit '" + (dir / "archive").string() + "' --out '" + (dir / "out").string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto root = nlohmann::json::parse(e2e::ReadFile(dir / "out/findings.json"));
  std::set<std::string> flagged;
  for (const auto& f : root["findings"]) {
    if (f["rule"] == "INS-COVERAGE" && f["subject"] == "period:2026H1") flagged.insert(f["institution"]);
  }
  EXPECT_EQ(flagged.count("PX01"), 0u);
  EXPECT_EQ(flagged.count("PX02"), 1u);
  EXPECT_EQ(flagged.count("KS01"), 1u);

  auto table = e2e::RunXunkao("inspections --year 2026 --db '" + (dir / "out/xunkao.db").string() + "'");
  ASSERT_EQ(table.exit_code, 0) << table.output;
  EXPECT_NE(table.output.find("PX01"), std::string::npos);
  EXPECT_NE(table.output.find("未审查"), std::string::npos);
  EXPECT_NE(e2e::ReadFile(dir / "out/report.html").find("2026"), std::string::npos);
}

}  // namespace
}  // namespace xk
