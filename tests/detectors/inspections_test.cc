#include "detectors/inspections.h"

#include <gtest/gtest.h>

namespace xk {
namespace {

TEST(InspectionCoverage, EveryWatchedHalfYearThatIsOverNeedsAnAudit) {
  std::vector<Institution> institutions = {{"PX01", "学校", InstitutionKind::kTraining, "", {"institutions.csv", 2}},
                                           {"KS01", "考点", InstitutionKind::kExam, "", {"institutions.csv", 3}}};
  InspectionHistory history;
  history.first_watched = {2025, 2};
  history.current = {2026, 2};
  history.audited = {{"PX01", "2025H2"}, {"PX01", "2026H1"}, {"KS01", "2025H2"}, {"KS01", "2026H2"}};
  auto findings = DetectInspectionCoverage(institutions, history);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].institution, "KS01");
  EXPECT_EQ(findings[0].subject, "period:2026H1");
  EXPECT_EQ(findings[0].rule, "INS-COVERAGE");
  EXPECT_NE(findings[0].summary_zh.find("上半年"), std::string::npos);
}

TEST(InspectionCoverage, TheCurrentHalfYearAndTheTimeBeforeTheDatabaseAreNotJudged) {
  std::vector<Institution> institutions = {{"PX01", "学校", InstitutionKind::kTraining, "", {}}};
  InspectionHistory history;
  history.first_watched = {2026, 2};
  history.current = {2026, 2};
  EXPECT_TRUE(DetectInspectionCoverage(institutions, history).empty());
  EXPECT_EQ(HalfYear::Of(DateFromYmd(2026, 6, 30)).Label(), "2026H1");
  EXPECT_EQ(HalfYear::Of(DateFromYmd(2026, 7, 1)).Label(), "2026H2");
  EXPECT_EQ((HalfYear{2026, 2}.Next()).Label(), "2027H1");
}

}  // namespace
}  // namespace xk
