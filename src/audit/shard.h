// Shards: a province's recordings split across machines. `xunkao audit ARCHIVE --shard K/N`
// analyses only the recordings of shard K of N into its own store; `xunkao merge` gathers the
// shard stores' media facts into the main store and runs the audit there (the rules once, the
// reports as by a plain audit). The partition is stable (the same on every machine and every
// night, FNV-1a over the names) and by institution, room, camera and day, so one camera-day,
// whose files the coverage rules read together, is never split.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "records/civil_time.h"
#include "records/media_facts.h"

namespace xk {

struct Shard {
  int index = 0;  // 0-based (K - 1)
  int count = 1;  // N
};

// "K/N" with 1 <= K <= N <= 10000, e.g. "3/8"; nothing when it is not that.
std::optional<Shard> ParseShard(const std::string& text);

// The shard (0-based) a recording belongs to among `count`: by institution, room, camera and
// the local day of its start (from its name or recordings.csv; files without one go with their
// camera's other undated files).
int ShardOf(const RecordingFacts& recording, int count, const TimeZone& zone);

}  // namespace xk
