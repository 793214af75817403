// xunkao: the composition root. The command table and all logic live in xunkao_core; the demo
// command comes from the demo library (tools/demo), the one place the product names tools/.
#include "src/cli/commands.h"
#include "src/cli/malloc_pages.h"
#include "tools/demo/demo_command.h"

int main(int argc, char** argv) {
  xk::ReexecWithLargeMallocPages(argc, argv);
  return xk::RunCommandLine(argc, argv, {xk::AddDemoCommand});
}
