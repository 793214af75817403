#include "src/audit/recording_name.h"

#include <gtest/gtest.h>

namespace xk {
namespace {

TEST(RecordingName, DefaultLayoutGivesRoomCameraAndLocalStart) {
  TimeZone zone;
  auto name = MatchRecordingName("A/1/20220415/091000.mp4", {kDefaultRecordingPattern}, zone);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->room, "A");
  EXPECT_EQ(name->camera, "1");
  ASSERT_TRUE(name->start);
  EXPECT_EQ(FormatInstant(*name->start, zone), "2022-04-15T09:10:00+08:00");
  EXPECT_FALSE(MatchRecordingName("A/1/20220415/notes.txt", {kDefaultRecordingPattern}, zone));
  EXPECT_FALSE(MatchRecordingName("A/1/20220230/091000.mp4", {kDefaultRecordingPattern}, zone)->start);
}

TEST(RecordingName, NvrPatternWithStartAndEnd) {
  TimeZone zone;
  auto name = MatchRecordingName("考场一/ch01/ch01_20220415090000_20220415093000.mp4",
                                 {"{room}/{camera}/ch*_{start}_{end}.*"}, zone);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->room, "考场一");
  EXPECT_EQ(name->camera, "ch01");
  EXPECT_EQ(*name->end - *name->start, 1800);
}

TEST(RecordingName, NvrPatternFromTheReadmeAmongTheDefaults) {
  TimeZone zone;
  RecordingNameMatcher matcher({"{room}/{camera}/ch*_{start}_{end}.*", kDefaultRecordingPattern, "{room}/{camera}/*"});
  auto nvr = matcher.Match("B/ch02/ch02_20220415085959_20220415100001.dav", zone);
  ASSERT_TRUE(nvr);
  EXPECT_EQ(nvr->room, "B");
  EXPECT_EQ(nvr->camera, "ch02");
  ASSERT_TRUE(nvr->start && nvr->end);
  EXPECT_EQ(FormatInstant(*nvr->start, zone), "2022-04-15T08:59:59+08:00");
  EXPECT_EQ(FormatInstant(*nvr->end, zone), "2022-04-15T10:00:01+08:00");
  // The same matcher falls through to the later patterns, in order.
  auto dated = matcher.Match("B/ch02/20220415/091000.mp4", zone);
  ASSERT_TRUE(dated && dated->start);
  EXPECT_EQ(FormatInstant(*dated->start, zone), "2022-04-15T09:10:00+08:00");
  auto loose = matcher.Match("B/ch02/clip.mp4", zone);
  ASSERT_TRUE(loose);
  EXPECT_EQ(loose->camera, "ch02");
  EXPECT_FALSE(loose->start);
  EXPECT_FALSE(matcher.Match("B/ch02", zone));
}

TEST(RecordingName, StarsAndFieldsTakeTheShortestSplit) {
  TimeZone zone;
  // Several splits fit; the earlier field is as short as the rest allows.
  auto name = MatchRecordingName("a_b_c/x_y/f.mp4", {"{room}_*/{camera}_*/*"}, zone);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->room, "a");
  EXPECT_EQ(name->camera, "x");
  // "{*}" is "*"; a field never spans a '/'.
  EXPECT_FALSE(MatchRecordingName("A/1/x/y.mp4", {"{room}/{camera}/{*}.mp4"}, zone));
  EXPECT_TRUE(MatchRecordingName("A/1/x.mp4", {"{room}/{camera}/{*}.mp4"}, zone));
}

// Each of these used to backtrack for longer than anyone would wait: the test hangs without a
// matcher linear in the name's length.
TEST(RecordingName, AdversarialPatternsOnALongNameFinish) {
  TimeZone zone;
  const std::string letters = "A/1/" + std::string(4996, 'a');
  const std::string underscores = "A/1/" + std::string(4996, '_');
  ASSERT_EQ(letters.size(), 5000u);
  EXPECT_FALSE(MatchRecordingName(std::string(5000, 'a'), {"*a*a*a*a*a*a*a*a*a*a*b"}, zone));
  EXPECT_FALSE(MatchRecordingName(letters, {"{room}/{camera}/*a*a*a*a*a*a*a*a*a*a*b"}, zone));
  EXPECT_FALSE(MatchRecordingName(underscores, {"{room}/{camera}/*_*_*_*_*_*_*_*_*_*_*_x"}, zone));
  // And a name that does match such a pattern still gives its fields.
  auto name = MatchRecordingName(underscores + "x", {"{room}/{camera}/*_*_*_*_*_*_*_*_*_*_*_x"}, zone);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->room, "A");
  EXPECT_EQ(name->camera, "1");
}

TEST(RecordingName, BadPatternsAreNamedInBothLanguages) {
  EXPECT_EQ(RecordingPatternError(kDefaultRecordingPattern), std::nullopt);
  EXPECT_EQ(RecordingPatternError("{room}/{camera}/ch*_{start}_{end}.*"), std::nullopt);
  EXPECT_EQ(RecordingPatternError("{room}/{camera}/{*}"), std::nullopt);

  EXPECT_EQ(RecordingPatternError(""), "录像文件名模式为空 (a recording name pattern is empty)");
  EXPECT_EQ(RecordingPatternError("{room}/{camera}/{date"),
            "录像文件名模式 \"{room}/{camera}/{date\" 第 17 个字符的 { 没有对应的 } (recording name pattern "
            "\"{room}/{camera}/{date\": the { at character 17 is never closed)");
  EXPECT_NE(RecordingPatternError("考场/{room}/{camera}/{date")->find("第 20 个字符"), std::string::npos);
  EXPECT_EQ(RecordingPatternError("{rom}/{camera}/*"),
            "录像文件名模式 \"{rom}/{camera}/*\" 含未知字段 {rom}，可用的字段为 {room} {camera} {date} {time} "
            "{start} {end} 和 * (recording name pattern \"{rom}/{camera}/*\" has an unknown field {rom}; the fields "
            "are {room} {camera} {date} {time} {start} {end} and *)");
  EXPECT_EQ(RecordingPatternError("{room}/{camera}/{start}_{start}.mp4"),
            "录像文件名模式 \"{room}/{camera}/{start}_{start}.mp4\" 中字段 {start} 出现了不止一次 (recording name "
            "pattern \"{room}/{camera}/{start}_{start}.mp4\" uses the field {start} more than once)");
  EXPECT_EQ(RecordingPatternError("*/{camera}/*"),
            "录像文件名模式 \"*/{camera}/*\" 缺少 {room}，无法判断考场 (recording name pattern \"*/{camera}/*\" has no "
            "{room})");
  EXPECT_EQ(RecordingPatternError("{room}/*/*"),
            "录像文件名模式 \"{room}/*/*\" 缺少 {camera}，无法判断摄像机 (recording name pattern \"{room}/*/*\" has no "
            "{camera})");
  EXPECT_NE(RecordingPatternError("{}/{room}/{camera}"), std::nullopt);

  // A bad pattern never matches; the good ones after it still do.
  TimeZone zone;
  RecordingNameMatcher matcher({"{rom}/{camera}/*", "{room}/{camera}/{start}_{start}.mp4", kDefaultRecordingPattern});
  auto name = matcher.Match("A/1/20220415/091000.mp4", zone);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->room, "A");
  EXPECT_FALSE(matcher.Match("A/1/x.mp4", zone));
}

}  // namespace
}  // namespace xk
