// A person followed from class to exam to certificate, fed with structs: the chain holds their
// class with the hours each sign-in holds, their exam and their certificate, matched whatever the
// case of the check letter; a look-alike ID one digit away is someone else.
#include "src/person/person_chain.h"

#include <gtest/gtest.h>

#include "records/store/audit_store.h"
#include "src/person/person_text.h"
#include "tests/support/test_model.h"

namespace xk {
namespace {

const std::string kId = "43040219900101001X";
const std::string kOther = "430402199001010028";

class PersonChainTest : public ::testing::Test, public test::TestModel {
 protected:
  void SetUp() override {
    TrainingClass& cls =
        AddClass("PX01", "C1", Category::kSpecialOperation, DateFromYmd(2022, 3, 1), DateFromYmd(2022, 3, 2));
    cls.industry = "电工";
    cls.job_type = "低压电工作业";
    for (int day : {1, 2}) {  // three 45-minute 学时 each
      AddSession("PX01", "C1", "S" + std::to_string(day), DateFromYmd(2022, 3, day), 9 * 60, 135);
    }
    AddTrainee("PX01", "C1", "43040219900101001x", "张三");
    AddTrainee("PX01", "C1", kOther, "李四");
    // 张三 stays the whole first session and 90 minutes of the second; 李四 only the first.
    SignIn(kId, "S1", 1, 135);
    SignIn(kId, "S2", 2, 90);
    SignIn(kOther, "S1", 1, 135);

    AddExamSession("KS01", "T1", DateFromYmd(2022, 3, 15), 9, ExamMode::kTheory);
    Candidate& c = AddCandidate("KS01", "T1", kId, true);
    c.name = "张三";
    c.score_text = "86";
    c.attempt = 1;
    AddCertificate(kId, DateFromYmd(2022, 4, 1)).job_type = "低压电工作业";
  }

  void SignIn(const std::string& id, const std::string& session, int day, int minutes) {
    const Instant start = At(DateFromYmd(2022, 3, day), 9 * 3600);
    AddSignIn("PX01", "C1", session, id, start, start + minutes * 60);
  }

  std::map<std::string, PersonChain> Chains(std::set<std::string> keys) {
    return BuildPersonChains(model, policy, syllabus, keys);
  }

  TimeZone zone;
};

TEST_F(PersonChainTest, FollowsOnePersonFromClassToExamToCertificate) {
  auto chains = Chains({PersonKey(kId)});
  const PersonChain& chain = chains.at(PersonKey(kId));
  EXPECT_EQ(chain.name, "张三");
  ASSERT_EQ(chain.classes.size(), 1u);
  const PersonClass& cls = chain.classes[0];
  ASSERT_NE(cls.roster_row, nullptr) << "the roster wrote the check letter in lower case: still the same person";
  EXPECT_TRUE(cls.roster_row->completed);
  ASSERT_EQ(cls.sessions.size(), 2u);
  EXPECT_DOUBLE_EQ(cls.sessions[0].attended_hours, 3.0);
  EXPECT_DOUBLE_EQ(cls.sessions[1].attended_hours, 2.0);
  EXPECT_DOUBLE_EQ(cls.attended_hours, 5.0);
  ASSERT_TRUE(cls.required_hours.has_value()) << "the syllabus knows the special-operation class";
  ASSERT_EQ(chain.exams.size(), 1u);
  EXPECT_EQ(chain.exams[0].held, &model.exam_sessions[0]);
  EXPECT_EQ(chain.exams[0].date, DateFromYmd(2022, 3, 15));
  ASSERT_EQ(chain.certificates.size(), 1u);
  EXPECT_EQ(chain.certificates[0]->cert_no, "T" + kId);
}

TEST_F(PersonChainTest, TheLookAlikeIsSomeoneElse) {
  auto chains = Chains({PersonKey(kOther), PersonKey("110101200001010000")});
  const PersonChain& other = chains.at(PersonKey(kOther));
  EXPECT_EQ(other.name, "李四");
  ASSERT_EQ(other.classes.size(), 1u);
  EXPECT_DOUBLE_EQ(other.classes[0].attended_hours, 3.0);
  EXPECT_TRUE(other.classes[0].sessions[1].sign_ins.empty()) << "absent from S2";
  EXPECT_TRUE(other.exams.empty());
  EXPECT_TRUE(other.certificates.empty());
  EXPECT_TRUE(chains.at(PersonKey("110101200001010000")).empty()) << "nobody in the records: an empty chain";
}

TEST_F(PersonChainTest, TextNamesEveryRowAndTheFindingsOfThePerson) {
  auto chains = Chains({PersonKey(kId)});
  store::StoredFinding about;
  about.id = "aaaa";
  about.finding.rule = "TRN-ATTENDANCE-SHORT";
  about.finding.institution = "PX01";
  about.finding.trainee_id = "43040219900101001x";
  about.finding.summary_zh = "学员 张三 签到学时不足";
  store::StoredFinding other = about;
  other.id = "bbbb";
  other.finding.trainee_id = kOther;
  std::string text = PersonChainText(kId, chains.at(PersonKey(kId)), {about, other}, zone);
  for (const char* expected : {"张三", "training/PX01/trainees.csv:2", "training/PX01/attendance.csv:3",
                               "exams/KS01/candidates.csv:2", "bureau/certificates.csv:2", "#aaaa", "2.0 学时"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing in:\n" << text;
  }
  EXPECT_EQ(text.find("#bbbb"), std::string::npos) << "a finding about someone else";
  std::string json = PersonChainJson(kId, chains.at(PersonKey(kId)), {about, other}, zone);
  EXPECT_NE(json.find("\"attended_hours\": 5.0"), std::string::npos) << json;
}

TEST_F(PersonChainTest, ArchiveTextCannotDriveTheTerminal) {
  model.trainees[0].name = "张三\x1b]0;owned\x07\x1b[2J";
  auto chains = Chains({PersonKey(kId)});
  std::string text = PersonChainText(kId, chains.at(PersonKey(kId)), {}, zone);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_NE(text.find("\\x1B]0;owned\\x07"), std::string::npos) << text;
}

}  // namespace
}  // namespace xk
