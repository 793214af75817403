// The coverage timeline pictures: a picture reused from the cache is byte for byte the one that
// would have been drawn, and a different drawing is never taken for a cached one.
#include "src/report/timeline_picture.h"

#include <gtest/gtest.h>

#include <vector>

#include "src/media/still_image.h"

namespace xk {
namespace {

const TimeZone kZone{};

Instant At(int year, int month, int day, int hour, int minute) {
  return ToInstant(DateFromYmd(year, month, day), hour * 3600 + minute * 60, kZone);
}

// A two-hour session with `recorded_minutes` recorded from its start and a gap after.
std::vector<TimelineRow> Rows(Instant start, int recorded_minutes) {
  TimelineRow row;
  row.camera = "Room 1-(none)";
  const Instant split = start + recorded_minutes * 60;
  if (recorded_minutes > 0) row.stretches.push_back({start, split, TimelineState::kRecorded});
  row.stretches.push_back({split, start + 7200, TimelineState::kGap});
  return {row};
}

std::string Draw(Instant start, int recorded_minutes, TimelineCache* cache) {
  return DrawTimelinePng(start - 360, start + 7200 + 360, start, start + 7200, Rows(start, recorded_minutes), kZone,
                         cache);
}

TEST(TimelinePicture, SessionsThatLookAlikeShareOnePictureWithTheSameBytes) {
  // Eleven days apart, the time scale's 22-minute marks fall on the same minutes (a few days apart
  // they do not, and those pictures differ).
  const Instant monday = At(2022, 4, 4, 9, 0), friday = At(2022, 4, 15, 9, 0);
  TimelineCache cache;
  const std::string first = Draw(monday, 0, &cache);
  const std::string second = Draw(friday, 0, &cache);
  EXPECT_EQ(cache.size(), 1u);  // drawn once
  EXPECT_EQ(second, Draw(friday, 0, nullptr));
  EXPECT_EQ(first, second);
  const cv::Mat picture = DecodeImage(second);
  EXPECT_EQ(picture.cols, 900);
}

TEST(TimelinePicture, ADifferentCoverageOrHourIsDrawnAnew) {
  TimelineCache cache;
  const Instant morning = At(2022, 4, 15, 9, 0), afternoon = At(2022, 4, 15, 14, 0);
  const std::string unrecorded = Draw(morning, 0, &cache);
  const std::string half = Draw(morning, 60, &cache);
  const std::string later = Draw(afternoon, 0, &cache);
  const std::string next_day = Draw(At(2022, 4, 16, 9, 0), 0, &cache);
  EXPECT_EQ(cache.size(), 4u);
  EXPECT_NE(unrecorded, next_day);  // its time marks fall on other minutes
  EXPECT_EQ(next_day, Draw(At(2022, 4, 16, 9, 0), 0, nullptr));
  EXPECT_NE(unrecorded, half);
  EXPECT_NE(unrecorded, later);  // the time scale reads 14:00, not 09:00
  EXPECT_EQ(half, Draw(morning, 60, nullptr));
  EXPECT_EQ(later, Draw(afternoon, 0, nullptr));
}

}  // namespace
}  // namespace xk
