// `xunkao person ID`: one person from class to exam to certificate (src/person), read from the
// archive the last audit read, with every finding of that audit that names them.
#pragma once

#include "src/cli/commands.h"

namespace xk {

// Adds `person` to the command table. Exit codes: 0 the person is in the records or in a finding;
// 1 neither; 2 a usage error (no database, no archive); 3 the archive or database cannot be read.
AddedCommand AddPersonCommand(CLI::App& app);

}  // namespace xk
