#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "records/csv/csv_reader.h"
#include "records/csv/encoding.h"
#include "records/csv/values.h"
#include "records/text_escape.h"
#include "src/report/table_reports.h"

namespace xk {
namespace {

TEST(CsvReader, QuotedFieldsWithCommasAndNewlines) {
  auto parsed = ParseCsv("a,b\r\n\"x, y\",\"line1\nline2\"\n\n3,\"he said \"\"hi\"\"\"\n");
  ASSERT_EQ(parsed.records.size(), 3u);
  EXPECT_EQ(parsed.records[1].fields[0], "x, y");
  EXPECT_EQ(parsed.records[1].fields[1], "line1\nline2");
  EXPECT_EQ(parsed.records[2].line, 5);
  EXPECT_EQ(parsed.records[2].fields[1], "he said \"hi\"");
}

TEST(CsvReader, UnterminatedQuoteIsReported) {
  auto parsed = ParseCsv("a,b\n1,\"open\n2,3\n");
  ASSERT_EQ(parsed.unterminated_quote_lines.size(), 1u);
  EXPECT_EQ(parsed.unterminated_quote_lines[0], 2);
}

TEST(CsvWriter, TextCellsCannotStartAFormula) {
  for (const std::string text : {"=1+1", "+86 138", "-1", "@SUM(A1)", "\tlead", "\rlead"}) {
    SCOPED_TRACE(text);
    const std::string cell = CsvTextCell(text);
    EXPECT_EQ(cell, "\"'" + text + "\"");
    auto parsed = ParseCsv("a,b\n" + cell + ",x\n");
    ASSERT_EQ(parsed.records.size(), 2u);
    EXPECT_EQ(parsed.records[1].fields[0], "'" + text);
  }
  EXPECT_EQ(CsvTextCell("考场一"), "\"考场一\"");
  EXPECT_EQ(CsvTextCell("he said \"=1\", then"), "\"he said \"\"=1\"\", then\"");
  EXPECT_EQ(CsvTextCell("a-b=c"), "\"a-b=c\"");  // only the first character matters
  EXPECT_EQ(CsvTextCell(""), "");
  // The plain path writes what it is given: the demo generator's hostile values stay hostile.
  EXPECT_EQ(CsvEscape("-1"), "-1");
  EXPECT_EQ(CsvEscape("=1+1"), "=1+1");
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
}

// findings.csv as Excel would get it, one row: each archive-derived cell that could start a
// formula has a leading ', the program's own numbers and times are written as they are.
TEST(CsvWriter, FindingsCsvNeutralisesArchiveText) {
  ReportData data;
  store::StoredFinding stored;
  stored.id = "0123456789abcdef";
  stored.status = store::FindingStatus::kNew;
  Finding& f = stored.finding;
  f.rule = "EXM-VIDEO-GAP";
  f.severity = Severity::kHigh;
  f.institution = "=HYPERLINK(\"http://evil.example/\",\"KS01\")";
  f.class_id = "+cmd|' /C calc'!A0";
  f.session_id = "-2+3";
  f.trainee_id = "@SUM(1+1)";
  f.teacher_id = "\tT01";
  f.room = "\rA";
  f.camera = "1";
  f.file = "exams/KS01/video/A/1/20220415/090000.mp4";
  f.people = {"-430402199001011234", "430402199001011235"};
  f.start = ToInstant(DateFromYmd(2022, 4, 15), 9 * 3600, data.zone);
  f.end = *f.start + 6;
  f.measured = -1.5;
  f.required = 0;
  f.unit = "s";
  f.summary_zh = "=1+1 录像中断";
  f.summary_en = "-gap of 6 s";
  f.basis = "@《考试规则》";
  data.findings.push_back(stored);

  const std::string csv = FindingsCsv(data);
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  auto parsed = ParseCsv(csv.substr(3));
  ASSERT_EQ(parsed.records.size(), 2u);
  const std::vector<std::string>& header = parsed.records[0].fields;
  const std::vector<std::string>& row = parsed.records[1].fields;
  ASSERT_EQ(row.size(), header.size());
  std::map<std::string, std::string> cell;
  for (size_t i = 0; i < header.size(); ++i) cell[header[i]] = row[i];
  EXPECT_EQ(cell["institution"], "'=HYPERLINK(\"http://evil.example/\",\"KS01\")");
  EXPECT_EQ(cell["class_id"], "'+cmd|' /C calc'!A0");
  EXPECT_EQ(cell["session_id"], "'-2+3");
  EXPECT_EQ(cell["trainee_id"], "'@SUM(1+1)");
  EXPECT_EQ(cell["teacher_id"], "'\tT01");
  EXPECT_EQ(cell["room"], "'\rA");
  EXPECT_EQ(cell["camera"], "1");
  EXPECT_EQ(cell["file"], "exams/KS01/video/A/1/20220415/090000.mp4");
  EXPECT_EQ(cell["people"], "'-430402199001011234;430402199001011235");
  EXPECT_EQ(cell["summary_zh"], "'=1+1 录像中断");
  EXPECT_EQ(cell["summary_en"], "'-gap of 6 s");
  EXPECT_EQ(cell["basis"], "'@《考试规则》");
  EXPECT_EQ(cell["unit"], "s");
  EXPECT_EQ(cell["id"], "0123456789abcdef");
  EXPECT_EQ(cell["rule"], "EXM-VIDEO-GAP");
  EXPECT_EQ(cell["severity"], "high");
  EXPECT_EQ(cell["status"], "new");
  // The program's own values, unquoted in the file so Excel reads a number and a time.
  EXPECT_NE(csv.find(",2022-04-15T09:00:00+08:00,2022-04-15T09:00:06+08:00,-1.5,0,"), std::string::npos) << csv;
}

TEST(Encoding, Gb18030RoundTripsAndInvalidByteIsLocated) {
  std::string utf8 = "班级编号,培训类别\nA1,安全生产管理人员\n";
  std::string gb = Utf8ToGb18030(utf8);
  ASSERT_NE(gb, utf8);
  DecodedText decoded = DecodeToUtf8(gb);
  EXPECT_EQ(decoded.encoding, "GB18030");
  EXPECT_EQ(decoded.utf8, utf8);
  EXPECT_TRUE(decoded.bad_lines.empty());

  std::string broken = gb + "A2,\xFF\xFF\n";
  DecodedText with_bad = DecodeToUtf8(broken);
  ASSERT_EQ(with_bad.bad_lines.size(), 1u);
  EXPECT_EQ(with_bad.bad_lines[0], 3);
  EXPECT_NE(with_bad.utf8.find("安全生产管理人员"), std::string::npos);
}

TEST(Encoding, OneBadLineInAUtf8FileIsThatLinesIssueNotAGb18030File) {
  const std::string text = "class_id,name\nC1,张三\nC2," + Utf8ToGb18030("李四") + "\nC3,王五\n";
  DecodedText decoded = DecodeToUtf8(text);
  EXPECT_EQ(decoded.encoding, "UTF-8") << "two UTF-8 lines outvote one GBK line";
  EXPECT_EQ(decoded.bad_lines, std::vector<int>{3});
  EXPECT_NE(decoded.utf8.find("C3,王五"), std::string::npos);
  EXPECT_TRUE(IsValidUtf8(decoded.utf8));

  // A real GBK export stays GB18030.
  EXPECT_EQ(DecodeToUtf8(Utf8ToGb18030("班级编号,姓名\nC1,张三\nC2,李四\n")).encoding, "GB18030");
}

TEST(Encoding, ABomMeansUtf8AndNothingAboveU10FFFFGetsThrough) {
  // F4 90 80 80 would be U+110000: not Unicode. glibc's iconv lets it through; we do not.
  const std::string text =
      "\xEF\xBB\xBF"
      "class_id,hours\na\xF4\x90\x80\x80,1\n";
  DecodedText decoded = DecodeToUtf8(text);
  EXPECT_EQ(decoded.encoding, "UTF-8 (BOM)");
  EXPECT_EQ(decoded.bad_lines, std::vector<int>{2});
  EXPECT_TRUE(IsValidUtf8(decoded.utf8));
}

TEST(Encoding, NamesAreShownDecodedOrEscapedAndFoundAgain) {
  const std::string gbk = Utf8ToGb18030("考场甲");
  EXPECT_EQ(DisplayName("video/" + gbk + "/cam"), "video/考场甲/cam");
  EXPECT_EQ(DisplayName("cam\xFF\xFE.mp4"), "cam\\xFF\\xFE.mp4");
  EXPECT_EQ(DisplayName("普通.mp4"), "普通.mp4");
  // Back to the bytes on disk: the name as written, its GB18030 bytes, the escapes undone.
  const auto gbk_candidates = RawNameCandidates("video/考场甲/cam");
  EXPECT_NE(std::find(gbk_candidates.begin(), gbk_candidates.end(), "video/" + gbk + "/cam"), gbk_candidates.end());
  const auto escaped = RawNameCandidates("cam\\xFF\\xFE.mp4");
  EXPECT_EQ(escaped.back(), "cam\xFF\xFE.mp4");
}

TEST(Encoding, Utf8BomIsStripped) {
  DecodedText decoded = DecodeToUtf8(
      "\xEF\xBB\xBF"
      "code,name\n");
  EXPECT_EQ(decoded.encoding, "UTF-8 (BOM)");
  EXPECT_EQ(decoded.utf8, "code,name\n");
}

TEST(Values, DateSpellings) {
  auto expected = DateFromYmd(2022, 4, 15);
  EXPECT_EQ(ParseDate("2022-04-15"), expected);
  EXPECT_EQ(ParseDate("2022/4/15"), expected);
  EXPECT_EQ(ParseDate("2022年4月15日"), expected);
  EXPECT_EQ(ParseDate("２０２２－０４－１５"), expected);
  EXPECT_EQ(ParseDate("2022-02-30"), std::nullopt);
  EXPECT_EQ(ParseDate("15/04/2022"), std::nullopt);
}

TEST(Values, TimesAndDateTimes) {
  EXPECT_EQ(ParseTimeOfDay("09:00"), 9 * 3600);
  EXPECT_EQ(ParseTimeOfDay("9:00:30"), 9 * 3600 + 30);
  EXPECT_EQ(ParseTimeOfDay("０９：００"), 9 * 3600);
  EXPECT_EQ(ParseTimeOfDay("25:00"), std::nullopt);
  EXPECT_EQ(ParseTimeOfDay("9:5"), std::nullopt);
  TimeZone shanghai;
  auto instant = ParseDateTime("2022-04-15T09:00:00", shanghai);
  ASSERT_TRUE(instant);
  EXPECT_EQ(FormatInstant(*instant, shanghai), "2022-04-15T09:00:00+08:00");
  EXPECT_EQ(ParseDateTime("2022/4/15 9:00", shanghai), instant);
}

TEST(Values, IsoInstantsAtTheirOwnOffset) {
  TimeZone shanghai;
  const Instant nine = *ParseDateTime("2022-04-15T09:00:00", shanghai);
  EXPECT_EQ(ParseIsoInstant("2022-04-15T09:00:00+08:00", std::nullopt), nine);
  EXPECT_EQ(ParseIsoInstant("2022-04-15T01:00:00+00:00", shanghai), nine) << "the text's offset, not the fallback";
  EXPECT_EQ(ParseIsoInstant("2022-04-15T09:00:00", shanghai), nine);
  EXPECT_EQ(ParseIsoInstant("2022-04-15T09:00:00", std::nullopt), std::nullopt);
  EXPECT_EQ(ParseIsoInstant("2022-04-15T09:00:00+8h", shanghai), std::nullopt);
  EXPECT_EQ(ParseIsoInstant("2022-04-15", shanghai), std::nullopt);
  EXPECT_EQ(ParseIsoInstant(FormatInstant(nine, *ParseTimeZone("-05:00")), std::nullopt), nine);
}

}  // namespace
}  // namespace xk
