// `xunkao serve`: the officer's workbench in a browser (src/serve), and `xunkao serve --add-user`
// to add an officer's account to a users file (the password read from stdin).
#pragma once

#include "src/cli/commands.h"

namespace xk {

// Adds `serve` to the command table. Exit codes: 0 stopped cleanly or the account was added;
// 2 a usage error (a non-loopback --listen without --users, a bad users file, no database);
// 3 the address cannot be bound or the store cannot be opened.
AddedCommand AddServeCommand(CLI::App& app);

}  // namespace xk
