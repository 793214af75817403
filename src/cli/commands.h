// The command table of the `xunkao` program (outputs.md "Commands") and its entry point.
#pragma once

namespace xk {

// Parses argv, runs the command and returns the exit status (0 ok, 1 --fail-on matched,
// 2 usage error, 3 the run could not complete).
int RunCommandLine(int argc, char** argv);

}  // namespace xk
