// A missing required file of an exam centre is a finding under the rule it leaves unchecked.
#include "detectors/exam_archive.h"

#include <gtest/gtest.h>

#include <map>

namespace xk {
namespace {

struct CentreWorld {
  ArchiveModel model;
  AuditPolicy policy;
  Syllabus syllabus = Syllabus::BuiltIn();
  std::vector<RecordingFacts> recordings;

  CentreWorld() {
    model.institutions.push_back(Institution{"KS01", "市安全生产考试中心", InstitutionKind::kExam, "", {}});
    model.institutions.push_back(Institution{"PX01", "市安全培训中心", InstitutionKind::kTraining, "", {}});
  }
  std::vector<Finding> Run() const {
    return DetectExamArchiveCompleteness(DetectorInput{model, policy, syllabus, recordings});
  }
};

TEST(ExamArchiveTest, EachMissingFileIsOneArchiveIncompleteFindingNamingTheRulesItLeavesUnchecked) {
  CentreWorld w;
  for (const char* file : {"plan.csv", "sessions.csv", "candidates.csv", "staff.csv", "cameras.csv"}) {
    w.model.missing_files.push_back(MissingFile{"KS01", std::string("exams/KS01/") + file});
  }
  std::map<std::string, std::string> rule_of;    // subject -> rule
  std::map<std::string, std::string> unchecked;  // subject -> basis, naming the rules left unchecked
  for (const auto& f : w.Run()) {
    EXPECT_EQ(f.institution, "KS01");
    ASSERT_TRUE(f.file);
    EXPECT_NE(f.summary_zh.find(*f.file), std::string::npos) << f.summary_zh;
    EXPECT_FALSE(f.basis.empty());
    rule_of[f.subject] = f.rule;
    unchecked[f.subject] = f.basis;
  }
  const std::string incomplete = "EXM-ARCHIVE-INCOMPLETE";
  EXPECT_EQ(rule_of, (std::map<std::string, std::string>{{"missing=plan", incomplete},
                                                         {"missing=room_records", incomplete},
                                                         {"missing=candidates", incomplete},
                                                         {"missing=staff", incomplete},
                                                         {"missing=cameras", incomplete}}));
  EXPECT_NE(unchecked["missing=plan"].find("EXM-PLAN-DEVIATION"), std::string::npos);
  EXPECT_NE(unchecked["missing=staff"].find("EXM-PROCTOR-SHORT"), std::string::npos);
  EXPECT_NE(unchecked["missing=cameras"].find("EXM-VIDEO-MISSING"), std::string::npos);
  EXPECT_NE(unchecked["missing=candidates"].find("EXM-CANDIDATE-DATA"), std::string::npos);
}

TEST(ExamArchiveTest, CompleteCentreAndTrainingFoldersAreNotItsBusiness) {
  CentreWorld w;
  EXPECT_TRUE(w.Run().empty());
  w.model.missing_files.push_back(MissingFile{"PX01", "training/PX01/teachers.csv"});
  w.model.missing_files.push_back(MissingFile{"", "institutions.csv"});
  w.model.missing_files.push_back(MissingFile{"KS01", "exams/KS01/recordings.csv"});  // optional: never listed
  EXPECT_TRUE(w.Run().empty());
}

}  // namespace
}  // namespace xk
