// `xunkao demo [DIR]`: writes the demo archive (records and real video, violations injected, a
// key of the truth), audits it, and prints where the report is, a summary by rule, and how the
// findings compare with the key. The scale options make the archive larger with clean material
// only, so the score against the key stays meaningful at any size. Part of the demo library, not of
// the core: only the binary's main and the tests link it.
#pragma once

#include <cstdint>
#include <string>

#include "src/cli/commands.h"
#include "tools/demo/demo_archive.h"

namespace xk {

struct DemoOptions {
  std::string dir = "xunkao-demo";
  uint32_t seed = 1;
  bool chinese = true;
  DemoScale scale;  // --institutions, --classes, --exam-days, --cameras, --exam-minutes, --resolution, --fps,
                    // --no-video
};

// Parses "1280x720" (even sides, 16x16 to 3840x2160). Returns "" and sets width and height, or
// says what is wrong.
std::string ParseDemoResolution(const std::string& text, int* width, int* height);

// Exit code: 0 when every expected finding is found and no false one, 1 otherwise, 3 when the
// audit could not run.
int RunDemoCommand(const DemoOptions& options);

// Adds `demo` and its options to the command table (src/main.cc passes it to RunCommandLine).
AddedCommand AddDemoCommand(CLI::App& app);

}  // namespace xk
