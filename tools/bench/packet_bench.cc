// Benchmark: the evidence packet of a one-hour exam session with three gaps (issue target: under
// 5 s). Generates once into DIR (cached): one exam centre, one room, one camera, twelve 5-minute
// 720p segments with three deleted; audits it with the real binary; then times `xunkao packet`
// for the three gap findings, and `xunkao verify` of the result.
//   packet_bench DIR [--xunkao PATH]
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "records/civil_time.h"
#include "tools/bench/bench_support.h"
#include "tools/demo/cctv_video.h"
#include "tools/demo/csv_table_writer.h"

namespace fs = std::filesystem;
using xk::CsvTableWriter;
using xk::ExportStyle;

namespace {

// Runs the shell command `command` and returns its wall time.
double Seconds(const std::string& command) {
  const auto start = xk::bench::Clock::now();
  int rc = std::system(command.c_str());
  double seconds = xk::bench::SecondsSince(start);
  if (rc != 0) fmt::print(stderr, "command failed ({}): {}\n", rc, command);
  return seconds;
}

void Generate(const fs::path& archive) {
  ExportStyle style;
  CsvTableWriter institutions({{"code", ""}, {"name", ""}, {"kind", ""}}, style);
  institutions.AddRow({"KS01", "考试中心", "exam"});
  institutions.Write(archive / "institutions.csv");
  fs::path exam = archive / "exams/KS01";
  CsvTableWriter plan({{"session_id", ""}, {"date", ""}, {"start", ""}, {"end", ""}, {"room", ""}, {"mode", ""}},
                      style);
  plan.AddRow({"S1", "2022-04-15", "09:00", "10:00", "A", "theory"});
  plan.Write(exam / "plan.csv");
  CsvTableWriter sessions(
      {{"session_id", ""}, {"date", ""}, {"start", ""}, {"end", ""}, {"room", ""}, {"proctors", ""}}, style);
  sessions.AddRow({"S1", "2022-04-15", "09:00", "10:00", "A", "11010519491231002X;110105194912310029"});
  sessions.Write(exam / "sessions.csv");
  CsvTableWriter candidates({{"session_id", ""}, {"candidate_id", ""}, {"name", ""}}, style);
  candidates.Write(exam / "candidates.csv");
  CsvTableWriter staff({{"staff_id", ""}, {"name", ""}, {"role", ""}}, style);
  staff.Write(exam / "staff.csv");
  CsvTableWriter cameras({{"room", ""}, {"camera", ""}}, style);
  cameras.AddRow({"A", "1"});
  cameras.Write(exam / "cameras.csv");
  xk::TimeZone zone;
  for (int segment = 0; segment < 12; ++segment) {
    if (segment == 2 || segment == 6 || segment == 9) continue;  // three gaps
    xk::CctvScript script;
    script.width = 1280;
    script.height = 720;
    script.fps = 10;
    script.gop = 50;
    script.bitrate = 2'000'000;
    script.duration_s = 299.5;
    script.seed = static_cast<uint32_t>(segment + 1);
    script.osd_start = xk::ToInstant(xk::DateFromYmd(2022, 4, 15), 9 * 3600 + segment * 300, zone);
    script.creation_time = script.osd_start;
    script.camera_name = "A-1";
    fs::path file = exam / "video/A/1/20220415" / fmt::format("09{:02d}00.mp4", segment * 5);
    fs::create_directories(file.parent_path());
    std::string error = xk::WriteCctvVideo(file.string(), script);
    if (!error.empty()) throw std::runtime_error(error);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: packet_bench DIR [--xunkao PATH]\n");
    return 2;
  }
  fs::path dir = fs::absolute(argv[1]);
  std::string xunkao = (fs::path(argv[0]).parent_path() / "xunkao").string();
  if (argc >= 4 && std::string(argv[2]) == "--xunkao") xunkao = argv[3];
  fs::path archive = dir / "archive";
  if (!fs::exists(dir / ".complete")) {
    fs::remove_all(dir);
    fmt::print("generating a one-hour 720p session (12 segments, 3 deleted) in {} ...\n", archive.string());
    const auto start = xk::bench::Clock::now();
    Generate(archive);
    fmt::print("generated in {:.1f} s\n", xk::bench::SecondsSince(start));
    xk::bench::WriteText(dir / ".complete", "ok\n");
  }
  fs::remove_all(dir / "out");
  fs::remove_all(dir / "packets");
  double audit = Seconds(
      fmt::format("'{}' audit '{}' --out '{}' --jobs 2 >/dev/null", xunkao, archive.string(), (dir / "out").string()));
  std::string ids;
  int gaps = 0;
  const nlohmann::json findings = nlohmann::json::parse(xk::bench::ReadText(dir / "out/findings.json"));
  for (const auto& f : findings["findings"]) {
    if (f["rule"] == "EXM-VIDEO-GAP") {
      ids += " " + f["id"].get<std::string>();
      ++gaps;
    }
  }
  double packet = Seconds(fmt::format("'{}' packet --db '{}' --finding{} --out '{}' >/dev/null", xunkao,
                                      (dir / "out/xunkao.db").string(), ids, (dir / "packets").string()));
  fs::path bag;
  for (const auto& entry : fs::directory_iterator(dir / "packets")) bag = entry.path();
  double verify = Seconds(fmt::format("'{}' verify '{}' >/dev/null", xunkao, bag.string()));
  fmt::print("audit (first run, with picture analysis): {:.2f} s\n", audit);
  fmt::print("packet of {} gap findings of a one-hour session: {:.2f} s (target < 5 s)\n", gaps, packet);
  fmt::print("verify: {:.2f} s\n", verify);
  return gaps == 3 && packet < 5.0 ? 0 : 1;
}
