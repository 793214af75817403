#include "tools/bench/catalog_shards.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "tools/bench/bench_support.h"

namespace xk::bench {

namespace {

namespace fs = std::filesystem;

std::set<std::string> FindingIds(const fs::path& findings_json) {
  std::set<std::string> ids;
  const std::string text = ReadText(findings_json);
  if (text.empty()) return ids;
  for (const auto& finding : nlohmann::json::parse(text)["findings"]) ids.insert(finding["id"].get<std::string>());
  return ids;
}

}  // namespace

ShardFigures MeasureShards(const CatalogBenchOptions& options, const Archive& small, int shards) {
  ShardFigures figures;
  if (!options.binary) return figures;
  // The single run to compare with (its first run is cached in DIR/first-small).
  const BinaryFigures single = MeasureBinary(options, small, "small");
  figures.single_first = single.first;
  const fs::path dir = options.dir / "shards";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path log = dir / "shards.log";
  std::vector<std::string> merge = {options.xunkao.string(), "merge"};
  for (int k = 1; k <= shards; ++k) {
    const fs::path db = dir / fmt::format("shard-{}.db", k);
    const ChildRun run = RunChild(
        {options.xunkao.string(), "audit", small.root.string(), "--shard", fmt::format("{}/{}", k, shards), "--db",
         db.string(), "--out", (dir / fmt::format("shard-out-{}", k)).string(), "--jobs", std::to_string(options.jobs)},
        log.string(), log.string());
    if (run.exit_code != 0) throw std::runtime_error("xunkao audit --shard failed; see " + log.string());
    figures.shard_wall.push_back(run.wall);
    merge.push_back(db.string());
  }
  merge.insert(merge.end(), {"--db", (dir / "main.db").string(), "--out", (dir / "merged").string(), "--jobs",
                             std::to_string(options.jobs)});
  const fs::path merge_log = dir / "merge.log";
  const ChildRun merged = RunChild(merge, merge_log.string(), merge_log.string());
  if (merged.exit_code != 0) throw std::runtime_error("xunkao merge failed; see " + merge_log.string());
  figures.merge_wall = merged.wall;
  figures.merge_cpu = merged.cpu;
  const std::set<std::string> merged_ids = FindingIds(dir / "merged" / "findings.json");
  figures.same_findings = merged_ids == FindingIds(options.dir / "out-small" / "findings.json");
  figures.findings = merged_ids.size();
  figures.shards = shards;
  figures.ran = true;
  return figures;
}

}  // namespace xk::bench
