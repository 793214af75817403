// Loading the bureau's own tables (bureau/inspectors.csv, bureau/priority.csv) and the optional
// institution columns: both encodings, both header languages, a workbook, and bad rows named with
// file, line and column.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "records/archive_loader.h"
#include "records/csv/encoding.h"
#include "tests/records/archive_folder_test.h"
#include "tests/records/xlsx_workbook.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

class DrawBureauLoader : public ArchiveFolderTest {
 protected:
  DrawBureauLoader() : ArchiveFolderTest("bureau") {}

  ArchiveModel LoadBureau() {
    ArchiveModel model;
    LoadBureauFolder(root_, policy_, &model);
    return model;
  }
};

const char* kRosterEnglish =
    "inspector_id,name,cert_no,unit,recuse,active\n"
    "110101198001010011,王明,JZ-0001,市应急管理局,PX01;KS01,yes\n"
    "110101198001010022,李华,JZ-0002,市应急管理局,,no\n"
    "110101198001010033,赵强,JZ-0003,区应急管理局,,\n";
const char* kRosterChinese =
    "姓名,身份证号,执法证号,所属单位,回避机构,在岗\r\n"
    "王明,110101198001010011,JZ-0001,市应急管理局,PX01；KS01,是\r\n"
    "李华,110101198001010022,JZ-0002,市应急管理局,,否\r\n"
    "赵强,110101198001010033,JZ-0003,区应急管理局,,\r\n";

TEST_F(DrawBureauLoader, RosterInGb18030WithChineseHeadersLoadsAsItsUtf8Twin) {
  Write("bureau/inspectors.csv", kRosterEnglish);
  ArchiveModel utf8 = LoadBureau();
  Write("bureau/inspectors.csv", Utf8ToGb18030(kRosterChinese));
  ArchiveModel gb = LoadBureau();
  EXPECT_TRUE(utf8.issues.empty());
  EXPECT_TRUE(gb.issues.empty());
  ASSERT_EQ(utf8.inspectors.size(), 3u);
  ASSERT_EQ(gb.inspectors.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(utf8.inspectors[i].inspector_id, gb.inspectors[i].inspector_id);
    EXPECT_EQ(utf8.inspectors[i].name, gb.inspectors[i].name);
    EXPECT_EQ(utf8.inspectors[i].cert_no, gb.inspectors[i].cert_no);
    EXPECT_EQ(utf8.inspectors[i].unit, gb.inspectors[i].unit);
    EXPECT_EQ(utf8.inspectors[i].recuse, gb.inspectors[i].recuse);
    EXPECT_EQ(utf8.inspectors[i].active, gb.inspectors[i].active);
  }
  EXPECT_EQ(gb.inspectors[0].name, "王明");
  EXPECT_EQ(gb.inspectors[0].recuse, (std::vector<std::string>{"PX01", "KS01"}));
  EXPECT_FALSE(gb.inspectors[1].active);
  EXPECT_TRUE(gb.inspectors[2].active);  // empty = in service
  EXPECT_EQ(std::string(gb.inspectors[2].source.file), "bureau/inspectors.csv");
  EXPECT_EQ(gb.inspectors[2].source.line, 4);
  EXPECT_TRUE(gb.missing_files.empty());
}

TEST_F(DrawBureauLoader, BadRowsAreNamedAndSkippedTheRestLoads) {
  Write("bureau/inspectors.csv",
        "inspector_id,name,cert_no,active\n"
        "110101198001010011,王明,JZ-0001,yes\n"
        "110101198001010022,李华,,yes\n"           // no certificate: cannot be sent
        "110101198001010033,赵强,JZ-0003,maybe\n"  // not yes/no
        "110101198001010011,王明,JZ-0009,yes\n"    // the same person twice
        "110101198001010044,孙丽,JZ-0004,no\n");
  ArchiveModel m = LoadBureau();
  ASSERT_EQ(m.inspectors.size(), 2u);
  EXPECT_EQ(m.inspectors[0].cert_no, "JZ-0001");
  EXPECT_EQ(m.inspectors[1].name, "孙丽");
  EXPECT_TRUE(HasIssue(m, "bureau/inspectors.csv", 3, "cert_no"));
  EXPECT_TRUE(HasIssue(m, "bureau/inspectors.csv", 4, "active"));
  EXPECT_TRUE(HasIssue(m, "bureau/inspectors.csv", 5, "inspector_id"));
}

TEST_F(DrawBureauLoader, MissingRosterIsAMissingFileAndPriorityListIsOptional) {
  ArchiveModel m = LoadBureau();
  EXPECT_TRUE(m.inspectors.empty());
  ASSERT_EQ(m.missing_files.size(), 1u);
  EXPECT_EQ(m.missing_files[0].file, "bureau/inspectors.csv");
  EXPECT_TRUE(m.issues.empty());
}

TEST_F(DrawBureauLoader, RosterMissingARequiredColumnIsNotLoadedAndSaysWhich) {
  Write("bureau/inspectors.csv", "inspector_id,name\n110101198001010011,王明\n");
  ArchiveModel m = LoadBureau();
  EXPECT_TRUE(m.inspectors.empty());
  bool named = false;
  for (const auto& i : m.issues) {
    if (i.file == "bureau/inspectors.csv" && i.message_en.find("cert_no") != std::string::npos) named = true;
  }
  EXPECT_TRUE(named);
}

TEST_F(DrawBureauLoader, PriorityListInGb18030AndAsAWorkbook) {
  Write("bureau/inspectors.csv", kRosterEnglish);
  Write("bureau/priority.csv",
        Utf8ToGb18030("机构编码,原因\r\nKS01,群众投诉\r\nPX02,上次检查有违法行为\r\nKS01,重复\r\n"));
  ArchiveModel m = LoadBureau();
  ASSERT_EQ(m.priority_targets.size(), 2u);
  EXPECT_EQ(m.priority_targets[0].code, "KS01");
  EXPECT_EQ(m.priority_targets[0].reason, "群众投诉");
  EXPECT_EQ(m.priority_targets[1].reason, "上次检查有违法行为");
  EXPECT_TRUE(HasIssue(m, "bureau/priority.csv", 4, "机构编码"));  // the header as written

  fs::remove(root_ / "bureau/priority.csv");
  const std::string rows =
      R"(<row r="1"><c t="inlineStr"><is><t>code</t></is></c><c t="inlineStr"><is><t>reason</t></is></c></row>)"
      R"(<row r="2"><c t="inlineStr"><is><t>PX03</t></is></c><c t="inlineStr"><is><t>投诉</t></is></c></row>)";
  Write("bureau/priority.xlsx", XlsxWorkbook(rows, {}));
  ArchiveModel workbook = LoadBureau();
  ASSERT_EQ(workbook.priority_targets.size(), 1u);
  EXPECT_EQ(workbook.priority_targets[0].code, "PX03");
  EXPECT_EQ(std::string(workbook.priority_targets[0].source.file), "bureau/priority.xlsx");
}

TEST_F(DrawBureauLoader, RosterLinkedOutOfTheArchiveIsNotRead) {
  fs::create_directories(root_ / "bureau");
  fs::create_symlink("/etc/passwd", root_ / "bureau/inspectors.csv");
  ArchiveModel m = LoadBureau();
  EXPECT_TRUE(m.inspectors.empty());
  ASSERT_EQ(m.missing_files.size(), 1u);
  EXPECT_TRUE(HasIssue(m, "bureau/inspectors.csv", 0, ""));
}

TEST_F(DrawBureauLoader, InstitutionsGainAddressLegalRepresentativeAndPhone) {
  Write("institutions.csv", Utf8ToGb18030("机构编码,机构名称,机构类型,地址,法定代表人,联系电话\r\n"
                                          "PX01,市安全培训中心,培训机构,长春市朝阳区人民大街1号,张伟,0431-88880000\r\n"
                                          "KS01,市安全生产考试中心,考试点,,,\r\n"));
  ArchiveModel m;
  LoadInstitutions(root_, policy_, &m);
  ASSERT_EQ(m.institutions.size(), 2u);
  EXPECT_EQ(m.institutions[0].address, "长春市朝阳区人民大街1号");
  EXPECT_EQ(m.institutions[0].legal_rep, "张伟");
  EXPECT_EQ(m.institutions[0].phone, "0431-88880000");
  EXPECT_EQ(m.institutions[1].address, "");  // empty: a blank line to fill by hand
  EXPECT_TRUE(m.issues.empty());
}

}  // namespace
}  // namespace xk
