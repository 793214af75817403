#include <gtest/gtest.h>

#include "records/csv/csv_reader.h"
#include "records/csv/encoding.h"
#include "records/csv/values.h"

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

}  // namespace
}  // namespace xk
