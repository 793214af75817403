// Loading the certificate register (bureau/certificates.csv) and the optional candidate columns
// (category, job_type, attempt, started, submitted): both header languages, GB18030, bad values
// named with file, line and column, never a crash.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "records/archive_loader.h"
#include "records/csv/encoding.h"
#include "tests/records/archive_folder_test.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

class CertificateLoader : public ArchiveFolderTest {
 protected:
  CertificateLoader() : ArchiveFolderTest("certs") {}
};

TEST_F(CertificateLoader, ReadsTheRegisterWithEnglishHeaders) {
  Write("bureau/certificates.csv",
        "cert_no,holder_id,name,kind,category,job_type,issue_date,valid_until,last_review,review_extended,status\n"
        "T11010519491231002X,11010519491231002X,王明,special_operation,special_operation,低压电工作业,2019-05-10,"
        "2025-05-10,2022-05-01,no,valid\n"
        "AQ-0001,110101198001010011,李华,safety_qualification,safety_manager,,2022/4/20,2025/4/20,,,有效\n");
  ArchiveModel model;
  LoadCertificates(root_, policy_, &model);
  ASSERT_EQ(model.certificates.size(), 2u);
  const Certificate& c = model.certificates[0];
  EXPECT_EQ(c.cert_no, "T11010519491231002X");
  EXPECT_EQ(c.kind, CertificateKind::kSpecialOperation);
  EXPECT_EQ(c.job_type, "低压电工作业");
  EXPECT_EQ(c.issue_date, DateFromYmd(2019, 5, 10));
  EXPECT_EQ(c.last_review, DateFromYmd(2022, 5, 1));
  EXPECT_FALSE(c.review_extended);
  EXPECT_EQ(c.source.line, 2);
  EXPECT_EQ(model.certificates[1].kind, CertificateKind::kSafetyQualification);
  EXPECT_EQ(model.certificates[1].category, Category::kSafetyManager);
  EXPECT_TRUE(model.issues.empty());
  EXPECT_TRUE(model.missing_files.empty());
}

TEST_F(CertificateLoader, ReadsGb18030WithChineseHeadersAndReportsBadValues) {
  Write(
      "bureau/certificates.csv",
      Utf8ToGb18030("证书编号,身份证号,姓名,证书类型,作业类别,发证日期,最近复审日期,延期复审,状态\r\n"
                    "T11010519491231002X,11010519491231002X,王明,特种作业操作证,高压电工作业,2016年3月1日,,是,失效\r\n"
                    "T1,1,张三,驾驶证,高压电工作业,2016-03-01,,,\r\n"
                    "T2,2,李四,特种作业操作证,高压电工作业,not a date,,,\r\n"
                    "T3,3,赵五,特种作业操作证,高压电工作业,2016-03-01,2015-01-01,也许,作废\r\n"
                    "T11010519491231002X,11010519491231002X,王明,特种作业操作证,高压电工作业,2016-03-01,,,\r\n"));
  ArchiveModel model;
  LoadCertificates(root_, policy_, &model);
  ASSERT_EQ(model.certificates.size(), 2u);
  EXPECT_EQ(model.certificates[0].name, "王明");
  EXPECT_TRUE(model.certificates[0].review_extended);
  EXPECT_EQ(model.certificates[0].status, CertificateStatus::kLapsed);
  // Row 5: a review before the issue is dropped, an unreadable yes/no and status reported.
  EXPECT_EQ(model.certificates[1].cert_no, "T3");
  EXPECT_FALSE(model.certificates[1].last_review);
  EXPECT_EQ(model.certificates[1].status, CertificateStatus::kValid);
  const std::string file = "bureau/certificates.csv";
  EXPECT_TRUE(HasIssue(model, file, 3, "证书类型"));
  EXPECT_TRUE(HasIssue(model, file, 4, "发证日期"));
  EXPECT_TRUE(HasIssue(model, file, 5, "最近复审日期"));
  EXPECT_TRUE(HasIssue(model, file, 5, "延期复审"));
  EXPECT_TRUE(HasIssue(model, file, 5, "状态"));
  EXPECT_TRUE(HasIssue(model, file, 6, "证书编号"));  // a number twice
}

TEST_F(CertificateLoader, AMissingRegisterIsNoMissingFile) {
  ArchiveModel model;
  LoadCertificates(root_, policy_, &model);
  EXPECT_TRUE(model.certificates.empty());
  EXPECT_TRUE(model.missing_files.empty());
}

TEST_F(CertificateLoader, ReadsTheOptionalCandidateColumns) {
  Write("exams/KS01/candidates.csv",
        "场次,身份证号,姓名,培训类别,作业类别,考试次数,开考时间,交卷时间,成绩,结果\n"
        "S1,11010519491231002X,王明,特种作业人员,低压电工作业,2,2022-04-15 09:00,2022-04-15 09:04:30,96,合格\n"
        "S1,110101198001010011,李华,,,三,2022-04-15 09:00,2022-04-15 08:00,85,合格\n"
        "S1,110101198001010022,赵强,,,,,,85,合格\n");
  ArchiveModel model;
  LoadExamFolder(root_, "KS01", policy_, &model);
  ASSERT_EQ(model.candidates.size(), 3u);
  const Candidate& c = model.candidates[0];
  EXPECT_EQ(c.category, Category::kSpecialOperation);
  EXPECT_EQ(c.job_type, "低压电工作业");
  EXPECT_EQ(c.attempt, 2);
  ASSERT_TRUE(c.started && c.submitted);
  EXPECT_EQ(*c.submitted - *c.started, 270);
  // Bad optional values are reported and read as not given; the row still loads.
  EXPECT_FALSE(model.candidates[1].attempt);
  EXPECT_FALSE(model.candidates[1].submitted);
  EXPECT_TRUE(HasIssue(model, "exams/KS01/candidates.csv", 3, "考试次数"));
  EXPECT_TRUE(HasIssue(model, "exams/KS01/candidates.csv", 3, "交卷时间"));
  EXPECT_FALSE(model.candidates[2].category);
}

}  // namespace
}  // namespace xk
