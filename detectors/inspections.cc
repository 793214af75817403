#include "detectors/inspections.h"

#include <fmt/format.h>

namespace xk {

std::string HalfYear::Label() const { return fmt::format("{}H{}", year, half); }

HalfYear HalfYear::Next() const { return half == 1 ? HalfYear{year, 2} : HalfYear{year + 1, 1}; }

HalfYear HalfYear::Of(Date date) {
  int y, m, d;
  YmdFromDate(date, &y, &m, &d);
  return HalfYear{y, m <= 6 ? 1 : 2};
}

std::vector<Finding> DetectInspectionCoverage(const std::vector<Institution>& institutions,
                                              const InspectionHistory& history) {
  std::vector<Finding> findings;
  for (HalfYear period = history.first_watched; period < history.current; period = period.Next()) {
    const std::string label = period.Label();
    for (const auto& institution : institutions) {
      if (history.audited.count({institution.code, label})) continue;
      Finding f;
      f.rule = "INS-COVERAGE";
      f.severity = Severity::kMedium;
      f.institution = institution.code;
      f.subject = "period:" + label;
      f.measured = 0;
      f.required = 1;
      f.unit = "次";
      f.summary_zh =
          fmt::format("{}（{}）在 {} 年{}半年没有任何一次审查：执法计划要求每半年至少检查一次、全年不少于2次",
                      institution.code, institution.name, period.year, period.half == 1 ? "上" : "下");
      f.summary_en = fmt::format("{} was not audited in {}: the plan asks for at least one inspection per half-year",
                                 institution.code, label);
      f.basis = "衡应急〔2022〕27号附件5：全年对所有安全培训机构和考试机构（考试点）的检查不少于2次";
      f.rows.push_back(institution.source);
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace xk
