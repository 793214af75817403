// The demo's inspection cycle, after its audit: a 双随机 draw from the demo's bureau/ folder (a
// fixed seed, so the same list every time), two findings of PX01 handed over, one rectified with
// an attachment and re-checked, the other left past its deadline, and PX01's three on-site
// documents written into OUT/documents; the loop states are compared with what the demo expects,
// as the findings are with its key.
#pragma once

#include <filesystem>
#include <string>

namespace xk {

struct DemoCycleOutcome {
  bool as_expected = false;
  std::string table;  // one line a check, for the demo's output
};

DemoCycleOutcome RunDemoCycle(const std::filesystem::path& archive, const std::filesystem::path& out);

}  // namespace xk
