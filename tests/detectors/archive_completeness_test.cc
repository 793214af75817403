#include "detectors/archive_completeness.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace xk {
namespace {

struct ArchiveWorld {
  ArchiveModel model;
  AuditPolicy policy;
  Syllabus syllabus;
  std::vector<RecordingFacts> recordings;
  int line = 2;

  ArchiveWorld() {
    model.institutions.push_back(Institution{"PX01", "市安全培训中心", InstitutionKind::kTraining, "", {}});
    model.institutions.push_back(Institution{"KS01", "市安全生产考试中心", InstitutionKind::kExam, "", {}});
  }

  void AddClass(const std::string& class_id) {
    TrainingClass c;
    c.institution = "PX01";
    c.class_id = class_id;
    c.start_date = DateFromYmd(2022, 4, 11);
    c.end_date = DateFromYmd(2022, 4, 15);
    c.source = SourceRef{"training/PX01/classes.csv", line++};
    model.classes.push_back(c);
  }
  void AddSession(const std::string& class_id) {
    TrainingSession s;
    s.institution = "PX01";
    s.class_id = class_id;
    s.session_id = "S1";
    s.source = SourceRef{"training/PX01/sessions.csv", line++};
    model.sessions.push_back(s);
  }
  void AddTrainee(const std::string& class_id) {
    model.trainees.push_back(
        Trainee{"PX01", class_id, "110105199003070017", "张三", true, SourceRef{"training/PX01/trainees.csv", line++}});
  }
  void AddSignIn(const std::string& class_id) {
    Attendance a;
    a.institution = "PX01";
    a.class_id = class_id;
    a.session_id = "S1";
    a.trainee_id = "110105199003070017";
    a.source = SourceRef{"training/PX01/attendance.csv", line++};
    model.attendance.push_back(a);
  }
  void AddCompleteClass(const std::string& class_id) {
    AddClass(class_id);
    AddSession(class_id);
    AddTrainee(class_id);
    AddSignIn(class_id);
  }

  std::vector<Finding> Run() const {
    return DetectArchiveCompleteness(DetectorInput{model, policy, syllabus, recordings});
  }
};

std::vector<std::string> Subjects(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.subject);
  return out;
}

TEST(ArchiveCompletenessTest, CompleteClassIsNotReported) {
  ArchiveWorld w;
  w.AddCompleteClass("C1");
  EXPECT_TRUE(w.Run().empty());
}

TEST(ArchiveCompletenessTest, EachMissingPartOfAClassIsOneFinding) {
  ArchiveWorld w;
  w.AddCompleteClass("C1");  // makes every file present
  w.AddClass("C2");          // nothing else
  w.AddClass("C3");
  w.AddSession("C3");
  w.AddTrainee("C3");  // no sign-in
  auto findings = w.Run();
  EXPECT_EQ(Subjects(findings),
            (std::vector<std::string>{"class=C2|missing=attendance", "class=C2|missing=roster",
                                      "class=C2|missing=timetable", "class=C3|missing=attendance"}));
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "TRN-ARCHIVE-INCOMPLETE");
    EXPECT_EQ(f.severity, Severity::kMedium);
    EXPECT_EQ(f.institution, "PX01");
    ASSERT_EQ(f.rows.size(), 1u);
    EXPECT_EQ(f.rows[0].file, "training/PX01/classes.csv");
    EXPECT_FALSE(f.basis.empty());
  }
  EXPECT_NE(findings[3].summary_zh.find("签到记录（attendance.csv）中没有该班的任何签到"), std::string::npos)
      << findings[3].summary_zh;
}

TEST(ArchiveCompletenessTest, MissingTeachersCsvIsOneFindingNamingTheFile) {
  ArchiveWorld w;
  w.AddCompleteClass("C1");
  w.model.missing_files.push_back(MissingFile{"PX01", "training/PX01/teachers.csv"});
  w.model.missing_files.push_back(MissingFile{"KS01", "exams/KS01/plan.csv"});  // not a TRN fact
  auto findings = w.Run();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].subject, "file=training/PX01/teachers.csv");
  EXPECT_EQ(findings[0].file, "training/PX01/teachers.csv");
  EXPECT_NE(findings[0].summary_zh.find("师资"), std::string::npos);
}

TEST(ArchiveCompletenessTest, MissingFileIsNotRepeatedForEveryClass) {
  ArchiveWorld w;
  w.AddClass("C1");
  w.AddSession("C1");
  w.AddTrainee("C1");
  w.AddClass("C2");
  w.AddSession("C2");
  w.AddTrainee("C2");
  w.model.missing_files.push_back(MissingFile{"PX01", "training/PX01/attendance.csv"});
  auto findings = w.Run();
  EXPECT_EQ(Subjects(findings), std::vector<std::string>{"file=training/PX01/attendance.csv"});
}

TEST(ArchiveCompletenessTest, ClassUsedButNotDeclaredInClassesCsv) {
  ArchiveWorld w;
  w.AddCompleteClass("C1");
  w.AddSession("C9");
  w.AddSignIn("C9");
  auto findings = w.Run();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].subject, "class=C9|missing=class_record");
  EXPECT_EQ(findings[0].class_id, "C9");
  EXPECT_EQ(findings[0].rows.size(), 2u);
  // Without classes.csv only the file is reported.
  w.model.classes.clear();
  w.model.missing_files.push_back(MissingFile{"PX01", "training/PX01/classes.csv"});
  EXPECT_EQ(Subjects(w.Run()), std::vector<std::string>{"file=training/PX01/classes.csv"});
}

}  // namespace
}  // namespace xk
