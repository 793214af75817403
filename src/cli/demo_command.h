// `xunkao demo [DIR]`: writes the demo archive (records and real video, violations injected, a
// key of the truth), audits it, and prints where the report is, a summary by rule, and how the
// findings compare with the key.
#pragma once

#include <cstdint>
#include <string>

namespace xk {

struct DemoOptions {
  std::string dir = "xunkao-demo";
  uint32_t seed = 1;
  bool chinese = true;
  int extra_institutions = 0;  // --scale
  bool no_video = false;
};

int RunDemoCommand(const DemoOptions& options);

}  // namespace xk
