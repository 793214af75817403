#include "detectors/candidates.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace xk {
namespace {

constexpr char kCandidateZhang[] = "110105199003070017";
constexpr char kCandidateLi[] = "110105199003070025";
constexpr char kWithX[] = "11010519491231002X";

// Exam centre KS01; training institution PX01 whose class C1 roster the tests fill.
struct CandidateWorld {
  ArchiveModel model;
  AuditPolicy policy;
  Syllabus syllabus;
  std::vector<RecordingFacts> recordings;
  int line = 2;

  CandidateWorld() {
    model.institutions.push_back(Institution{"KS01", "市安全生产考试中心", InstitutionKind::kExam, "", {}});
    model.institutions.push_back(Institution{"PX01", "市安全培训中心", InstitutionKind::kTraining, "", {}});
  }

  void Enrol(const std::string& id, const std::string& name, bool completed) {
    model.trainees.push_back(
        Trainee{"PX01", "C1", id, name, completed, SourceRef{"training/PX01/trainees.csv", line++}});
  }

  Candidate& Examine(const std::string& id, const std::string& name, std::optional<double> score = 90,
                     std::optional<bool> passed = true, const std::string& session = "E1") {
    Candidate c;
    c.institution = "KS01";
    c.session_id = session;
    c.candidate_id = id;
    c.name = name;
    c.training_institution = "PX01";
    c.class_id = "C1";
    c.score = score;
    if (score) c.score_text = fmt::format("{:g}", *score);
    c.passed = passed;
    if (passed) c.result_text = *passed ? "合格" : "不合格";
    c.source = SourceRef{"exams/KS01/candidates.csv", line++};
    model.candidates.push_back(c);
    return model.candidates.back();
  }

  std::vector<Finding> Run(const std::string& rule) const {
    auto all = DetectCandidateRules(DetectorInput{model, policy, syllabus, recordings});
    std::vector<Finding> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Finding& f) { return f.rule == rule; });
    return out;
  }
};

// ------------------------------------------------------------------ EXM-CANDIDATE-DATA

TEST(CandidateDataTest, CleanRowsGiveNothing) {
  CandidateWorld w;
  w.Enrol(kCandidateZhang, "张三", true);
  w.Enrol(kWithX, "李四", true);
  w.Examine(kCandidateZhang, "张三");
  w.Examine("11010519491231002x", "李四", 80, true);  // X in lower case; exactly the pass mark
  w.Examine(kCandidateLi, "王五", 79.5, false);
  EXPECT_TRUE(w.Run("EXM-CANDIDATE-DATA").empty());
}

TEST(CandidateDataTest, ExcelMangledIdIsQuotedAsWritten) {
  CandidateWorld w;
  w.Examine("4.30402E+17", "赵六");
  auto findings = w.Run("EXM-CANDIDATE-DATA");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.institution, "KS01");
  EXPECT_EQ(f.severity, Severity::kLow);
  EXPECT_EQ(f.subject, "session=E1|candidate=4.30402E+17|id");
  EXPECT_EQ(f.people, std::vector<std::string>{"4.30402E+17"});
  EXPECT_EQ(f.trainee_id, "4.30402E+17");
  EXPECT_NE(f.summary_zh.find("“4.30402E+17”无效"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.basis.find("GB 11643-1999"), std::string::npos);
}

TEST(CandidateDataTest, WrongCheckDigitAndImpossibleBirthDate) {
  CandidateWorld w;
  w.Examine("110105194912310021", "甲");
  w.Examine("110105194902300020", "乙");
  auto findings = w.Run("EXM-CANDIDATE-DATA");
  ASSERT_EQ(findings.size(), 2u);
  // Sorted by subject: 110105194902300020 before 110105194912310021.
  EXPECT_NE(findings[0].summary_zh.find("出生日期 19490230 不是有效日期"), std::string::npos) << findings[0].summary_zh;
  EXPECT_NE(findings[1].summary_zh.find("校验码应为 X，实为 1"), std::string::npos) << findings[1].summary_zh;
}

TEST(CandidateDataTest, MissingName) {
  CandidateWorld w;
  w.Examine(kCandidateZhang, "");
  auto findings = w.Run("EXM-CANDIDATE-DATA");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].subject, std::string("session=E1|candidate=") + kCandidateZhang + "|name");
}

TEST(CandidateDataTest, DuplicateInOneSessionIsOneFindingCitingBothRows) {
  CandidateWorld w;
  w.Examine(kWithX, "李四");
  w.Examine("11010519491231002x", "李四");
  w.Examine(kWithX, "李四", 90, true, "E2");  // another session: fine
  auto findings = w.Run("EXM-CANDIDATE-DATA");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.subject, std::string("session=E1|candidate=") + kWithX + "|duplicate");
  EXPECT_EQ(f.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(*f.measured, 2);
  EXPECT_EQ(f.people.size(), 2u);  // both spellings as written
}

TEST(CandidateDataTest, ScoreOutOfRangeAndResultAgainstPassMark) {
  CandidateWorld w;
  w.Examine(kCandidateZhang, "张三", 105, true);
  w.Examine(kCandidateLi, "李四", 79, true);  // pass below 80
  w.Examine(kWithX, "王五", 80, false);       // fail at 80
  auto findings = w.Run("EXM-CANDIDATE-DATA");
  ASSERT_EQ(findings.size(), 3u);
  auto find = [&](const std::string& suffix) -> const Finding* {
    for (const auto& f : findings) {
      if (f.subject.ends_with(suffix)) return &f;
    }
    return nullptr;
  };
  const Finding* score = find(std::string(kCandidateZhang) + "|score");
  ASSERT_NE(score, nullptr);
  EXPECT_DOUBLE_EQ(*score->measured, 105);
  EXPECT_NE(score->summary_zh.find("“105”，超出 0–100 分范围"), std::string::npos) << score->summary_zh;
  const Finding* pass_low = find(std::string(kCandidateLi) + "|result");
  ASSERT_NE(pass_low, nullptr);
  EXPECT_DOUBLE_EQ(*pass_low->measured, 79);
  EXPECT_DOUBLE_EQ(*pass_low->required, 80);
  EXPECT_NE(pass_low->summary_zh.find("低于合格分数线 80 分，结果却为“合格”"), std::string::npos);
  const Finding* fail_high = find(std::string(kWithX) + "|result");
  ASSERT_NE(fail_high, nullptr);
  EXPECT_NE(fail_high->summary_zh.find("达到合格分数线 80 分，结果却为“不合格”"), std::string::npos);
}

// ------------------------------------------------------------------ EXM-CANDIDATE-UNTRAINED

TEST(CandidateUntrainedTest, NotOnRosterOrNotCompletedIsFlagged) {
  CandidateWorld w;
  w.Enrol(kCandidateZhang, "张三", true);
  w.Enrol(kCandidateLi, "李四", false);
  w.Examine(kCandidateZhang, "张三");
  w.Examine(kCandidateLi, "李四");
  w.Examine(kWithX, "王五");
  auto findings = w.Run("EXM-CANDIDATE-UNTRAINED");
  ASSERT_EQ(findings.size(), 2u);
  for (const auto& f : findings) {
    EXPECT_EQ(f.institution, "KS01");
    EXPECT_EQ(f.severity, Severity::kHigh);  // a collusion signal (包过班), as the registry says
  }
  const Finding& not_completed = findings[0].people.front() == kCandidateLi ? findings[0] : findings[1];
  const Finding& not_listed = findings[0].people.front() == kCandidateLi ? findings[1] : findings[0];
  EXPECT_EQ(not_completed.subject, std::string("session=E1|candidate=") + kCandidateLi);
  EXPECT_EQ(not_completed.rows.size(), 2u);  // candidate row and roster row
  EXPECT_NE(not_completed.summary_zh.find("未结业"), std::string::npos) << not_completed.summary_zh;
  EXPECT_EQ(not_listed.people, std::vector<std::string>{kWithX});
  EXPECT_NE(not_listed.summary_zh.find("学员名册中没有此人"), std::string::npos) << not_listed.summary_zh;
}

TEST(CandidateUntrainedTest, MangledIdIsMatchedByUniqueName) {
  CandidateWorld w;
  w.Enrol("43040219800101123X", "赵六", true);
  w.Examine("4.30402E+17", "赵六");
  EXPECT_TRUE(w.Run("EXM-CANDIDATE-UNTRAINED").empty());
  EXPECT_EQ(w.Run("EXM-CANDIDATE-DATA").size(), 1u);  // the mangled ID itself
}

TEST(CandidateUntrainedTest, UnknownClassAndMissingRoster) {
  CandidateWorld w;
  w.Enrol(kCandidateZhang, "张三", true);
  w.Examine(kCandidateZhang, "张三").class_id = "C9";
  auto findings = w.Run("EXM-CANDIDATE-UNTRAINED");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].summary_zh.find("学员名册中没有班级 C9"), std::string::npos) << findings[0].summary_zh;
  w.model.trainees.clear();
  w.model.missing_files.push_back(MissingFile{"PX01", "training/PX01/trainees.csv"});
  EXPECT_TRUE(w.Run("EXM-CANDIDATE-UNTRAINED").empty());
}

}  // namespace
}  // namespace xk
