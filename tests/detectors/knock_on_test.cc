// Knock-on findings name their cause: a trainee short of hours in a class whose timetable is
// short; not a trainee of another class, another institution, nor when the class is not short.
#include "detectors/knock_on.h"

#include <gtest/gtest.h>

#include "detectors/rule_table.h"

namespace xk {
namespace {

Finding Make(RuleId rule, const std::string& institution, const std::string& class_id, const std::string& subject) {
  Finding f = NewFinding(rule, institution, subject, std::nullopt);
  f.class_id = class_id;
  return f;
}

TEST(KnockOn, ATraineeShortInAShortClassNamesTheClassFinding) {
  std::vector<Finding> findings = {
      Make(RuleId::kTrnHoursShort, "PX01", "C02", "C02"),
      Make(RuleId::kTrnAttendanceShort, "PX01", "C02", "C02|t1"),
      Make(RuleId::kTrnAttendanceShort, "PX01", "C03", "C03|t2"),  // its class is not short
      Make(RuleId::kTrnAttendanceShort, "PX02", "C02", "C02|t3"),  // same class id elsewhere
      Make(RuleId::kTrnHoursOverclaim, "PX01", "C02", "C02"),      // not a knock-on rule
  };
  LinkKnockOns(&findings);
  EXPECT_EQ(findings[1].cause, findings[0].Id());
  EXPECT_FALSE(findings[2].cause);
  EXPECT_FALSE(findings[3].cause);
  EXPECT_FALSE(findings[4].cause);
  EXPECT_FALSE(findings[0].cause) << "a cause has no cause";
}

}  // namespace
}  // namespace xk
