// Excel workbooks (.xlsx) read as their first sheet's CSV: shared and inline strings, numbers,
// dates and times by their number format (1900 and 1904 systems), skipped rows keeping Excel's
// row numbers; and the loaders taking classes.xlsx for classes.csv. The workbooks are written
// here part by part with libzip, laid out as Excel lays them out.
#include "records/csv/xlsx.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "records/archive_loader.h"
#include "records/zip_handles.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

// Styles: index 0 General, 1 a date (built-in 14), 2 a time (built-in 20), 3 a custom date-time.
const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d\ h:mm;@"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="20" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>)";

std::string SharedStrings(const std::vector<std::string>& strings) {
  std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  for (const auto& s : strings) xml += "<si><t xml:space=\"preserve\">" + s + "</t></si>";
  return xml + "</sst>";
}

std::string Sheet(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

// The bytes of a workbook whose first sheet ("Sheet1" -> rId1 -> worksheets/sheet1.xml) is `sheet`.
std::string Workbook(const std::string& sheet, const std::vector<std::string>& strings, bool date1904 = false) {
  const fs::path path =
      fs::path(::testing::TempDir()) / ("xlsx-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".xlsx");
  fs::remove(path);
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
      {"xl/workbook.xml",
       std::string(
           R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr)") +
           (date1904 ? R"( date1904="1")" : "") +
           R"(/><sheets><sheet name="培训班" sheetId="1" r:id="rId7"/><sheet name="Sheet2" sheetId="2" r:id="rId8"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId7" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", Sheet(sheet)},
      {"xl/worksheets/sheet2.xml",
       Sheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>not this one</t></is></c></row>)")},
      {"xl/sharedStrings.xml", SharedStrings(strings)},
      {"xl/styles.xml", kStyles},
  };
  int error = 0;
  ZipArchivePtr archive(zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error));
  EXPECT_NE(archive, nullptr);
  if (archive == nullptr) return "";
  for (const auto& [name, content] : parts) {
    ZipSourcePtr source(zip_source_buffer(archive.get(), content.data(), content.size(), 0));
    EXPECT_GE(zip_file_add(archive.get(), name.c_str(), source.get(), ZIP_FL_ENC_UTF_8), 0) << name;
    source.release();
  }
  EXPECT_EQ(CloseZip(&archive), "");
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(Xlsx, FirstSheetAsCsvWithExcelRowNumbers) {
  const std::vector<std::string> strings = {"班级编号",   "开班日期", "申报学时", "身份证号",
                                            "法规, 标准", "C01",      "签到时间", "第一行\n第二行"};
  const std::string rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>6</v></c></row>)"
      // row 2: a date, a whole number, an 18-digit ID Excel kept as a number, a custom date-time
      R"(<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" s="1"><v>44657</v></c><c r="C2"><v>48</v></c><c r="D2"><v>430402199001011234</v></c><c r="E2" s="3"><v>44666.375</v></c></row>)"
      // row 3 skipped; row 4: quotes and commas, a line break, a time, a boolean, a formula's value
      R"(<row r="4"><c r="A4" t="inlineStr"><is><t>C"02</t></is></c><c r="B4" t="s"><v>4</v></c><c r="C4" t="s"><v>7</v></c><c r="D4" s="2"><v>0.375</v></c><c r="F4" t="b"><v>1</v></c><c r="G4" t="str"><f>A1</f><v>x</v></c></row>)";
  XlsxText text = XlsxFirstSheetAsCsv(Workbook(rows, strings));
  ASSERT_EQ(text.error, "");
  EXPECT_EQ(text.csv,
            "班级编号,开班日期,申报学时,身份证号,签到时间\n"
            "C01,2022-04-06,48,4.30402199001011E+17,2022-04-15 09:00:00\n"
            "\n"
            "\"C\"\"02\",\"法规, 标准\",第一行 第二行,09:00:00,,TRUE,x\n");
}

TEST(Xlsx, Date1904SystemAndTheFake1900LeapDay) {
  const std::string rows =
      R"(<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>59</v></c><c r="C1" s="1"><v>61</v></c></row>)";
  EXPECT_EQ(XlsxFirstSheetAsCsv(Workbook(rows, {}, true)).csv, "1904-01-01,1904-02-29,1904-03-02\n");
  EXPECT_EQ(XlsxFirstSheetAsCsv(Workbook(rows, {}, false)).csv, "00:00:00,1900-02-28,1900-03-01\n");
}

TEST(Xlsx, NotAWorkbookIsAnErrorNotACrash) {
  EXPECT_FALSE(LooksLikeZip("class_id,category\n"));
  const std::string broken = std::string("PK\x03\x04", 4) + std::string(200, '\x01');
  EXPECT_TRUE(LooksLikeZip(broken));
  XlsxText text = XlsxFirstSheetAsCsv(broken);
  EXPECT_NE(text.error.find("不是可读取的 .xlsx 工作簿"), std::string::npos) << text.error;
  EXPECT_EQ(text.csv, "");
}

class XlsxLoader : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) / ("xlsx-loader-" + std::to_string(::getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "training/PX01");
    Write("institutions.csv", "code,name,kind\nPX01,培训学校,training\n");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& relative, const std::string& bytes) {
    std::ofstream(root_ / relative, std::ios::binary | std::ios::trunc) << bytes;
  }
  fs::path root_;
  AuditPolicy policy_;
};

// classes.xlsx stands in for classes.csv: the same classes, and a bad date named by its Excel row.
TEST_F(XlsxLoader, ClassesFromAWorkbookLoadLikeTheCsv) {
  const std::vector<std::string> strings = {"班级编号", "培训类别",         "培训性质", "开班日期", "结业日期",
                                            "C01",      "安全生产管理人员", "初训",     "某天"};
  const std::string rows =
      R"(<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c></row>)"
      R"(<row r="2"><c t="s"><v>5</v></c><c t="s"><v>6</v></c><c t="s"><v>7</v></c><c s="1"><v>44657</v></c><c s="1"><v>44662</v></c></row>)"
      R"(<row r="5"><c t="inlineStr"><is><t>C02</t></is></c><c t="s"><v>6</v></c><c t="s"><v>7</v></c><c t="s"><v>8</v></c><c s="1"><v>44662</v></c></row>)";
  Write("training/PX01/classes.xlsx", Workbook(rows, strings));
  ArchiveModel m = LoadArchiveRecords(root_, policy_);
  ASSERT_EQ(m.classes.size(), 1u);
  EXPECT_EQ(m.classes[0].class_id, "C01");
  EXPECT_EQ(m.classes[0].category, Category::kSafetyManager);
  EXPECT_EQ(m.classes[0].start_date, DateFromYmd(2022, 4, 6));
  EXPECT_EQ(m.classes[0].end_date, DateFromYmd(2022, 4, 11));
  EXPECT_EQ(std::string(m.classes[0].source.file), "training/PX01/classes.xlsx");
  EXPECT_EQ(m.classes[0].source.line, 2);
  bool named = false;
  for (const auto& issue : m.issues) {
    if (issue.file == "training/PX01/classes.xlsx" && issue.line == 5 && issue.column == "开班日期") named = true;
  }
  EXPECT_TRUE(named) << "the bad date is named by its Excel row and header";
  for (const auto& missing : m.missing_files) EXPECT_NE(missing.file, "training/PX01/classes.csv");
}

TEST_F(XlsxLoader, AWorkbookSavedUnderACsvNameAndABrokenOne) {
  const std::string rows =
      R"(<row r="1"><c t="inlineStr"><is><t>code</t></is></c><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>kind</t></is></c></row>)"
      R"(<row r="2"><c t="inlineStr"><is><t>PX01</t></is></c><c t="inlineStr"><is><t>培训学校</t></is></c><c t="inlineStr"><is><t>培训机构</t></is></c></row>)";
  Write("institutions.csv", Workbook(rows, {}));
  Write("training/PX01/classes.xlsx", std::string("PK\x03\x04", 4) + "not really a zip");
  ArchiveModel m = LoadArchiveRecords(root_, policy_);
  ASSERT_EQ(m.institutions.size(), 1u);
  EXPECT_EQ(m.institutions[0].name, "培训学校");
  bool said = false;
  for (const auto& issue : m.issues) {
    if (issue.file == "training/PX01/classes.xlsx" && issue.message_zh.find("无法读取 Excel 工作簿") == 0) said = true;
  }
  EXPECT_TRUE(said);
}

}  // namespace
}  // namespace xk
