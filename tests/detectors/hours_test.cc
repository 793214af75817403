// The hour rules on hand-built classes, with their boundaries.
#include "detectors/hours.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "detectors/hours_math.h"

namespace xk {
namespace {

class HoursRules : public ::testing::Test {
 protected:
  HoursRules() : syllabus_(Syllabus::BuiltIn()) {}

  TrainingClass& AddClass(const std::string& id, Category category, const std::string& industry, Cycle cycle,
                          std::optional<double> declared, Date start, Date end, const std::string& job_type = "") {
    TrainingClass c;
    c.institution = "PX01";
    c.class_id = id;
    c.category = category;
    c.industry = industry;
    c.job_type = job_type;
    c.cycle = cycle;
    c.declared_hours = declared;
    c.start_date = start;
    c.end_date = end;
    c.source = {"training/PX01/classes.csv", static_cast<int>(model_.classes.size()) + 2};
    model_.classes.push_back(c);
    return model_.classes.back();
  }

  // A session on `date` from start_minute for `minutes`.
  void AddSession(const std::string& class_id, Date date, int start_minute, int minutes, SessionMode mode,
                  std::optional<double> claimed = std::nullopt, const std::string& topic = "安全管理") {
    TrainingSession s;
    s.institution = "PX01";
    s.class_id = class_id;
    s.session_id = class_id + "-" + std::to_string(model_.sessions.size() + 1);
    s.date = date;
    s.start = ToInstant(date, start_minute * 60, policy_.zone);
    s.end = s.start + minutes * 60;
    s.mode = mode;
    s.topic = topic;
    s.claimed_hours = claimed;
    s.source = {"training/PX01/sessions.csv", static_cast<int>(model_.sessions.size()) + 2};
    model_.sessions.push_back(s);
  }

  // `days` days of four 90-minute blocks (8 学时 a day).
  void AddDays(const std::string& class_id, Date first, int days, SessionMode mode) {
    for (int d = 0; d < days; ++d) {
      for (int start : {8 * 60 + 30, 10 * 60 + 15, 13 * 60 + 30, 15 * 60 + 15}) {
        AddSession(class_id, Date{first.days + d}, start, 90, mode, 2.0);
      }
    }
  }

  std::vector<Finding> Run() {
    std::vector<RecordingFacts> recordings;
    DetectorInput input{model_, policy_, syllabus_, recordings};
    return DetectHoursRules(input);
  }

  static std::vector<const Finding*> Of(const std::vector<Finding>& findings, const std::string& rule) {
    std::vector<const Finding*> out;
    for (const auto& f : findings) {
      if (f.rule == rule) out.push_back(&f);
    }
    return out;
  }

  ArchiveModel model_;
  AuditPolicy policy_;
  Syllabus syllabus_;
  Date day_ = DateFromYmd(2022, 3, 7);
};

TEST_F(HoursRules, ExactlyAtTheMinimumPasses) {
  AddClass("C01", Category::kSafetyManager, "危险化学品", Cycle::kInitial, 48, day_, Date{day_.days + 5});
  AddDays("C01", day_, 6, SessionMode::kTheory);
  EXPECT_TRUE(Run().empty());
}

TEST_F(HoursRules, CompressedClassIsFlaggedWithItsNumbers) {
  AddClass("C02", Category::kSafetyManager, "非煤矿山", Cycle::kInitial, 48, day_, Date{day_.days + 5});
  AddDays("C02", day_, 4, SessionMode::kTheory);
  auto findings = Run();
  auto short_hours = Of(findings, "TRN-HOURS-SHORT");
  ASSERT_EQ(short_hours.size(), 1u);
  EXPECT_DOUBLE_EQ(*short_hours[0]->measured, 32.0);
  EXPECT_DOUBLE_EQ(*short_hours[0]->required, 48.0);
  EXPECT_NE(short_hours[0]->summary_zh.find("32.0"), std::string::npos);
  EXPECT_EQ(short_hours[0]->rows.size(), 1u + 16u);  // the class row and its 16 timetable rows
  auto overclaim = Of(findings, "TRN-HOURS-OVERCLAIM");
  ASSERT_EQ(overclaim.size(), 1u);
  EXPECT_DOUBLE_EQ(*overclaim[0]->required, 48.0);
  EXPECT_DOUBLE_EQ(*overclaim[0]->measured, 32.0);
}

TEST_F(HoursRules, FortyFourMinutesIsNotOneHour) {
  EXPECT_LT(HoursFromSeconds(44 * 60, SessionMode::kTheory, policy_), 1.0);
  EXPECT_DOUBLE_EQ(HoursFromSeconds(45 * 60, SessionMode::kTheory, policy_), 1.0);
  EXPECT_DOUBLE_EQ(HoursFromSeconds(45 * 60 + 59, SessionMode::kTheory, policy_), 1.0);
  // A refresher of 12 学时 held in 12 blocks of 44 minutes is short.
  AddClass("C03", Category::kPrincipal, "工贸", Cycle::kRefresher, 12, day_, Date{day_.days + 1});
  for (int i = 0; i < 12; ++i)
    AddSession("C03", Date{day_.days + i / 6}, 8 * 60 + 50 * (i % 6), 44, SessionMode::kTheory);
  auto findings = Run();
  ASSERT_EQ(Of(findings, "TRN-HOURS-SHORT").size(), 1u);
  EXPECT_NEAR(*Of(findings, "TRN-HOURS-SHORT")[0]->measured, 12 * 44.0 / 45.0, 1e-9);
}

TEST_F(HoursRules, OnlineSessionCountsAtThirtyMinutes) {
  TrainingSession s;
  s.mode = SessionMode::kOnline;
  s.start = 0;
  s.end = 30 * 60;
  EXPECT_DOUBLE_EQ(BackedHours(s, policy_), 1.0);
  s.mode = SessionMode::kTheory;
  EXPECT_LT(BackedHours(s, policy_), 1.0);  // 30 offline minutes are not one 学时
}

TEST_F(HoursRules, ClaimedHoursNeverCountBeyondTheTimes) {
  AddClass("C04", Category::kNewEmployee, "烟花爆竹", Cycle::kInitial, 72, day_, day_);
  for (int i = 0; i < 6; ++i) AddSession("C04", day_, 8 * 60 + 120 * i, 120, SessionMode::kTheory, 12.0);
  auto findings = Run();
  auto short_hours = Of(findings, "TRN-HOURS-SHORT");
  ASSERT_EQ(short_hours.size(), 1u);
  EXPECT_NEAR(*short_hours[0]->measured, 6 * 120 / 45.0, 1e-9);
  EXPECT_EQ(Of(findings, "TRN-HOURS-OVERCLAIM").size(), 2u);  // declared, and per session
  EXPECT_EQ(Of(findings, "TRN-DAILY-OVERLOAD").size(), 1u);   // 16 学时 in a day, until 20:00
  EXPECT_EQ(Of(findings, "TRN-SPAN-SHORT").size(), 1u);       // 1 day x 8 < 72
}

TEST_F(HoursRules, OverclaimToleranceIsOneHour) {
  // 170 minutes claimed as 4 学时 (3.78 backed) is within the tolerance; claimed as 5 is not.
  AddClass("C05", Category::kPrincipal, "其他", Cycle::kRefresher, std::nullopt, day_, day_);
  AddSession("C05", day_, 9 * 60, 170, SessionMode::kTheory, 4.0);
  AddSession("C05", day_, 13 * 60, 240, SessionMode::kTheory, 4.0);
  EXPECT_TRUE(Of(Run(), "TRN-HOURS-OVERCLAIM").empty());
  model_.sessions[0].claimed_hours = 5.0;
  EXPECT_EQ(Of(Run(), "TRN-HOURS-OVERCLAIM").size(), 1u);
}

TEST_F(HoursRules, MockExamTimeIsNeverTeaching) {
  AddClass("C06", Category::kPrincipal, "工贸", Cycle::kInitial, 32, day_, Date{day_.days + 4});
  AddDays("C06", day_, 4, SessionMode::kTheory);
  AddSession("C06", Date{day_.days + 4}, 8 * 60 + 30, 90, SessionMode::kTheory, 2.0, "考前冲刺：题库刷题");
  AddSession("C06", Date{day_.days + 4}, 10 * 60 + 15, 90, SessionMode::kMockExam, 2.0, "模拟考试");
  auto findings = Run();
  auto mock = Of(findings, "TRN-MOCK-SUBSTITUTION");
  ASSERT_EQ(mock.size(), 1u);
  EXPECT_DOUBLE_EQ(*mock[0]->measured, 4.0);
  EXPECT_TRUE(Of(findings, "TRN-HOURS-SHORT").empty());  // 32 real hours remain
  EXPECT_TRUE(Of(findings, "TRN-HOURS-OVERCLAIM").empty());
}

TEST_F(HoursRules, PracticalAndOfflineTheoryMinimums) {
  AddClass("C07", Category::kSpecialOperation, "", Cycle::kInitial, 148, day_, Date{day_.days + 18}, "低压电工作业");
  AddDays("C07", day_, 16, SessionMode::kTheory);
  AddDays("C07", Date{day_.days + 16}, 3, SessionMode::kPractical);  // 24 of 60
  auto findings = Run();
  auto practical = Of(findings, "TRN-PRACTICAL-SHORT");
  ASSERT_EQ(practical.size(), 1u);
  EXPECT_DOUBLE_EQ(*practical[0]->measured, 24.0);
  EXPECT_DOUBLE_EQ(*practical[0]->required, 60.0);
  EXPECT_TRUE(Of(findings, "TRN-OFFLINE-THEORY-SHORT").empty());

  // The offline-theory share exists from 2024-07-01 (AQ 8011-2023): a class of 2024-09.
  const Date later = DateFromYmd(2024, 9, 2);
  AddClass("C08", Category::kSpecialOperation, "", Cycle::kInitial, 104, later, Date{later.days + 20}, "电力电缆作业");
  for (int d = 0; d < 16; ++d) AddSession("C08", Date{later.days + d}, 9 * 60, 120, SessionMode::kOnline, 4.0);
  AddDays("C08", Date{later.days + 16}, 5, SessionMode::kPractical);
  auto theory_findings = Run();  // kept alive: Of() points into it
  auto theory = Of(theory_findings, "TRN-OFFLINE-THEORY-SHORT");
  ASSERT_EQ(theory.size(), 1u);
  EXPECT_NEAR(*theory[0]->required, 64 * 0.3, 1e-9);
  EXPECT_DOUBLE_EQ(*theory[0]->measured, 0.0);
}

TEST_F(HoursRules, PlanHoursAndSyllabusOverride) {
  AddClass("C09", Category::kSafetyManager, "危险化学品", Cycle::kInitial, 50, day_, Date{day_.days + 6});
  AddDays("C09", day_, 7, SessionMode::kTheory);
  EXPECT_TRUE(Of(Run(), "TRN-PLAN-HOURS").empty());  // 50 >= 48 nationally
  syllabus_.Override({SyllabusRow{Category::kSafetyManager, "危险化学品", "", Cycle::kInitial, 56, 16, std::nullopt,
                                  "长春市危险化学品安全管理人员培训大纲"}});
  auto plan_findings = Run();  // kept alive: Of() points into it
  auto plan = Of(plan_findings, "TRN-PLAN-HOURS");
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_DOUBLE_EQ(*plan[0]->required, 56.0);
  EXPECT_NE(plan[0]->basis.find("长春"), std::string::npos);
}

TEST_F(HoursRules, DailyCapBoundary) {
  AddClass("C10", Category::kPrincipal, "工贸", Cycle::kInitial, 32, day_, Date{day_.days + 3});
  AddDays("C10", day_, 4, SessionMode::kTheory);  // exactly 8 a day
  EXPECT_TRUE(Run().empty());
  AddSession("C10", day_, 17 * 60, 45, SessionMode::kTheory, 1.0);  // a ninth 学时 on the first day
  auto daily_findings = Run();                                      // kept alive: Of() points into it
  auto daily = Of(daily_findings, "TRN-DAILY-OVERLOAD");
  ASSERT_EQ(daily.size(), 1u);
  EXPECT_DOUBLE_EQ(*daily[0]->measured, 9.0);
}

TEST_F(HoursRules, FindingIdsAreStable) {
  AddClass("C11", Category::kSafetyManager, "非煤矿山", Cycle::kInitial, 48, day_, Date{day_.days + 5});
  AddDays("C11", day_, 4, SessionMode::kTheory);
  auto first = Run();
  AddSession("C11", Date{day_.days + 4}, 8 * 60, 90, SessionMode::kTheory);  // more hours, same fact
  auto second = Run();
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(Of(first, "TRN-HOURS-SHORT")[0]->Id(), Of(second, "TRN-HOURS-SHORT")[0]->Id());
}

}  // namespace
}  // namespace xk
