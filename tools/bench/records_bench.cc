// records_bench: how long the whole records audit (load, every TRN/EXM/CRT record rule, store,
// reports: `xunkao audit ARCHIVE --out DIR` on an archive without video) takes on a
// province-scale archive (at scale 1.0: 5 M sign-ins, 200 k candidate rows, 100 k certificates),
// and how it grows with the archive. The targets at the full scale: under 15 s wall time and
// under 2 GiB peak RSS; it prints whether each is met (a benchmark, not a test).
//
//   records_bench DIR [--scale 1.0] [--baseline 0.1] [--xunkao PATH]
//
// Writes the archive of each scale once (tools/bench/province_archive.h) into DIR/archive-<scale>
// and reuses it while DIR/archive-<scale>/.complete says it was written completely for that scale
// by this generator. Then runs the real binary as a child process, first on the baseline scale,
// then on the full one, each into a fresh DIR/out-<scale> (a first run on a new database), and
// prints for each: generation time, audit wall time, CPU time, peak RSS of the child (wait4's
// ru_maxrss), findings and load issues; finally the growth from the baseline to the full scale.
// The figures are warm-cache: the archive was just written or read.
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tools/bench/bench_support.h"
#include "tools/bench/province_archive.h"

namespace {

namespace fs = std::filesystem;
using xk::ProvinceCounts;
using xk::bench::ChildRun;

// Bump when the generator writes different archives, so cached ones are rewritten.
constexpr int kGeneratorVersion = 2;  // 2: candidate columns, resits, the certificate register

constexpr double kTargetSeconds = 15.0;
constexpr double kTargetRssMiB = 2048.0;

struct Options {
  fs::path dir;
  double scale = 1.0;
  double baseline = 0.1;  // 0 = no baseline run
  fs::path xunkao;
};

std::string ScaleName(double scale) { return fmt::format("{:g}", scale); }

// ---------------------------------------------------------------- the archive, cached

// The marker: "key=value" lines, the generator version, the scale and what was written.
std::string MarkerText(double scale, const ProvinceCounts& c) {
  return fmt::format(
      "generator={}\nscale={}\ninstitutions={}\ntraining_institutions={}\nexam_centres={}\nclasses="
      "{}\n"
      "sessions={}\nsign_ins={}\ntrainees={}\nexam_sessions={}\ncandidates={}\ncertificates={}\nbytes={}\n",
      kGeneratorVersion, ScaleName(scale), c.institutions, c.training_institutions, c.exam_centres, c.classes,
      c.sessions, c.sign_ins, c.trainees, c.exam_sessions, c.candidates, c.certificates, c.bytes);
}

std::optional<ProvinceCounts> ReadMarker(const fs::path& marker, double scale) {
  std::ifstream in(marker);
  if (!in) return std::nullopt;
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(in, line);) {
    auto equals = line.find('=');
    if (equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
  }
  if (values["generator"] != std::to_string(kGeneratorVersion) || values["scale"] != ScaleName(scale)) {
    return std::nullopt;
  }
  auto number = [&](const char* key) { return std::strtoll(values[key].c_str(), nullptr, 10); };
  ProvinceCounts c;
  c.institutions = number("institutions");
  c.training_institutions = number("training_institutions");
  c.exam_centres = number("exam_centres");
  c.classes = number("classes");
  c.sessions = number("sessions");
  c.sign_ins = number("sign_ins");
  c.trainees = number("trainees");
  c.exam_sessions = number("exam_sessions");
  c.candidates = number("candidates");
  c.certificates = number("certificates");
  c.bytes = number("bytes");
  return c;
}

struct Archive {
  fs::path path;
  ProvinceCounts counts;
  std::optional<double> generation_seconds;  // nullopt: reused from an earlier run
};

// Generates in a child process so that this process stays small: a child's ru_maxrss starts from
// the high-water mark of the process that forked it, which would otherwise count the generator.
Archive EnsureArchive(const fs::path& dir, double scale) {
  Archive archive{dir / ("archive-" + ScaleName(scale)), {}, std::nullopt};
  const fs::path marker = archive.path / ".complete";
  if (auto cached = ReadMarker(marker, scale)) {
    archive.counts = *cached;
    return archive;
  }
  fs::remove_all(archive.path);
  const ChildRun generation = xk::bench::RunInChild([&] {
    try {
      ProvinceCounts counts = xk::WriteProvinceArchive(archive.path, scale);
      xk::bench::WriteText(marker, MarkerText(scale, counts));
    } catch (const std::exception& e) {
      fmt::print(stderr, "records_bench: cannot write the archive {}: {}\n", archive.path.string(), e.what());
      return 1;
    }
    return 0;
  });
  auto written = ReadMarker(marker, scale);
  if (generation.exit_code != 0 || !written) {
    throw std::runtime_error("generating " + archive.path.string() + " failed");
  }
  archive.counts = *written;
  archive.generation_seconds = generation.wall;
  return archive;
}

// ---------------------------------------------------------------- the audit, measured

struct AuditRun {
  int exit_code = -1;
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + system
  double peak_rss_mib = 0;
  int64_t findings = 0;  // reported by the run (new or persisting)
  int64_t load_issues = 0;
  std::map<std::string, int64_t> by_rule;
};

// Runs `xunkao audit ARCHIVE --out OUT` with stdout and stderr into `log`.
AuditRun RunAudit(const fs::path& xunkao, const fs::path& archive, const fs::path& out, const fs::path& log) {
  fs::remove_all(out);
  const ChildRun child =
      xk::bench::RunChild({xunkao.string(), "audit", archive.string(), "--out", out.string()}, log, log);
  AuditRun run;
  run.wall_seconds = child.wall;
  run.exit_code = child.exit_code;
  run.cpu_seconds = child.cpu;
  run.peak_rss_mib = child.peak_rss_mib;
  return run;
}

void CountFindings(const fs::path& out, AuditRun* run) {
  std::ifstream in(out / "findings.json", std::ios::binary);
  if (!in) return;
  nlohmann::json root = nlohmann::json::parse(in, nullptr, false);
  if (root.is_discarded()) return;
  for (const auto& f : root["findings"]) {
    if (f["status"] == "resolved") continue;
    ++run->findings;
    ++run->by_rule[f["rule"].get<std::string>()];
  }
  run->load_issues = static_cast<int64_t>(root["load_issues"].size());
}

// ---------------------------------------------------------------- printing

void PrintArchive(double scale, const Archive& a) {
  const ProvinceCounts& c = a.counts;
  fmt::print(
      "scale {}: {} institutions ({} training, {} exam centres), {} classes, {} sessions, {} "
      "sign-ins, "
      "{} trainees, {} exam sessions, {} candidates, {} certificates, {:.0f} MiB of CSV\n",
      ScaleName(scale), c.institutions, c.training_institutions, c.exam_centres, c.classes, c.sessions, c.sign_ins,
      c.trainees, c.exam_sessions, c.candidates, c.certificates, static_cast<double>(c.bytes) / (1 << 20));
  if (a.generation_seconds) {
    fmt::print("  generation: {:.1f} s\n", *a.generation_seconds);
  } else {
    fmt::print("  generation: reused {}\n", a.path.string());
  }
}

void PrintRun(const AuditRun& run, const fs::path& log) {
  fmt::print(
      "  audit: exit {}, wall {:.2f} s, cpu {:.2f} s, peak RSS {:.0f} MiB, {} findings, {} load "
      "issues\n",
      run.exit_code, run.wall_seconds, run.cpu_seconds, run.peak_rss_mib, run.findings, run.load_issues);
  std::string rules;
  for (const auto& [rule, count] : run.by_rule) rules += fmt::format(" {}={}", rule, count);
  fmt::print("  by rule:{}\n", rules);
  if (run.exit_code != 0) fmt::print("  the audit failed; see {}\n", log.string());
}

void PrintGrowth(double baseline, const AuditRun& small, double scale, const AuditRun& full) {
  const double data = scale / baseline;
  const double time = full.wall_seconds / small.wall_seconds;
  fmt::print(
      "growth {}x -> {}x ({:g} times the data): wall {:.2f}x (per unit of data {:.2f}), cpu "
      "{:.2f}x, "
      "peak RSS {:.2f}x, findings {:.2f}x\n",
      ScaleName(baseline), ScaleName(scale), data, time, time / data, full.cpu_seconds / small.cpu_seconds,
      full.peak_rss_mib / small.peak_rss_mib,
      small.findings ? static_cast<double>(full.findings) / static_cast<double>(small.findings) : 0.0);
}

void PrintTargets(const AuditRun& full) {
  fmt::print("targets: wall {:.2f} s < {:.0f} s: {}; peak RSS {:.0f} MiB < {:.0f} MiB: {}\n", full.wall_seconds,
             kTargetSeconds, xk::bench::Verdict(full.wall_seconds < kTargetSeconds), full.peak_rss_mib, kTargetRssMiB,
             xk::bench::Verdict(full.peak_rss_mib < kTargetRssMiB));
}

// ---------------------------------------------------------------- command line

[[noreturn]] void Usage(const std::string& problem) {
  fmt::print(stderr,
             "records_bench: {}\nusage: records_bench DIR [--scale 1.0] [--baseline 0.1 (0 = none)] "
             "[--xunkao PATH (default: xunkao next to records_bench)]\n",
             problem);
  std::exit(2);
}

double ParseScale(const std::string& text, bool zero_allowed) {
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || value < 0 || (value == 0 && !zero_allowed) || value > 2) {
    Usage("a scale is a number in (0, 2]: " + text);
  }
  return value;
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  options.xunkao = xk::bench::XunkaoBesideThisProgram();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--scale") {
      options.scale = ParseScale(value(), false);
    } else if (arg == "--baseline") {
      options.baseline = ParseScale(value(), true);
    } else if (arg == "--xunkao") {
      options.xunkao = value();
    } else if (arg.starts_with("-")) {
      Usage("unknown option " + arg);
    } else if (options.dir.empty()) {
      options.dir = arg;
    } else {
      Usage("one DIR only");
    }
  }
  if (options.dir.empty()) Usage("DIR is required");
  if (!fs::exists(options.xunkao)) Usage("no xunkao binary at " + options.xunkao.string());
  if (options.baseline == options.scale) options.baseline = 0;
  return options;
}

// Generates (or reuses) the archive of `scale`, audits it and prints the figures.
AuditRun Measure(const Options& options, double scale) {
  Archive archive = EnsureArchive(options.dir, scale);
  PrintArchive(scale, archive);
  const fs::path out = options.dir / ("out-" + ScaleName(scale));
  const fs::path log = options.dir / ("audit-" + ScaleName(scale) + ".log");
  AuditRun run = RunAudit(options.xunkao, archive.path, out, log);
  CountFindings(out, &run);
  PrintRun(run, log);
  std::fflush(stdout);
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  try {
    fs::create_directories(options.dir);
    std::optional<AuditRun> small;
    if (options.baseline > 0) small = Measure(options, options.baseline);
    const AuditRun full = Measure(options, options.scale);
    if (small) PrintGrowth(options.baseline, *small, options.scale, full);
    PrintTargets(full);
    return full.exit_code == 0 && (!small || small->exit_code == 0) ? 0 : 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "records_bench: {}\n", e.what());
    return 1;
  }
}
