// The exam-result rules and Fisher's exact test, fed with structs: each case beside its clean
// look-alike (one resit is clean, 25 minutes is clean, an honest 5/5 class is not flagged).
#include "detectors/exam_results.h"

#include <gtest/gtest.h>

#include "detectors/fisher_exact.h"
#include "tests/support/test_model.h"

namespace xk {
namespace {

TEST(FisherExact, MatchesPublishedValues) {
  // Fisher's tea-tasting lady: 3 of 4 cups right, one-sided p = 17/70.
  EXPECT_NEAR(FisherExactGreater(3, 1, 1, 3), 0.2429, 5e-5);
  EXPECT_NEAR(FisherExactGreater(4, 0, 0, 4), 1.0 / 70, 1e-9);
  // Wikipedia's dieting example (men 1 of 10 dieting, women 11 of 14): the observed table has
  // probability 0.001346 and the one-sided p adds the one more extreme table: (3640 + 91) /
  // C(24, 12) = 0.0013797 (columns swapped to ask "greater").
  EXPECT_NEAR(FisherExactGreater(9, 1, 3, 11), 3731.0 / 2704156.0, 1e-9);
  EXPECT_NEAR(FisherExactGreater(9, 1, 3, 11) - FisherExactGreater(10, 0, 2, 12), 0.001346, 5e-7);
  EXPECT_DOUBLE_EQ(FisherExactGreater(0, 5, 0, 5), 1.0);
  EXPECT_DOUBLE_EQ(FisherExactGreater(0, 0, 0, 0), 1.0);
  // Large tables stay finite.
  const double p = FisherExactGreater(90000, 10000, 80000, 20000);
  EXPECT_GE(p, 0.0);
  EXPECT_LT(p, 1e-100);
}

class ExamResults : public ::testing::Test, public test::TestModel {
 protected:
  void Session(const std::string& centre, const std::string& id, Date date, int hour, ExamMode mode) {
    AddExamSession(centre, id, date, hour, mode);
  }
  Candidate& Sit(const std::string& centre, const std::string& session, const std::string& person, bool passed,
                 const std::string& institution = "PX01", const std::string& job = "低压电工作业") {
    Candidate& c = AddCandidate(centre, session, person, passed);
    c.training_institution = institution;
    c.category = Category::kSpecialOperation;
    c.job_type = job;
    return c;
  }
  std::vector<Finding> Run(const std::string& rule) { return test::OfRule(DetectExamResultRules(Input()), rule); }
  TimeZone zone;
  const Date d1 = DateFromYmd(2022, 4, 1), d2 = DateFromYmd(2022, 4, 8), d3 = DateFromYmd(2022, 4, 15);
};

TEST_F(ExamResults, AThirdSittingWithoutTrainingIsFlaggedOneResitIsNot) {
  Session("KS01", "A", d1, 9, ExamMode::kTheory);
  Session("KS01", "B", d2, 9, ExamMode::kTheory);
  Session("KS01", "C", d3, 9, ExamMode::kTheory);
  Sit("KS01", "A", "P1", false);
  Sit("KS01", "B", "P1", false);
  Sit("KS01", "C", "P1", true);
  Sit("KS01", "A", "P2", false);  // one resit: clean
  Sit("KS01", "B", "P2", true);
  auto found = Run("EXM-RESIT-EXCESS");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trainee_id, "P1");
  EXPECT_EQ(found[0].session_id, "C");
  EXPECT_EQ(found[0].measured, 3);
  EXPECT_EQ(found[0].rows.size(), 6u);  // the three candidate rows and their room records
}

TEST_F(ExamResults, AnIdASpreadsheetTurnedIntoANumberOrLeftEmptyIsNoOnesSeries) {
  // Three different people whose IDs Excel wrote as 4.30422E+17, and three without an ID, each
  // sitting once on another day: not one person sitting three times (EXM-CANDIDATE-DATA reports
  // the IDs themselves).
  Session("KS01", "A", d1, 9, ExamMode::kTheory);
  Session("KS01", "B", d2, 9, ExamMode::kTheory);
  Session("KS01", "C", d3, 9, ExamMode::kTheory);
  Session("KS02", "N", d3, 9, ExamMode::kTheory);
  for (const char* session : {"A", "B", "C"}) {
    Sit("KS01", session, "4.30422E+17", false);
    Sit("KS01", session, "", false);
  }
  Sit("KS02", "N", "4.30422E+17", false);
  EXPECT_TRUE(Run("EXM-RESIT-EXCESS").empty());
  EXPECT_TRUE(Run("EXM-DOUBLE-SITTING").empty());
}

TEST_F(ExamResults, RetrainingBetweenSittingsResetsTheCountAndTheAttemptColumnCounts) {
  Session("KS01", "A", d1, 9, ExamMode::kTheory);
  Session("KS01", "B", d2, 9, ExamMode::kTheory);
  Session("KS01", "C", d3, 9, ExamMode::kTheory);
  Sit("KS01", "A", "P1", false);
  Sit("KS01", "B", "P1", false);
  Sit("KS01", "C", "P1", true);
  TrainingClass cls;
  cls.institution = "PX01";
  cls.class_id = "R1";
  cls.category = Category::kSpecialOperation;
  cls.job_type = "低压电工作业";
  cls.start_date = DateFromYmd(2022, 4, 9);
  cls.end_date = DateFromYmd(2022, 4, 12);
  model.classes.push_back(cls);
  model.trainees.push_back(Trainee{"PX01", "R1", "P1", "张三", true, {}});
  Sit("KS01", "C", "P3", true).attempt = 3;  // the centre's own count says a third sitting
  Sit("KS01", "C", "P4", true).attempt = 2;  // the one resit: clean
  auto found = Run("EXM-RESIT-EXCESS");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trainee_id, "P3");
}

TEST_F(ExamResults, PracticalBeforeThePassedTheory) {
  Session("KS01", "T", d1, 9, ExamMode::kTheory);
  Session("KS01", "P", d1, 14, ExamMode::kPractical);
  Session("KS01", "T2", d2, 9, ExamMode::kTheory);
  Sit("KS01", "T", "P1", true);  // theory passed in the morning: clean
  Sit("KS01", "P", "P1", true);
  Sit("KS01", "T", "P2", false);  // failed the theory, sat the practical anyway
  Sit("KS01", "P", "P2", true);
  Sit("KS01", "T2", "P2", true);  // passed the theory only later
  auto found = Run("EXM-PRACTICAL-BEFORE-THEORY");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trainee_id, "P2");
  EXPECT_EQ(found[0].session_id, "P");
}

TEST_F(ExamResults, AFastPassIsFlaggedAFastFailAndANormalPassAreNot) {
  Session("KS01", "T", d1, 9, ExamMode::kTheory);
  const Instant start = ToInstant(d1, 9 * 3600, zone);
  auto timed = [&](const std::string& id, bool passed, int minutes) {
    Candidate& c = Sit("KS01", "T", id, passed);
    c.started = start;
    c.submitted = start + minutes * 60;
  };
  timed("P1", true, 4);
  timed("P2", false, 4);
  timed("P3", true, 20);  // exactly the threshold: clean
  timed("P4", true, 45);
  auto found = Run("EXM-SUBMIT-FAST");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trainee_id, "P1");
  EXPECT_DOUBLE_EQ(*found[0].measured, 4.0);
  EXPECT_NE(found[0].summary_zh.find("4.0 分钟"), std::string::npos) << found[0].summary_zh;
}

TEST_F(ExamResults, AFarHigherPassRateIsASignalAnHonestSmallClassIsNot) {
  Session("KS01", "T", d1, 9, ExamMode::kTheory);
  for (int i = 0; i < 12; ++i) Sit("KS01", "T", "A" + std::to_string(i), true, "PX02");
  for (int i = 0; i < 30; ++i) Sit("KS01", "T", "B" + std::to_string(i), i < 10, "PX03");
  for (int i = 0; i < 5; ++i) Sit("KS01", "T", "C" + std::to_string(i), true, "PX04");  // 5/5: too few to judge
  auto found = Run("EXM-PASS-RATE");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].institution, "PX02");
  EXPECT_EQ(found[0].severity, Severity::kMedium);
  EXPECT_NE(found[0].summary_zh.find("12/12"), std::string::npos) << found[0].summary_zh;
  EXPECT_NE(found[0].summary_zh.find("15/35"), std::string::npos) << found[0].summary_zh;
  EXPECT_NE(found[0].summary_zh.find("p = "), std::string::npos);
}

TEST_F(ExamResults, TheSameExamAtTwoCentresOnOneDay) {
  Session("KS01", "T", d1, 9, ExamMode::kTheory);
  Session("KS02", "N", d1, 9, ExamMode::kTheory);
  Session("KS02", "M", d1, 14, ExamMode::kPractical);
  Sit("KS01", "T", "P1", true);
  Sit("KS02", "N", "P1", true);
  Sit("KS01", "T", "P2", true);  // theory at one centre, practical at another: clean
  Sit("KS02", "M", "P2", true);
  Sit("KS01", "T", "P3", true, "PX01", "高压电工作业");  // another job the same day: clean
  Sit("KS02", "N", "P3", true);
  auto found = Run("EXM-DOUBLE-SITTING");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trainee_id, "P1");
  EXPECT_EQ(found[0].rows.size(), 4u);
}

}  // namespace
}  // namespace xk
