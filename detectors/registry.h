// The detector families the audit runs, each a pure function from DetectorInput to findings. The
// rules themselves (code, severity, basis, thresholds) are rows of detectors/rule_table.h.
#pragma once

#include <string>
#include <vector>

#include "detectors/detector_input.h"
#include "detectors/rule_table.h"
#include "records/finding.h"

namespace xk {

using DetectorFamily = std::vector<Finding> (*)(const DetectorInput&);
struct FamilyInfo {
  const char* name;  // e.g. "hours"
  DetectorFamily run;
};
// The rule families the audit runs, in order.
const std::vector<FamilyInfo>& DetectorFamilies();

// Runs every family; findings sorted by institution, rule, subject.
std::vector<Finding> RunAllDetectors(const DetectorInput& input);

}  // namespace xk
