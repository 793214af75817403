// `xunkao case` (cycle.md "xunkao case"): the enforcement loop. handover / rectified / recheck /
// escalate / close append an event to each finding named (with --correct, an event that replaces
// an earlier one); show prints a finding with its events; list prints the loop, one line a
// finding, optionally only the overdue ones.
#pragma once

#include <string>

#include "records/civil_time.h"
#include "src/cli/commands.h"

namespace xk {

// Adds `case` with its subcommands to the command table. Exit codes: 0 done; 2 a usage error, an
// unknown finding or event id, a step a closed case cannot take (nothing is written then); 3 the
// store could not be written.
AddedCommand AddCaseCommand(CLI::App& app);

// How many findings in the database `db` are overdue today (for `xunkao audit --fail-on overdue`).
int CountOverdueCases(const std::string& db, int recheck_days, const TimeZone& zone);

}  // namespace xk
