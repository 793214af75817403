// The one table of rules (rules.md): code, family, default severity, what it finds, the threshold
// in force and its basis. `xunkao rules` prints it; the audit runs every family listed here.
#pragma once

#include <string>
#include <vector>

#include "detectors/detector_input.h"
#include "detectors/finding.h"

namespace xk {

struct RuleInfo {
  const char* code;
  Severity severity;
  const char* finds_zh;
  const char* finds_en;
  const char* basis;  // legal basis or reason for the default
};

// Every rule code of the catalog, in catalog order.
const std::vector<RuleInfo>& RuleCatalog();
const RuleInfo* FindRule(const std::string& code);

// "8 学时/日，07:00-22:00" — the thresholds in force for `code`, from `policy`.
std::string ThresholdText(const std::string& code, const AuditPolicy& policy, bool chinese);

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
