#include "tools/bench/catalog_nightly.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "src/audit/stage_times.h"
#include "tools/bench/bench_support.h"

namespace xk::bench {

namespace fs = std::filesystem;

// The stages of the run's summary line: "...；用时 2.31 s（打开数据库 0.01 s，读取记录 0.40 s，…）".
std::vector<std::pair<std::string, double>> StagesOfSummary(const std::string& log) {
  const std::string open = "（", close = "）", comma = "，";
  std::vector<std::pair<std::string, double>> stages;
  const size_t total = log.rfind("用时 ");
  if (total == std::string::npos) return stages;
  const size_t from = log.find(open, total);
  const size_t to = from == std::string::npos ? from : log.find(close, from);
  if (to == std::string::npos) return stages;
  const std::string inside = log.substr(from + open.size(), to - from - open.size());
  for (size_t start = 0; start < inside.size();) {
    size_t end = inside.find(comma, start);
    if (end == std::string::npos) end = inside.size();
    const std::string part = inside.substr(start, end - start);  // "读取记录 0.40 s"
    const size_t space = part.find(' ');
    if (space != std::string::npos) {
      stages.emplace_back(part.substr(0, space), std::strtod(part.c_str() + space + 1, nullptr));
    }
    start = end + comma.size();
  }
  return stages;
}

// `xunkao audit` of archive-nightly, each time on a fresh copy of the small archive's first-run
// database: the 10,000 files are known, the new ones are probed and analysed.
NightlyFigures MeasureNightly(const CatalogBenchOptions& options, const Archive& small, const MediaSet& media) {
  NightlyFigures figures;
  const fs::path first_db = options.dir / "first-small";
  if (!options.binary || !fs::exists(first_db / "xunkao.db")) return figures;
  const fs::path root = EnsureNightlyArchive(options.dir, options.nightly_new, small, media);
  const fs::path out = options.dir / "out-nightly";
  const fs::path log = options.dir / "audit-nightly.log";
  const std::vector<std::string> argv = {
      options.xunkao.string(), "audit", root.string(), "--out", out.string(), "--jobs", std::to_string(options.jobs)};
  Samples whole;
  std::map<std::string, std::vector<double>> by_stage;
  std::vector<std::string> order;
  for (int i = 0; i < options.repeat; ++i) {
    fs::remove_all(out);
    CopyDatabase(first_db, out);
    ChildRun run = RunChild(argv, "/dev/null", log.string());
    if (run.exit_code != 0) throw std::runtime_error("xunkao audit failed; see " + log.string());
    whole.wall.push_back(run.wall);
    whole.cpu.push_back(run.cpu);
    const std::string text = ReadText(log);
    auto stages = StagesOfSummary(text);
    if (stages.empty()) throw std::runtime_error("no stage times in the run's summary line; see " + log.string());
    for (const auto& [name, seconds] : stages) {
      if (!by_stage.count(name)) order.push_back(name);
      by_stage[name].push_back(seconds);
    }
    const size_t line = text.rfind("xunkao: 运行 ");
    figures.summary = line == std::string::npos ? "" : text.substr(line, text.find('\n', line) - line);
  }
  figures.ran = true;
  figures.files = static_cast<int>(small.files.size()) + options.nightly_new;
  figures.new_files = options.nightly_new;
  figures.whole = whole.Get();
  for (const auto& name : order) figures.stages.emplace_back(name, Median(by_stage[name]));
  return figures;
}

double NewFilesSeconds(const NightlyFigures& figures) {
  for (const auto& [name, seconds] : figures.stages) {
    if (name == xk::kNewRecordingsStage) return seconds;
  }
  return 0;
}

}  // namespace xk::bench
