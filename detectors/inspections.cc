#include "detectors/inspections.h"

#include <fmt/format.h>

#include "detectors/rule_table.h"

namespace xk {

std::vector<Finding> DetectInspectionCoverage(const std::vector<Institution>& institutions,
                                              const InspectionHistory& history) {
  std::vector<Finding> findings;
  for (HalfYear period = history.first_watched; period < history.current; period = period.Next()) {
    const std::string label = period.Label();
    for (const auto& institution : institutions) {
      if (history.audited.count({institution.code, label})) continue;
      const Date period_start = period.FirstDay();
      if (!AppliesOn(RuleId::kInsCoverage, period_start)) continue;
      Finding f = NewFinding(RuleId::kInsCoverage, institution.code, "period:" + label, period_start);
      f.measured = 0;
      f.required = 1;
      f.unit = "次";
      f.summary_zh =
          fmt::format("{}（{}）在 {} 年{}半年没有任何一次审查：执法计划要求每半年至少检查一次、全年不少于2次",
                      institution.code, institution.name, period.year, period.half == 1 ? "上" : "下");
      f.summary_en = fmt::format("{} was not audited in {}: the plan asks for at least one inspection per half-year",
                                 institution.code, label);
      f.rows.push_back(institution.source);
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace xk
