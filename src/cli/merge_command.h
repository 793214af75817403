// `xunkao merge SHARD_DB... --db FILE`: the second half of a sharded audit (src/audit/shard.h).
// Brings the media facts of every shard's store into the main store, then audits the archive there
// as `xunkao audit` does (its recordings are found analysed: none is opened again unless it
// changed), so findings, ids and reports are those of a single-machine audit.
#pragma once

#include "src/cli/commands.h"

namespace xk {

// Adds `merge` to the command table. Exit codes as `xunkao audit`: 0 done, 2 a usage error,
// 3 the run could not complete (a shard store unreadable or never completed: the run is marked
// failed with the reason, nothing already stored is lost; run that shard again and merge again).
AddedCommand AddMergeCommand(CLI::App& app);

}  // namespace xk
