#include "detectors/exam_records.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace xk {
namespace {

constexpr char kProctorA[] = "110105199003070017";
constexpr char kProctorB[] = "110105199003070025";
constexpr char kTeacher[] = "11010519491231002X";

// Exam centre KS01 and training institutions PX01 and PX02.
struct ExamWorld {
  ArchiveModel model;
  AuditPolicy policy;
  Syllabus syllabus;
  std::vector<RecordingFacts> recordings;
  int line = 2;

  ExamWorld() {
    model.institutions.push_back(Institution{"KS01", "市安全生产考试中心", InstitutionKind::kExam, "", {}});
    model.institutions.push_back(Institution{"PX01", "市安全培训中心", InstitutionKind::kTraining, "", {}});
    model.institutions.push_back(Institution{"PX02", "某职业培训学校", InstitutionKind::kTraining, "", {}});
  }

  Instant At(int hour, int minute) const {
    return ToInstant(DateFromYmd(2022, 4, 15), hour * 3600 + minute * 60, policy.zone);
  }

  ExamPlanEntry& Plan(const std::string& id, int sh, int sm, int eh, int em, const std::string& room,
                      ExamMode mode = ExamMode::kTheory) {
    ExamPlanEntry p;
    p.institution = "KS01";
    p.session_id = id;
    p.date = DateFromYmd(2022, 4, 15);
    p.start = At(sh, sm);
    p.end = At(eh, em);
    p.room = room;
    p.mode = mode;
    p.source = SourceRef{"exams/KS01/plan.csv", line++};
    model.exam_plan.push_back(p);
    return model.exam_plan.back();
  }

  ExamSession& Hold(const std::string& id, int sh, int sm, int eh, int em, const std::string& room,
                    std::vector<std::string> proctors, std::vector<std::string> examiners = {},
                    std::optional<ExamMode> mode = std::nullopt) {
    ExamSession s;
    s.institution = "KS01";
    s.session_id = id;
    s.date = DateFromYmd(2022, 4, 15);
    s.start = At(sh, sm);
    s.end = At(eh, em);
    s.room = room;
    s.proctors = std::move(proctors);
    s.examiners = std::move(examiners);
    s.mode = mode;
    s.source = SourceRef{"exams/KS01/sessions.csv", line++};
    model.exam_sessions.push_back(s);
    return model.exam_sessions.back();
  }

  void AddCandidate(const std::string& session, const std::string& id, const std::string& training) {
    xk::Candidate c;
    c.institution = "KS01";
    c.session_id = session;
    c.candidate_id = id;
    c.name = "考生";
    c.training_institution = training;
    c.class_id = "C1";
    c.source = SourceRef{"exams/KS01/candidates.csv", line++};
    model.candidates.push_back(c);
  }

  std::vector<Finding> Run(const std::string& rule) const {
    auto all = DetectExamRecordRules(DetectorInput{model, policy, syllabus, recordings});
    std::vector<Finding> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Finding& f) { return f.rule == rule; });
    return out;
  }
};

// ------------------------------------------------------------------ EXM-PROCTOR-SHORT

TEST(ExamRecordProctorTest, TwoProctorsPassOneFails) {
  ExamWorld w;
  w.Plan("E1", 9, 0, 11, 0, "A");
  w.Plan("E2", 9, 0, 11, 0, "B");
  w.Hold("E1", 9, 0, 11, 0, "A", {kProctorA, kProctorB});
  w.Hold("E2", 9, 0, 11, 0, "B", {kProctorA});
  auto findings = w.Run("EXM-PROCTOR-SHORT");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.institution, "KS01");
  EXPECT_EQ(f.session_id, "E2");
  EXPECT_EQ(f.room, "B");
  EXPECT_EQ(f.subject, "session=E2|role=proctor");
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_DOUBLE_EQ(*f.measured, 1);
  EXPECT_DOUBLE_EQ(*f.required, 2);
  EXPECT_EQ(f.unit, "人");
  EXPECT_EQ(f.people, std::vector<std::string>{kProctorA});
  EXPECT_NE(f.summary_zh.find("仅有 1 名监考人员"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_zh.find("考试方式取自考试计划"), std::string::npos) << f.summary_zh;
}

TEST(ExamRecordProctorTest, OnePersonListedTwiceCountsOnce) {
  ExamWorld w;
  w.Plan("E1", 9, 0, 11, 0, "A");
  w.Hold("E1", 9, 0, 11, 0, "A", {kTeacher, "11010519491231002x"});
  auto findings = w.Run("EXM-PROCTOR-SHORT");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_DOUBLE_EQ(*findings[0].measured, 1);
}

TEST(ExamRecordProctorTest, PracticalSessionNeedsExaminers) {
  ExamWorld w;
  w.Plan("P1", 13, 0, 15, 0, "实操1", ExamMode::kPractical);
  w.Hold("P1", 13, 0, 15, 0, "实操1", {}, {kProctorA});
  auto findings = w.Run("EXM-PROCTOR-SHORT");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].subject, "session=P1|role=examiner");
  EXPECT_NE(findings[0].summary_zh.find("考评人员"), std::string::npos);
}

TEST(ExamRecordProctorTest, SessionsOwnModeWinsOverThePlan) {
  ExamWorld w;
  w.Plan("P1", 13, 0, 15, 0, "A", ExamMode::kTheory);
  w.Hold("P1", 13, 0, 15, 0, "A", {}, {kProctorA, kProctorB}, ExamMode::kPractical);
  EXPECT_TRUE(w.Run("EXM-PROCTOR-SHORT").empty());
}

TEST(ExamRecordProctorTest, NoModeAnywhereIsHeldToBothMinimums) {
  ExamWorld w;
  w.Hold("X1", 9, 0, 11, 0, "A", {kProctorA, kProctorB});
  auto findings = w.Run("EXM-PROCTOR-SHORT");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].subject, "session=X1|role=examiner");
  EXPECT_DOUBLE_EQ(*findings[0].measured, 0);
  EXPECT_NE(findings[0].summary_zh.find("未安排任何考评人员"), std::string::npos) << findings[0].summary_zh;
}

// ------------------------------------------------------------------ EXM-PROCTOR-CONFLICT

TEST(ExamRecordConflictTest, ProctorTeachingAtTheCandidatesInstitution) {
  ExamWorld w;
  w.model.teachers.push_back(
      Teacher{"PX01", kTeacher, "李老师", "讲师", 10, SourceRef{"training/PX01/teachers.csv", 2}});
  w.model.staff.push_back(StaffMember{"KS01", kTeacher, "李老师", StaffRole::kProctor, "市安全培训中心",
                                      SourceRef{"exams/KS01/staff.csv", 2}});
  w.Plan("E1", 9, 0, 11, 0, "A");
  w.Hold("E1", 9, 0, 11, 0, "A", {kProctorA, "11010519491231002x"});
  w.AddCandidate("E1", "430402198505120018", "PX01");
  w.AddCandidate("E1", "440306197511203319", "PX02");
  auto findings = w.Run("EXM-PROCTOR-CONFLICT");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.institution, "KS01");
  EXPECT_EQ(f.subject, "session=E1|staff=11010519491231002X|training=PX01");
  EXPECT_EQ(f.people, std::vector<std::string>{"11010519491231002x"});
  EXPECT_EQ(f.severity, Severity::kHigh);
  // The room record, the teachers.csv row and the PX01 candidate row.
  EXPECT_EQ(f.rows.size(), 3u);
  EXPECT_NE(f.summary_zh.find("李老师"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_zh.find("PX01"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_zh.find("KS01"), std::string::npos) << f.summary_zh;
}

TEST(ExamRecordConflictTest, TeachingFoundInTheTimetableAlsoCounts) {
  ExamWorld w;
  TrainingSession s;
  s.institution = "PX02";
  s.class_id = "K1";
  s.session_id = "S1";
  s.teacher_id = kProctorB;
  s.source = SourceRef{"training/PX02/sessions.csv", 5};
  w.model.sessions.push_back(s);
  w.Plan("P1", 13, 0, 15, 0, "A", ExamMode::kPractical);
  w.Hold("P1", 13, 0, 15, 0, "A", {}, {kProctorA, kProctorB});
  w.AddCandidate("P1", "430402198505120018", "PX02");
  auto findings = w.Run("EXM-PROCTOR-CONFLICT");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].subject, std::string("session=P1|staff=") + kProctorB + "|training=PX02");
  EXPECT_NE(findings[0].summary_zh.find("考评人员"), std::string::npos);
}

TEST(ExamRecordConflictTest, TeacherOfAnInstitutionWithNoCandidatesInTheSessionIsFine) {
  ExamWorld w;
  w.model.teachers.push_back(
      Teacher{"PX01", kTeacher, "李老师", "讲师", 10, SourceRef{"training/PX01/teachers.csv", 2}});
  w.Plan("E1", 9, 0, 11, 0, "A");
  w.Hold("E1", 9, 0, 11, 0, "A", {kProctorA, kTeacher});
  w.AddCandidate("E1", "440306197511203319", "PX02");
  EXPECT_TRUE(w.Run("EXM-PROCTOR-CONFLICT").empty());
}

// ------------------------------------------------------------------ EXM-PLAN-DEVIATION

TEST(ExamRecordPlanTest, FifteenMinutesOffPassesSixteenIsFlagged) {
  ExamWorld w;
  w.Plan("E1", 9, 0, 11, 0, "A");
  w.Plan("E2", 9, 0, 11, 0, "B");
  w.Hold("E1", 9, 15, 11, 15, "A", {kProctorA, kProctorB});
  w.Hold("E2", 9, 16, 11, 0, "B", {kProctorA, kProctorB});
  auto findings = w.Run("EXM-PLAN-DEVIATION");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.subject, "session=E2|time");
  EXPECT_EQ(f.severity, Severity::kMedium);
  EXPECT_DOUBLE_EQ(*f.measured, 16);
  EXPECT_DOUBLE_EQ(*f.required, 15);
  EXPECT_EQ(f.rows.size(), 2u);
  EXPECT_NE(f.summary_zh.find("开始晚于计划 16 分钟"), std::string::npos) << f.summary_zh;
}

TEST(ExamRecordPlanTest, OtherRoomUnplannedAndUnheldSessions) {
  ExamWorld w;
  w.Plan("E1", 9, 0, 11, 0, "A");
  w.Plan("E3", 14, 0, 16, 0, "C");
  w.Hold("E1", 9, 0, 11, 0, "b", {kProctorA, kProctorB});
  w.Hold("E9", 9, 0, 11, 0, "A", {kProctorA, kProctorB});
  auto findings = w.Run("EXM-PLAN-DEVIATION");
  std::vector<std::string> subjects;
  for (const auto& f : findings) subjects.push_back(f.subject);
  EXPECT_EQ(subjects, (std::vector<std::string>{"session=E1|room", "session=E3|not_held", "session=E9|not_planned"}));
  EXPECT_NE(findings[0].summary_zh.find("计划在考场 A 举行，考场记录却在考场 b"), std::string::npos)
      << findings[0].summary_zh;
}

TEST(ExamRecordPlanTest, RoomsCompareIgnoringCaseAndSpaces) {
  ExamWorld w;
  w.Plan("E1", 9, 0, 11, 0, "a ");
  w.Hold("E1", 9, 0, 11, 0, "A", {kProctorA, kProctorB});
  EXPECT_TRUE(w.Run("EXM-PLAN-DEVIATION").empty());
}

TEST(ExamRecordPlanTest, MissingPlanGivesNoFindingPerSession) {
  ExamWorld w;
  w.model.missing_files.push_back(MissingFile{"KS01", "exams/KS01/plan.csv"});
  w.Hold("E1", 9, 0, 11, 0, "A", {kProctorA, kProctorB});
  w.Hold("E2", 13, 0, 15, 0, "A", {kProctorA, kProctorB});
  EXPECT_TRUE(w.Run("EXM-PLAN-DEVIATION").empty()) << "the missing file itself is exam_archive's finding";
}

}  // namespace
}  // namespace xk
