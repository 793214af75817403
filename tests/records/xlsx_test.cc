// Excel workbooks (.xlsx) read as their first sheet's CSV: shared and inline strings, numbers,
// dates and times by their number format (1900 and 1904 systems), skipped rows keeping Excel's
// row numbers. (The loaders taking classes.xlsx for classes.csv: loader_test.cc.)
#include "records/csv/xlsx.h"

#include <gtest/gtest.h>

#include "tests/records/xlsx_workbook.h"

namespace xk {
namespace {

TEST(Xlsx, FirstSheetAsCsvWithExcelRowNumbers) {
  const std::vector<std::string> strings = {"班级编号", "开班日期", "申报学时",       "身份证号", "法规, 标准",
                                            "C01",      "签到时间", "第一行\n第二行", "A&B <C>"};
  const std::string rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>6</v></c></row>)"
      // row 2: a date, a whole number, an 18-digit ID Excel kept as a number, a custom date-time
      R"(<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" s="1"><v>44657</v></c><c r="C2"><v>48</v></c><c r="D2"><v>430402199001011234</v></c><c r="E2" s="3"><v>44666.375</v></c></row>)"
      // row 3 skipped; row 4: quotes and commas, a line break, a time, a boolean, a formula's value
      R"(<row r="4"><c r="A4" t="inlineStr"><is><t>C"02</t></is></c><c r="B4" t="s"><v>4</v></c><c r="C4" t="s"><v>7</v></c><c r="D4" s="2"><v>0.375</v></c><c r="E4" t="s"><v>8</v></c><c r="F4" t="b"><v>1</v></c><c r="G4" t="str"><f>A1</f><v>x</v></c></row>)";
  XlsxText text = XlsxFirstSheetAsCsv(XlsxWorkbook(rows, strings));
  ASSERT_EQ(text.error, "");
  EXPECT_EQ(text.csv,
            "班级编号,开班日期,申报学时,身份证号,签到时间\n"
            "C01,2022-04-06,48,4.30402199001011E+17,2022-04-15 09:00:00\n"
            "\n"
            "\"C\"\"02\",\"法规, 标准\",第一行 第二行,09:00:00,A&B <C>,TRUE,x\n");
}

TEST(Xlsx, Date1904SystemAndTheFake1900LeapDay) {
  const std::string rows =
      R"(<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>59</v></c><c r="C1" s="1"><v>61</v></c></row>)";
  EXPECT_EQ(XlsxFirstSheetAsCsv(XlsxWorkbook(rows, {}, true)).csv, "1904-01-01,1904-02-29,1904-03-02\n");
  EXPECT_EQ(XlsxFirstSheetAsCsv(XlsxWorkbook(rows, {}, false)).csv, "00:00:00,1900-02-28,1900-03-01\n");
}

TEST(Xlsx, OversizedPartsAndRowsPastExcelsLastAreRefused) {
  const std::string rows = R"(<row r="1"><c t="inlineStr"><is><t>class_id</t></is></c></row>)";
  const std::string workbook = XlsxWorkbook(rows, {"一个很长的共享字符串，用来让这部分超过上限"});
  EXPECT_EQ(XlsxFirstSheetAsCsv(workbook).csv, "class_id\n");
  XlsxText small = XlsxFirstSheetAsCsv(workbook, XlsxLimits{200, 1 << 20});
  EXPECT_NE(small.error.find("解压后超过"), std::string::npos) << small.error;
  EXPECT_EQ(small.csv, "");

  XlsxText far = XlsxFirstSheetAsCsv(XlsxWorkbook(rows + R"(<row r="99999999999999"><c><v>1</v></c></row>)", {}));
  EXPECT_NE(far.error.find("超过 Excel 的上限 1048576 行"), std::string::npos) << far.error;
  EXPECT_EQ(far.csv, "");
}

TEST(Xlsx, ACellReferenceOfManyLettersDoesNotOverflow) {
  // Found by xlsx_fuzz: "AAAAAAAAAAAAA1" overflowed the column number (undefined behaviour).
  const std::string rows = R"(<row r="1"><c r="AAAAAAAAAAAAAAAAA1" t="inlineStr"><is><t>x</t></is></c>)"
                           R"(<c r="B1" t="inlineStr"><is><t>y</t></is></c></row>)";
  XlsxText text = XlsxFirstSheetAsCsv(XlsxWorkbook(rows, {}));
  EXPECT_EQ(text.error, "");
  EXPECT_EQ(text.csv, "x,y\n") << "a reference past Excel's last column is read in row order";
}

TEST(Xlsx, NotAWorkbookIsAnErrorNotACrash) {
  EXPECT_FALSE(LooksLikeZip("class_id,category\n"));
  const std::string broken = std::string("PK\x03\x04", 4) + std::string(200, '\x01');
  EXPECT_TRUE(LooksLikeZip(broken));
  XlsxText text = XlsxFirstSheetAsCsv(broken);
  EXPECT_NE(text.error.find("不是可读取的 .xlsx 工作簿"), std::string::npos) << text.error;
  EXPECT_EQ(text.csv, "");
}

}  // namespace
}  // namespace xk
