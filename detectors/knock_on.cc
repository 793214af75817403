#include "detectors/knock_on.h"

#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "detectors/rule_table.h"

namespace xk {

namespace {

// `knock_on` follows from `cause` when both name the same institution and class: a trainee who
// completed short of the hours (TRN-ATTENDANCE-SHORT) of a class whose timetable is itself short of
// the syllabus (TRN-HOURS-SHORT) could not have attended more; the class is what to act on.
struct KnockOnRule {
  RuleId cause;
  RuleId knock_on;
};
constexpr KnockOnRule kKnockOns[] = {
    {RuleId::kTrnHoursShort, RuleId::kTrnAttendanceShort},
};

using ClassKey = std::tuple<std::string, std::string, std::string>;  // rule, institution, class

std::optional<ClassKey> KeyOf(const Finding& f, RuleId rule) {
  if (!f.class_id) return std::nullopt;
  return ClassKey{Rule(rule).code, f.institution, *f.class_id};
}

}  // namespace

void LinkKnockOns(std::vector<Finding>* findings) {
  std::map<ClassKey, std::string> causes;  // (cause rule, institution, class) -> finding id
  for (const KnockOnRule& link : kKnockOns) {
    for (const Finding& f : *findings) {
      if (f.rule != Rule(link.cause).code) continue;
      if (auto key = KeyOf(f, link.cause)) causes.emplace(*key, f.Id());
    }
  }
  for (const KnockOnRule& link : kKnockOns) {
    for (Finding& f : *findings) {
      if (f.rule != Rule(link.knock_on).code) continue;
      auto key = KeyOf(f, link.cause);
      if (!key) continue;
      if (auto found = causes.find(*key); found != causes.end()) f.cause = found->second;
    }
  }
}

}  // namespace xk
