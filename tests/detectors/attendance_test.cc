#include "detectors/attendance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace xk {
namespace {

// People (valid GB 11643 numbers).
constexpr char kZhang[] = "110105199003070017";
constexpr char kLi[] = "110105199003070025";
constexpr char kWang[] = "110105199003070033";
constexpr char kZhao[] = "110105199003070041";
constexpr char kQian[] = "11010519900307005X";
constexpr char kSun[] = "110105199003070068";

// Training institution PX01 with class C1 (2022-04-15, required 4 学时 by a test syllabus row),
// exam centre KS01; tests add sessions, sign-ins, roster rows and candidates.
struct AttendanceWorld {
  ArchiveModel model;
  AuditPolicy policy;
  Syllabus syllabus;
  std::vector<RecordingFacts> recordings;
  int line = 2;

  AttendanceWorld() {
    model.institutions.push_back(Institution{"PX01", "市安全培训中心", InstitutionKind::kTraining, "", {}});
    model.institutions.push_back(Institution{"PX02", "某职业培训学校", InstitutionKind::kTraining, "", {}});
    model.institutions.push_back(Institution{"KS01", "市安全生产考试中心", InstitutionKind::kExam, "", {}});
    syllabus.Override(
        {SyllabusRow{Category::kSafetyManager, "", "", Cycle::kInitial, 4, std::nullopt, std::nullopt, "测试大纲", 0}});
    AddClass("PX01", "C1", 15, 15);
  }

  Instant At(int day, int hour, int minute, int second = 0) const {
    return ToInstant(DateFromYmd(2022, 4, day), hour * 3600 + minute * 60 + second, policy.zone);
  }

  void AddClass(const std::string& institution, const std::string& class_id, int start_day, int end_day) {
    TrainingClass c;
    c.institution = institution;
    c.class_id = class_id;
    c.category = Category::kSafetyManager;
    c.industry = "工贸";
    c.cycle = Cycle::kInitial;
    c.start_date = DateFromYmd(2022, 4, start_day);
    c.end_date = DateFromYmd(2022, 4, end_day);
    c.source = SourceRef{"training/" + institution + "/classes.csv", line++};
    model.classes.push_back(c);
  }

  void AddSession(const std::string& institution, const std::string& class_id, const std::string& session_id, int day,
                  int start_h, int start_m, int end_h, int end_m, const std::string& room = "") {
    TrainingSession s;
    s.institution = institution;
    s.class_id = class_id;
    s.session_id = session_id;
    s.date = DateFromYmd(2022, 4, day);
    s.start = At(day, start_h, start_m);
    s.end = At(day, end_h, end_m);
    s.mode = SessionMode::kTheory;
    s.topic = "安全生产法律法规";
    s.teacher_id = "11010519491231002X";
    s.room = room;
    s.source = SourceRef{"training/" + institution + "/sessions.csv", line++};
    model.sessions.push_back(s);
  }

  void SignIn(const std::string& institution, const std::string& class_id, const std::string& session_id,
              const std::string& who, Instant check_in, std::optional<Instant> check_out = std::nullopt,
              SignInMethod method = SignInMethod::kFace) {
    model.attendance.push_back(Attendance{institution, class_id, session_id, who, check_in, check_out, method,
                                          SourceRef{"training/" + institution + "/attendance.csv", line++}});
  }

  void Enrol(const std::string& institution, const std::string& class_id, const std::string& who,
             const std::string& name, bool completed) {
    model.trainees.push_back(Trainee{institution, class_id, who, name, completed,
                                     SourceRef{"training/" + institution + "/trainees.csv", line++}});
  }

  void HoldExam(const std::string& session_id, int day, int start_h, int start_m, int end_h, int end_m) {
    ExamSession s;
    s.institution = "KS01";
    s.session_id = session_id;
    s.date = DateFromYmd(2022, 4, day);
    s.start = At(day, start_h, start_m);
    s.end = At(day, end_h, end_m);
    s.room = "A";
    s.source = SourceRef{"exams/KS01/sessions.csv", line++};
    model.exam_sessions.push_back(s);
  }

  void Examine(const std::string& session_id, const std::string& who, const std::string& name,
               const std::string& institution = "PX01", const std::string& class_id = "C1") {
    Candidate c;
    c.institution = "KS01";
    c.session_id = session_id;
    c.candidate_id = who;
    c.name = name;
    c.training_institution = institution;
    c.class_id = class_id;
    c.score = 90;
    c.score_text = "90";
    c.passed = true;
    c.result_text = "合格";
    c.source = SourceRef{"exams/KS01/candidates.csv", line++};
    model.candidates.push_back(c);
  }

  std::vector<Finding> Run(const std::string& rule) const {
    auto all = DetectAttendanceRules(DetectorInput{model, policy, syllabus, recordings});
    std::vector<Finding> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Finding& f) { return f.rule == rule; });
    return out;
  }
};

// ------------------------------------------------------------------ TRN-ATTENDANCE-SHORT

TEST(AttendanceShortTest, CompletedTraineeBelowSyllabusIsFlaggedAndExactMinimumPasses) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);  // 180 min = 4 学时
  w.Enrol("PX01", "C1", kZhang, "张三", true);
  w.Enrol("PX01", "C1", kLi, "李四", true);
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 8, 55), w.At(15, 12, 0));  // exactly 4.0
  w.SignIn("PX01", "C1", "S1", kLi, w.At(15, 9, 0), w.At(15, 10, 30));     // 2.0
  auto findings = w.Run("TRN-ATTENDANCE-SHORT");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.institution, "PX01");
  EXPECT_EQ(f.class_id, "C1");
  EXPECT_EQ(f.trainee_id, kLi);
  EXPECT_EQ(f.subject, std::string("class=C1|trainee=") + kLi);
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_DOUBLE_EQ(*f.measured, 2.0);
  EXPECT_DOUBLE_EQ(*f.required, 4.0);
  EXPECT_EQ(f.unit, "学时");
  EXPECT_NE(f.summary_zh.find("学员 李四（110105199003070025）已结业，但签到记录仅支持 2 学时，低于大纲要求的 4 学时"),
            std::string::npos)
      << f.summary_zh;
  EXPECT_NE(f.basis.find("测试大纲"), std::string::npos);
  // The class row, the roster row and the sign-in row.
  EXPECT_EQ(f.rows.size(), 3u);
}

TEST(AttendanceShortTest, OverlappingCheckInsToOneSessionCountOnce) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.Enrol("PX01", "C1", kZhang, "张三", true);
  w.Enrol("PX01", "C1", kLi, "李四", true);
  // 张三: 09:00-11:00 and 10:00-11:00 hold 120 min = 2.67 学时, not 3.
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 9, 0), w.At(15, 11, 0));
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 10, 0), w.At(15, 11, 0));
  // 李四: 09:00-11:00 and 10:30-12:00 cover the whole session: 4 学时, not 4.67.
  w.SignIn("PX01", "C1", "S1", kLi, w.At(15, 9, 0), w.At(15, 11, 0));
  w.SignIn("PX01", "C1", "S1", kLi, w.At(15, 10, 30), w.At(15, 12, 0));
  auto findings = w.Run("TRN-ATTENDANCE-SHORT");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].trainee_id, kZhang);
  EXPECT_NEAR(*findings[0].measured, 120.0 / 45.0, 1e-9);
  EXPECT_NE(findings[0].summary_zh.find("仅支持 2.6 学时"), std::string::npos) << findings[0].summary_zh;
}

TEST(AttendanceShortTest, ExaminedTraineeIsHeldToTheSyllabusEvenIfNotCompleted) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.Enrol("PX01", "C1", kZhang, "张三", false);
  w.Enrol("PX01", "C1", kLi, "李四", false);
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 9, 0), w.At(15, 10, 0));
  w.SignIn("PX01", "C1", "S1", kLi, w.At(15, 9, 0), w.At(15, 10, 0));
  w.HoldExam("E1", 20, 9, 0, 11, 0);
  w.Examine("E1", kZhang, "张三");
  auto findings = w.Run("TRN-ATTENDANCE-SHORT");
  ASSERT_EQ(findings.size(), 1u);  // 李四 is neither completed nor examined
  EXPECT_EQ(findings[0].trainee_id, kZhang);
  EXPECT_EQ(findings[0].institution, "PX01");  // TRN-* belongs to the training institution
  EXPECT_NE(findings[0].summary_zh.find("参加考试"), std::string::npos);
}

TEST(AttendanceShortTest, CompletedWithoutAnySignInHasZeroHours) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.Enrol("PX01", "C1", kZhang, "张三", true);
  w.Enrol("PX01", "C1", kLi, "李四", true);
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 9, 0), w.At(15, 12, 0));
  auto findings = w.Run("TRN-ATTENDANCE-SHORT");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].trainee_id, kLi);
  EXPECT_DOUBLE_EQ(*findings[0].measured, 0.0);
}

TEST(AttendanceShortTest, ClassWithoutSignInsOrSyllabusIsNotEvaluatedHere) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.Enrol("PX01", "C1", kZhang, "张三", true);  // no sign-in row in C1 at all
  // C2 is of a category the syllabus has no row for.
  w.AddClass("PX01", "C2", 15, 15);
  w.model.classes.back().category = Category::kPrincipal;
  w.AddSession("PX01", "C2", "S1", 15, 9, 0, 12, 0);
  w.Enrol("PX01", "C2", kLi, "李四", true);
  w.SignIn("PX01", "C2", "S1", kLi, w.At(15, 9, 0), w.At(15, 9, 30));
  EXPECT_TRUE(w.Run("TRN-ATTENDANCE-SHORT").empty());
}

TEST(AttendanceShortTest, ToleranceLowersTheBar) {
  AttendanceWorld w;
  w.policy.hours_short_tolerance = 2;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.Enrol("PX01", "C1", kLi, "李四", true);
  w.SignIn("PX01", "C1", "S1", kLi, w.At(15, 9, 0), w.At(15, 10, 30));  // 2.0 = 4 - 2
  EXPECT_TRUE(w.Run("TRN-ATTENDANCE-SHORT").empty());
}

// ------------------------------------------------------------------ TRN-PROXY-SIGNIN

TEST(AttendanceProxyTest, FiveCheckInsInOneSecondAreFlaggedFourAreNot) {
  AttendanceWorld w;
  w.AddClass("PX01", "C2", 15, 15);
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.AddSession("PX01", "C2", "S1", 15, 9, 0, 12, 0);
  for (const char* who : {kZhang, kLi, kWang, kZhao, kQian}) {
    w.SignIn("PX01", "C1", "S1", who, w.At(15, 8, 50, 17));
  }
  w.SignIn("PX01", "C1", "S1", kSun, w.At(15, 8, 51, 3));
  for (const char* who : {kZhang, kLi, kWang, kZhao}) {
    w.SignIn("PX01", "C2", "S1", who, w.At(15, 8, 50, 17));
  }
  w.SignIn("PX01", "C2", "S1", kQian, w.At(15, 8, 52, 44));
  auto findings = w.Run("TRN-PROXY-SIGNIN");
  std::vector<Finding> same_second;
  for (const auto& f : findings) {
    if (f.subject.find("same_second") != std::string::npos) same_second.push_back(f);
  }
  ASSERT_EQ(same_second.size(), 1u);
  const Finding& f = same_second[0];
  EXPECT_EQ(f.class_id, "C1");
  EXPECT_EQ(f.session_id, "S1");
  EXPECT_EQ(f.subject, "class=C1|same_second=2022-04-15T08:50:17+08:00");
  EXPECT_EQ(f.people.size(), 5u);
  EXPECT_DOUBLE_EQ(*f.measured, 5);
  EXPECT_DOUBLE_EQ(*f.required, 5);
  EXPECT_EQ(f.rows.size(), 5u);
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_NE(f.summary_zh.find("5 名学员在同一秒 2022-04-15 08:50:17 签到"), std::string::npos) << f.summary_zh;
}

TEST(AttendanceProxyTest, OnePersonTwiceInOneSecondCountsOnce) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  for (const char* who : {kZhang, kLi, kWang, kZhao, kZhao}) {
    w.SignIn("PX01", "C1", "S1", who, w.At(15, 8, 50, 17));
  }
  EXPECT_TRUE(w.Run("TRN-PROXY-SIGNIN").empty());
}

TEST(AttendanceProxyTest, ExportWithoutSecondsIsNotJudgedBySameSecond) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  for (const char* who : {kZhang, kLi, kWang, kZhao, kQian}) {
    w.SignIn("PX01", "C1", "S1", who, w.At(15, 8, 50));
  }
  w.SignIn("PX01", "C1", "S1", kSun, w.At(15, 8, 55));
  EXPECT_TRUE(w.Run("TRN-PROXY-SIGNIN").empty());
}

TEST(AttendanceProxyTest, CheckIn30MinutesBeforeStartPasses31IsFlagged) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 8, 30));  // exactly 30 min before
  w.SignIn("PX01", "C1", "S1", kLi, w.At(15, 8, 29));     // 31 min before
  w.SignIn("PX01", "C1", "S1", kWang, w.At(15, 12, 30));  // exactly 30 min after the end
  auto findings = w.Run("TRN-PROXY-SIGNIN");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.subject, "class=C1|session=S1|outside_session");
  EXPECT_EQ(f.people, std::vector<std::string>{kLi});
  EXPECT_EQ(f.trainee_id, kLi);
  EXPECT_DOUBLE_EQ(*f.measured, 31);
  EXPECT_DOUBLE_EQ(*f.required, 30);
  EXPECT_EQ(f.rows.size(), 2u);  // the session row and the sign-in row
  EXPECT_NE(f.summary_zh.find("早于开始 31 分钟"), std::string::npos) << f.summary_zh;
}

TEST(AttendanceProxyTest, CheckInLongAfterTheEndIsFlagged) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 20, 0));
  auto findings = w.Run("TRN-PROXY-SIGNIN");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_DOUBLE_EQ(*findings[0].measured, 480);
  EXPECT_NE(findings[0].summary_zh.find("晚于结束 8 小时"), std::string::npos);
}

TEST(AttendanceProxyTest, OnePersonInOverlappingSessionsOfTwoInstitutions) {
  AttendanceWorld w;
  w.AddClass("PX02", "K9", 15, 15);
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.AddSession("PX02", "K9", "S3", 15, 10, 0, 11, 0);
  w.Enrol("PX02", "K9", kZhang, "张三", true);
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 8, 55));
  w.SignIn("PX02", "K9", "S3", kZhang, w.At(15, 9, 58), w.At(15, 11, 0));
  auto findings = w.Run("TRN-PROXY-SIGNIN");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.institution, "PX01");
  EXPECT_EQ(f.subject, std::string("trainee=") + kZhang + "|PX01/C1|PX02/K9");
  EXPECT_EQ(f.people, std::vector<std::string>{kZhang});
  EXPECT_DOUBLE_EQ(*f.measured, 60);
  EXPECT_EQ(*f.start, w.At(15, 10, 0));
  EXPECT_EQ(*f.end, w.At(15, 11, 0));
  EXPECT_EQ(f.rows.size(), 4u);  // two sign-ins, two timetable rows
  EXPECT_NE(f.summary_zh.find("张三"), std::string::npos) << f.summary_zh;
}

TEST(AttendanceProxyTest, LeavingBeforeTheOtherClassStartsIsNoOverlap) {
  AttendanceWorld w;
  w.AddClass("PX01", "C2", 15, 15);
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0);
  w.AddSession("PX01", "C2", "S1", 15, 10, 0, 12, 0);
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 8, 55), w.At(15, 10, 0));
  w.SignIn("PX01", "C2", "S1", kZhang, w.At(15, 10, 0));
  EXPECT_TRUE(w.Run("TRN-PROXY-SIGNIN").empty());
}

TEST(AttendanceProxyTest, CombinedLectureOfTwoClassesIsNotProxy) {
  AttendanceWorld w;
  w.AddClass("PX01", "C2", 15, 15);
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0, "201");
  w.AddSession("PX01", "C2", "S1", 15, 9, 0, 12, 0, "201");
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 8, 55));
  w.SignIn("PX01", "C2", "S1", kZhang, w.At(15, 8, 56));
  EXPECT_TRUE(w.Run("TRN-PROXY-SIGNIN").empty());
}

TEST(AttendanceProxyTest, SignedInToTrainingWhileInTheExamRoom) {
  AttendanceWorld w;
  w.AddSession("PX01", "C1", "S1", 16, 9, 0, 12, 0);
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(16, 9, 5));
  w.SignIn("PX01", "C1", "S1", kLi, w.At(16, 9, 5, 30));
  w.HoldExam("E1", 16, 10, 0, 11, 30);
  w.Examine("E1", kZhang, "张三", "PX02", "K1");  // trained elsewhere, but in the exam room
  auto findings = w.Run("TRN-PROXY-SIGNIN");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.institution, "PX01");
  EXPECT_EQ(f.subject, std::string("trainee=") + kZhang + "|exam=KS01/E1");
  EXPECT_EQ(f.class_id, "C1");
  EXPECT_EQ(*f.start, w.At(16, 10, 0));
  EXPECT_DOUBLE_EQ(*f.measured, 90);
  EXPECT_EQ(f.rows.size(), 4u);  // candidate, room record, sign-in, timetable row
  EXPECT_NE(f.summary_zh.find("考场 A"), std::string::npos) << f.summary_zh;
}

// ------------------------------------------------------------------ TRN-EXAM-BEFORE-TRAINING

TEST(AttendanceExamBeforeTrainingTest, ExamBeforeTheClassEndDate) {
  AttendanceWorld w;
  w.AddClass("PX01", "C2", 10, 20);
  w.AddSession("PX01", "C2", "S1", 10, 9, 0, 12, 0);
  w.Enrol("PX01", "C2", kZhang, "张三", true);
  w.SignIn("PX01", "C2", "S1", kZhang, w.At(10, 9, 0), w.At(10, 12, 0));
  w.HoldExam("E1", 18, 9, 0, 11, 0);
  w.Examine("E1", kZhang, "张三", "PX01", "C2");
  w.HoldExam("E2", 21, 9, 0, 11, 0);
  w.Examine("E2", kZhang, "张三", "PX01", "C2");  // after the end: fine
  auto findings = w.Run("TRN-EXAM-BEFORE-TRAINING");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.institution, "PX01");
  EXPECT_EQ(f.subject, std::string("trainee=") + kZhang + "|exam=KS01/E1");
  EXPECT_EQ(f.session_id, "E1");
  EXPECT_EQ(f.class_id, "C2");
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_NE(f.summary_zh.find("早于所在班级的结业日期 2022-04-20"), std::string::npos) << f.summary_zh;
}

TEST(AttendanceExamBeforeTrainingTest, ExamBeforeReachingTheRequiredHours) {
  AttendanceWorld w;
  // C1 ends on the 15th; its two sessions hold 2 学时 each; the exam is at 11:00 that day.
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 10, 30);
  w.AddSession("PX01", "C1", "S2", 15, 13, 0, 14, 30);
  w.Enrol("PX01", "C1", kZhang, "张三", true);
  w.SignIn("PX01", "C1", "S1", kZhang, w.At(15, 9, 0), w.At(15, 10, 30));
  w.SignIn("PX01", "C1", "S2", kZhang, w.At(15, 13, 0), w.At(15, 14, 30));
  w.HoldExam("E1", 15, 11, 0, 12, 0);
  w.Examine("E1", kZhang, "张三");
  auto findings = w.Run("TRN-EXAM-BEFORE-TRAINING");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_DOUBLE_EQ(*findings[0].measured, 2);
  EXPECT_DOUBLE_EQ(*findings[0].required, 4);
  EXPECT_NE(findings[0].summary_zh.find("考试前签到仅 2 学时"), std::string::npos) << findings[0].summary_zh;
  // Reaching the hours before the exam is fine.
  w.model.exam_sessions[0].start = w.At(15, 15, 0);
  w.model.exam_sessions[0].end = w.At(15, 16, 0);
  EXPECT_TRUE(w.Run("TRN-EXAM-BEFORE-TRAINING").empty());
}

TEST(AttendanceExamBeforeTrainingTest, CandidateUnknownToTheClassIsLeftToCandidateRules) {
  AttendanceWorld w;
  w.AddClass("PX01", "C2", 10, 20);
  w.AddSession("PX01", "C2", "S1", 10, 9, 0, 12, 0);
  w.SignIn("PX01", "C2", "S1", kLi, w.At(10, 9, 0));
  w.HoldExam("E1", 18, 9, 0, 11, 0);
  w.Examine("E1", "4.30402E+17", "张三", "PX01", "C2");
  EXPECT_TRUE(w.Run("TRN-EXAM-BEFORE-TRAINING").empty());
  EXPECT_TRUE(w.Run("TRN-ATTENDANCE-SHORT").empty());
}

}  // namespace
}  // namespace xk
