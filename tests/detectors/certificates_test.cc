// The certificate rules fed with structs, each case beside its clean look-alike.
#include "detectors/certificates.h"

#include <gtest/gtest.h>

#include "tests/support/test_model.h"

namespace xk {
namespace {

std::string Id(const std::string& first17) { return test::ValidResidentId(first17); }

class Certificates : public ::testing::Test, public test::TestModel {
 protected:
  void SetUp() override {
    // One exam day and one completed 低压电工 class, so the records cover 2022.
    AddClass("PX01", "C1", Category::kSpecialOperation, DateFromYmd(2022, 3, 1), DateFromYmd(2022, 3, 20)).job_type =
        "低压电工作业";
    AddExamSession("KS01", "T", DateFromYmd(2022, 4, 15), 9, ExamMode::kTheory);
    AddExamSession("KS01", "P", DateFromYmd(2022, 4, 15), 14, ExamMode::kPractical);
  }
  void Trained(const std::string& id) { AddTrainee("PX01", "C1", id, "张三"); }
  void Passed(const std::string& id, const std::string& session) {
    Candidate& c = AddCandidate("KS01", session, id, true);
    c.training_institution = "PX01";
    c.class_id = "C1";
  }
  Certificate& Cert(const std::string& id, Date issued) {
    Certificate& c = AddCertificate(id, issued);
    c.job_type = "低压电工作业";
    return c;
  }
  std::vector<Finding> Run(const std::string& rule, std::optional<Date> today = DateFromYmd(2023, 1, 1)) {
    return test::OfRule(DetectCertificateRules(Input(today)), rule);
  }
  const std::string a = Id("43040219900101001"), b = Id("43040219900101002"), c = Id("43040219900101003");
};

TEST_F(Certificates, NoPassedPracticalBeforeIssueIsFlagged) {
  for (const auto& id : {a, b}) {
    Trained(id);
    Passed(id, "T");
  }
  Passed(a, "P");
  Cert(a, DateFromYmd(2022, 4, 20));  // theory and practical passed: clean
  Cert(b, DateFromYmd(2022, 4, 20));  // practical never passed
  Cert(c, DateFromYmd(2022, 4, 14));  // issued the day before any exam it could have passed... of the records
  auto found = Run("CRT-NO-EXAM");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trainee_id, b);
  EXPECT_EQ(found[0].institution, "bureau");
  EXPECT_NE(found[0].summary_zh.find("实操考试"), std::string::npos) << found[0].summary_zh;
}

TEST_F(Certificates, NoCompletedClassBeforeTheExam) {
  Trained(a);
  for (const auto& id : {a, b}) {
    Passed(id, "T");
    Passed(id, "P");
    Cert(id, DateFromYmd(2022, 4, 20));
  }
  auto found = Run("CRT-NO-TRAINING");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trainee_id, b);
}

TEST_F(Certificates, HolderIdNumberAndAge) {
  Cert(a, DateFromYmd(2022, 4, 20));                             // clean
  Cert(b, DateFromYmd(2022, 4, 20)).cert_no = "2022-低压-0001";  // not T + ID
  Cert("43040219900101004", DateFromYmd(2022, 4, 20));           // 17 characters
  const std::string minor = Id("43040220050601005");
  Cert(minor, DateFromYmd(2023, 5, 31));  // 17 years 364 days old
  const std::string adult = Id("43040220050601006");
  Cert(adult, DateFromYmd(2023, 6, 1));  // 18 that day: clean
  auto found = Run("CRT-HOLDER-DATA");
  std::set<std::string> subjects;
  for (const auto& f : found) subjects.insert(f.subject);
  EXPECT_EQ(subjects, (std::set<std::string>{"cert=2022-低压-0001;problem=number", "cert=T43040219900101004;problem=id",
                                             "cert=T" + minor + ";problem=age"}));
}

TEST_F(Certificates, TwoValidCertificatesForOneJob) {
  Cert(a, DateFromYmd(2022, 4, 20));
  Cert(a, DateFromYmd(2022, 5, 20)).cert_no = "X1";
  Cert(b, DateFromYmd(2022, 4, 20));
  Cert(b, DateFromYmd(2019, 5, 20)).status = CertificateStatus::kRevoked;  // the old one revoked: clean
  Cert(c, DateFromYmd(2022, 4, 20));
  Cert(c, DateFromYmd(2022, 5, 20)).job_type = "高压电工作业";  // another job: clean
  model.certificates.back().cert_no = "X2";
  auto found = Run("CRT-DUPLICATE");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trainee_id, a);
  EXPECT_EQ(found[0].rows.size(), 2u);
}

TEST_F(Certificates, ReviewOverdueIsJudgedAgainstTheAuditDate) {
  Cert(a, DateFromYmd(2019, 1, 1));                         // due 2022-01-01
  Cert(b, DateFromYmd(2019, 1, 1)).review_extended = true;  // due 2025-01-01: clean
  Cert(c, DateFromYmd(2019, 1, 1)).status = CertificateStatus::kLapsed;
  EXPECT_TRUE(Run("CRT-REVIEW-OVERDUE", DateFromYmd(2021, 12, 31)).empty());  // 2 years 364 days: clean
  EXPECT_TRUE(Run("CRT-REVIEW-OVERDUE", DateFromYmd(2022, 1, 1)).empty());    // the due day itself
  EXPECT_TRUE(Run("CRT-REVIEW-OVERDUE", std::nullopt).empty());               // no audit date: not judged
  auto found = Run("CRT-REVIEW-OVERDUE", DateFromYmd(2022, 1, 2));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trainee_id, a);
  EXPECT_NE(found[0].summary_zh.find("2022-01-01"), std::string::npos) << found[0].summary_zh;
}

TEST_F(Certificates, AReviewNeedsAReviewClassOfEightHours) {
  TrainingClass review;
  review.institution = "PX01";
  review.class_id = "R1";
  review.category = Category::kSpecialOperation;
  review.job_type = "低压电工作业";
  review.cycle = Cycle::kReview;
  review.start_date = review.end_date = DateFromYmd(2022, 6, 1);
  model.classes.push_back(review);
  for (int block = 0; block < 4; ++block) {
    TrainingSession s;
    s.institution = "PX01";
    s.class_id = "R1";
    s.session_id = std::to_string(block);
    s.date = review.start_date;
    s.start = ToInstant(s.date, (8 + 2 * block) * 3600, TimeZone{});
    s.end = s.start + 90 * 60;  // 2 学时 each: 8 in all
    model.sessions.push_back(s);
  }
  model.trainees.push_back(Trainee{"PX01", "R1", a, "张三", true, {}});
  model.trainees.push_back(Trainee{"PX01", "R1", c, "李四", false, {}});    // did not complete
  Cert(a, DateFromYmd(2019, 8, 1)).last_review = DateFromYmd(2022, 6, 10);  // backed: clean
  Cert(b, DateFromYmd(2019, 8, 1)).last_review = DateFromYmd(2022, 6, 10);
  Cert(c, DateFromYmd(2019, 8, 1)).last_review = DateFromYmd(2022, 6, 10);
  auto found = Run("CRT-REVIEW-UNBACKED");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].trainee_id, b);
  EXPECT_EQ(found[1].trainee_id, c);
  model.sessions.pop_back();  // 6 学时 only
  found = Run("CRT-REVIEW-UNBACKED");
  EXPECT_EQ(found.size(), 3u);
}

}  // namespace
}  // namespace xk
