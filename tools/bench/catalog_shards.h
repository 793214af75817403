// catalog_bench's sharded run: the small archive (10,000 files) audited as N shards, one process
// after the other (as N machines would run them side by side), then `xunkao merge`, against the
// single first run of the same archive: what sharding costs in all, what the merge costs (target:
// under 5 s), and that the merged findings are the single run's.
#pragma once

#include <vector>

#include "tools/bench/catalog_archives.h"
#include "tools/bench/catalog_measure.h"

namespace xk::bench {

struct ShardFigures {
  bool ran = false;
  int shards = 0;
  std::vector<double> shard_wall;  // each shard's `xunkao audit --shard`
  double merge_wall = 0;
  double merge_cpu = 0;
  double single_first = 0;     // the single first run of the archive (picture analysis included)
  bool same_findings = false;  // the merged run's finding ids are the single run's
  size_t findings = 0;
};

ShardFigures MeasureShards(const CatalogBenchOptions& options, const Archive& small, int shards);

}  // namespace xk::bench
