// `xunkao rules`: the rule catalog with the thresholds in force and their basis.
#pragma once

#include <string>

namespace xk {

int RunRulesCommand(bool chinese, const std::string& config_path);

}  // namespace xk
