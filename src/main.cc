// xunkao: the composition root. The command table and all logic live in xunkao_core; the demo
// command comes from the demo library (tools/demo), the one place the product names tools/.
#include "src/cli/commands.h"
#include "src/cli/malloc_pages.h"
#include "tools/demo/demo_command.h"

int main(int argc, char** argv) {
  xk::ReexecWithLargeMallocPages(argc, argv);
  return xk::RunCommandLine(argc, argv, {xk::AddDemoCommand});
}

// Leak-sanitizer builds (XUNKAO_SANITIZE): libx265, which `xunkao demo` encodes its H.265 segment
// with, keeps a few allocations past x265_encoder_close (inside x265, not in our handles); without
// this a sanitized `xunkao demo` ends with exit 1 on them. The test program has the same line
// (tests/media/lsan_suppressions.cc). Unused in normal builds.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libx265.so\n"; }
