// The command table of the `xunkao` program (outputs.md "Commands") and its entry point.
#pragma once

#include <functional>
#include <vector>

namespace CLI {
class App;
}

namespace xk {

// A command added to the table from outside the core library (the demo, from tools/demo): its
// subcommand, with its options, and what runs it once it was chosen.
struct AddedCommand {
  CLI::App* subcommand = nullptr;
  std::function<int()> run;
};
using CommandAdder = AddedCommand (*)(CLI::App& app);

// Parses argv, runs the command and returns the exit status (0 ok, 1 --fail-on matched,
// 2 usage error, 3 the run could not complete). `extra` adds commands that live outside the core.
int RunCommandLine(int argc, char** argv, const std::vector<CommandAdder>& extra = {});

}  // namespace xk
