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

}  // namespace
}  // namespace xk
