#include "detectors/teachers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace xk {
namespace {

constexpr char kTeacher[] = "11010519491231002X";
constexpr char kOtherTeacher[] = "430402198505120018";

// A small archive built in code: two training institutions and the timetable rows a test adds.
struct TeacherWorld {
  ArchiveModel model;
  AuditPolicy policy;
  Syllabus syllabus;
  std::vector<RecordingFacts> recordings;
  int line = 2;

  TeacherWorld() {
    model.institutions.push_back(Institution{"PX01", "市安全培训中心", InstitutionKind::kTraining, "", {}});
    model.institutions.push_back(Institution{"PX02", "某职业培训学校", InstitutionKind::kTraining, "", {}});
  }

  Instant At(int day, int hour, int minute) const {
    return ToInstant(DateFromYmd(2022, 4, day), hour * 3600 + minute * 60, policy.zone);
  }

  TrainingSession& AddSession(const std::string& institution, const std::string& class_id,
                              const std::string& session_id, int day, int start_h, int start_m, int end_h, int end_m,
                              const std::string& teacher, const std::string& room = "") {
    TrainingSession s;
    s.institution = institution;
    s.class_id = class_id;
    s.session_id = session_id;
    s.date = DateFromYmd(2022, 4, day);
    s.start = At(day, start_h, start_m);
    s.end = At(day, end_h, end_m);
    s.teacher_id = teacher;
    s.room = room;
    s.source = SourceRef{"training/" + institution + "/sessions.csv", line++};
    model.sessions.push_back(s);
    return model.sessions.back();
  }

  void AddTeacher(const std::string& institution, const std::string& id, const std::string& name,
                  const std::string& qualification, std::optional<double> years) {
    model.teachers.push_back(Teacher{institution, id, name, qualification, years,
                                     SourceRef{"training/" + institution + "/teachers.csv", line++}});
  }

  std::vector<Finding> Run() const { return DetectTeacherRules(DetectorInput{model, policy, syllabus, recordings}); }
};

std::vector<Finding> OfRule(const std::vector<Finding>& findings, const std::string& rule) {
  std::vector<Finding> out;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
               [&](const Finding& f) { return f.rule == rule; });
  return out;
}

TEST(TeacherClashTest, OverlappingSessionsOfTwoClassesAreOneFindingPerPair) {
  TeacherWorld w;
  w.AddTeacher("PX01", kTeacher, "李老师", "注册安全工程师", 10);
  w.AddSession("PX01", "C2", "S1", 15, 10, 0, 12, 0, kTeacher);
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  auto clashes = OfRule(w.Run(), "TRN-TEACHER-CLASH");
  ASSERT_EQ(clashes.size(), 1u);
  const Finding& f = clashes[0];
  EXPECT_EQ(f.institution, "PX01");
  EXPECT_EQ(f.subject, "teacher=11010519491231002X|PX01/C1/S1|PX01/C2/S1");
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_EQ(f.teacher_id, kTeacher);
  EXPECT_EQ(f.people, std::vector<std::string>{kTeacher});
  EXPECT_EQ(f.class_ids, (std::vector<std::string>{"C1", "C2"})) << "the finding names both classes";
  EXPECT_EQ(f.session_ids, (std::vector<std::string>{"S1", "S1"}));
  EXPECT_DOUBLE_EQ(*f.measured, 60.0);  // 10:00-11:00
  EXPECT_EQ(*f.start, w.At(15, 10, 0));
  EXPECT_EQ(*f.end, w.At(15, 11, 0));
  EXPECT_EQ(f.rows.size(), 2u);
  EXPECT_NE(f.summary_zh.find("李老师"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_zh.find("重叠 60 分钟"), std::string::npos) << f.summary_zh;
  EXPECT_FALSE(f.summary_en.empty());
  EXPECT_FALSE(f.basis.empty());
}

TEST(TeacherClashTest, SubjectDoesNotDependOnRowOrder) {
  TeacherWorld a, b;
  a.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  a.AddSession("PX01", "C2", "S1", 15, 10, 0, 12, 0, kTeacher);
  b.AddSession("PX01", "C2", "S1", 15, 10, 0, 12, 0, kTeacher);
  b.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  auto fa = OfRule(a.Run(), "TRN-TEACHER-CLASH");
  auto fb = OfRule(b.Run(), "TRN-TEACHER-CLASH");
  ASSERT_EQ(fa.size(), 1u);
  ASSERT_EQ(fb.size(), 1u);
  EXPECT_EQ(fa[0].Id(), fb[0].Id());
}

TEST(TeacherClashTest, BackToBackSessionsDoNotClash) {
  TeacherWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  w.AddSession("PX01", "C2", "S1", 15, 11, 0, 12, 0, kTeacher);
  EXPECT_TRUE(OfRule(w.Run(), "TRN-TEACHER-CLASH").empty());
}

TEST(TeacherClashTest, ClashAcrossInstitutionsMatchesTheIdCaseInsensitively) {
  TeacherWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  w.AddSession("PX02", "K9", "S4", 15, 10, 59, 12, 0, "11010519491231002x");
  auto clashes = OfRule(w.Run(), "TRN-TEACHER-CLASH");
  ASSERT_EQ(clashes.size(), 1u);
  EXPECT_EQ(clashes[0].institution, "PX01");
  EXPECT_EQ(clashes[0].subject, "teacher=11010519491231002X|PX01/C1/S1|PX02/K9/S4");
  EXPECT_DOUBLE_EQ(*clashes[0].measured, 1.0);
  // Both spellings as written are named.
  EXPECT_EQ(clashes[0].people.size(), 2u);
  EXPECT_NE(clashes[0].summary_zh.find("PX02"), std::string::npos);
}

TEST(TeacherClashTest, ThreeMutuallyOverlappingSessionsAreThreePairs) {
  TeacherWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 12, 0, kTeacher);
  w.AddSession("PX01", "C2", "S1", 15, 10, 0, 12, 0, kTeacher);
  w.AddSession("PX01", "C3", "S1", 15, 11, 0, 12, 0, kTeacher);
  w.AddSession("PX01", "C4", "S1", 15, 9, 0, 12, 0, kOtherTeacher);  // someone else
  EXPECT_EQ(OfRule(w.Run(), "TRN-TEACHER-CLASH").size(), 3u);
}

TEST(TeacherClashTest, CombinedLectureInOneRoomIsNotAClash) {
  TeacherWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher, "201教室");
  w.AddSession("PX01", "C2", "S1", 15, 9, 0, 11, 0, kTeacher, "201教室");
  EXPECT_TRUE(OfRule(w.Run(), "TRN-TEACHER-CLASH").empty());
  // Another room at the same time is a clash.
  w.model.sessions[1].room = "305教室";
  EXPECT_EQ(OfRule(w.Run(), "TRN-TEACHER-CLASH").size(), 1u);
}

TEST(TeacherUnqualifiedTest, TeacherNotInTeachersCsvIsOneFindingListingSessions) {
  TeacherWorld w;
  w.AddTeacher("PX01", kOtherTeacher, "王老师", "高级工程师", 12);
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  w.AddSession("PX01", "C1", "S2", 16, 9, 0, 11, 0, kTeacher);
  w.AddSession("PX01", "C1", "S3", 17, 9, 0, 11, 0, kOtherTeacher);
  auto findings = OfRule(w.Run(), "TRN-TEACHER-UNQUALIFIED");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.subject, "teacher=11010519491231002X");
  EXPECT_EQ(f.institution, "PX01");
  EXPECT_EQ(f.severity, Severity::kMedium);
  EXPECT_EQ(f.class_id, "C1");
  EXPECT_EQ(f.rows.size(), 2u);
  EXPECT_NE(f.summary_zh.find("未列入本机构师资名册"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_zh.find("C1/S1、C1/S2"), std::string::npos) << f.summary_zh;
}

TEST(TeacherUnqualifiedTest, YearsBelowMinimumFlaggedAndExactlyMinimumPasses) {
  TeacherWorld w;
  w.AddTeacher("PX01", kTeacher, "李老师", "讲师", 4.5);
  w.AddTeacher("PX01", kOtherTeacher, "王老师", "讲师", 5);
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  w.AddSession("PX01", "C1", "S2", 15, 13, 0, 15, 0, kOtherTeacher);
  auto findings = OfRule(w.Run(), "TRN-TEACHER-UNQUALIFIED");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].teacher_id, kTeacher);
  EXPECT_DOUBLE_EQ(*findings[0].measured, 4.5);
  EXPECT_DOUBLE_EQ(*findings[0].required, 5.0);
  EXPECT_EQ(findings[0].unit, "年");
  EXPECT_EQ(findings[0].rows.size(), 2u);  // the teachers.csv row and the session row
}

TEST(TeacherUnqualifiedTest, EmptyQualificationOrUnknownYearsIsFlagged) {
  TeacherWorld w;
  w.AddTeacher("PX01", kTeacher, "李老师", "", 20);
  w.AddTeacher("PX01", kOtherTeacher, "王老师", "讲师", std::nullopt);
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  w.AddSession("PX01", "C1", "S2", 15, 13, 0, 15, 0, kOtherTeacher);
  auto findings = OfRule(w.Run(), "TRN-TEACHER-UNQUALIFIED");
  ASSERT_EQ(findings.size(), 2u);
  for (const auto& f : findings) {
    if (f.teacher_id == kTeacher) {
      EXPECT_NE(f.summary_zh.find("未填写任何资格"), std::string::npos) << f.summary_zh;
    } else {
      EXPECT_NE(f.summary_zh.find("未填写从业年限"), std::string::npos) << f.summary_zh;
    }
  }
}

TEST(TeacherUnqualifiedTest, ListedAtAnotherInstitutionOnlyIsNotEnough) {
  TeacherWorld w;
  w.AddTeacher("PX02", kTeacher, "李老师", "讲师", 10);
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  auto findings = OfRule(w.Run(), "TRN-TEACHER-UNQUALIFIED");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].institution, "PX01");
}

TEST(TeacherUnqualifiedTest, SkippedWhenTeachersCsvIsMissing) {
  TeacherWorld w;
  w.model.missing_files.push_back(MissingFile{"PX01", "training/PX01/teachers.csv"});
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, kTeacher);
  w.AddSession("PX02", "K1", "S1", 15, 13, 0, 15, 0, kTeacher);
  auto findings = OfRule(w.Run(), "TRN-TEACHER-UNQUALIFIED");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].institution, "PX02");
}

TEST(TeacherUnqualifiedTest, SessionsWithoutATeacherAreOneFinding) {
  TeacherWorld w;
  w.AddSession("PX01", "C1", "S1", 15, 9, 0, 11, 0, "");
  w.AddSession("PX01", "C2", "S1", 15, 13, 0, 15, 0, "");
  auto findings = OfRule(w.Run(), "TRN-TEACHER-UNQUALIFIED");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].subject, "teacher=(none)");
  EXPECT_TRUE(findings[0].people.empty());
  EXPECT_FALSE(findings[0].class_id.has_value());
}

}  // namespace
}  // namespace xk
