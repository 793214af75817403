// The coverage arithmetic on plain timestamp lists: holes, jitter, odd time bases.
#include "src/media/timestamp_coverage.h"

#include <gtest/gtest.h>

namespace xk {
namespace {

std::vector<int64_t> Frames(int64_t first, int64_t count, int64_t step) {
  std::vector<int64_t> timestamps;
  for (int64_t i = 0; i < count; ++i) timestamps.push_back(first + i * step);
  return timestamps;
}

TEST(MediaCoverage, SteadyFramesMakeOneStretchEndingOneFrameAfterTheLast) {
  TimestampCoverage coverage = CoverageFromTimestamps(Frames(45000, 250, 3600), 1 / 90000.0, 0);
  ASSERT_EQ(coverage.covered.size(), 1u);
  EXPECT_DOUBLE_EQ(coverage.covered[0].start, 0);
  EXPECT_NEAR(coverage.covered[0].end, 10, 1e-9);
  EXPECT_NEAR(coverage.duration, 10, 1e-9);
  EXPECT_DOUBLE_EQ(coverage.fps, 25);
  EXPECT_EQ(coverage.frames, 250);
}

TEST(MediaCoverage, AGapOverOneSecondIsAHole) {
  std::vector<int64_t> timestamps = Frames(0, 100, 100);             // 0 .. 9.9 s, 1/1000
  for (int64_t t : Frames(11500, 50, 100)) timestamps.push_back(t);  // 11.5 .. 16.4 s
  TimestampCoverage coverage = CoverageFromTimestamps(timestamps, 1 / 1000.0, 0);
  ASSERT_EQ(coverage.covered.size(), 2u);
  EXPECT_NEAR(coverage.covered[0].end, 10, 1e-9);
  EXPECT_NEAR(coverage.covered[1].start, 11.5, 1e-9);
  EXPECT_NEAR(coverage.covered[1].end, 16.5, 1e-9);
  EXPECT_DOUBLE_EQ(coverage.fps, 10);
}

TEST(MediaCoverage, SubSecondJitterIsNotAHole) {
  std::vector<int64_t> timestamps = Frames(0, 50, 40);                   // 25 fps in 1/1000 s
  for (int64_t t : Frames(2000 + 900, 50, 40)) timestamps.push_back(t);  // a 0.9 s stall
  TimestampCoverage coverage = CoverageFromTimestamps(timestamps, 1 / 1000.0, 0);
  EXPECT_EQ(coverage.covered.size(), 1u);
}

TEST(MediaCoverage, SlowCamerasGetThreeFramesOfSlack) {
  // 1 fps: a 2.5 s gap is under 3 frames, a 3.5 s gap is a hole.
  std::vector<int64_t> timestamps = {0, 1, 2, 3, 4, 6, 7, 8};  // seconds, gap of 2 kept
  EXPECT_EQ(CoverageFromTimestamps(timestamps, 1.0, 0).covered.size(), 1u);
  EXPECT_DOUBLE_EQ(HoleThresholdSeconds(1.0), 3);
  EXPECT_DOUBLE_EQ(HoleThresholdSeconds(0.04), 1);
  timestamps = {0, 2, 4, 6, 8, 10, 14, 16, 18};  // 0.5 fps: 4 s gap is under 6 s
  EXPECT_EQ(CoverageFromTimestamps(timestamps, 1.0, 0).covered.size(), 1u);
}

TEST(MediaCoverage, ThirtyFpsInMillisecondsKeepsItsRate) {
  std::vector<int64_t> timestamps;
  for (int i = 0; i < 300; ++i) timestamps.push_back(i * 1000 / 30);  // 0, 33, 66, 100, ...
  TimestampCoverage coverage = CoverageFromTimestamps(timestamps, 1 / 1000.0, 0);
  EXPECT_NEAR(coverage.fps, 30, 0.01);
  EXPECT_NEAR(coverage.duration, 10, 0.002);
}

TEST(MediaCoverage, FramesWithoutOwnTimestampDoNotLowerTheRate) {
  // Every tenth frame lost its timestamp (packed into the PES before): a double gap.
  std::vector<int64_t> timestamps;
  for (int i = 0; i < 100; ++i) {
    if (i % 10 != 5) timestamps.push_back(i * 9000);
  }
  TimestampCoverage coverage = CoverageFromTimestamps(timestamps, 1 / 90000.0, 0);
  EXPECT_DOUBLE_EQ(coverage.fps, 10);
  EXPECT_NEAR(coverage.duration, 10, 1e-9);
}

TEST(MediaCoverage, UnsortedInputAndDuplicates) {
  TimestampCoverage coverage = CoverageFromTimestamps({300, 0, 200, 100, 100}, 1 / 1000.0, 0);
  ASSERT_EQ(coverage.covered.size(), 1u);
  EXPECT_NEAR(coverage.duration, 0.4, 1e-9);
  EXPECT_EQ(coverage.frames, 5);
}

TEST(MediaCoverage, OneFrameAndNone) {
  TimestampCoverage one = CoverageFromTimestamps({1234}, 1 / 90000.0, 5);
  ASSERT_EQ(one.covered.size(), 1u);
  EXPECT_NEAR(one.duration, 0.2, 1e-9);
  EXPECT_DOUBLE_EQ(one.fps, 5);
  TimestampCoverage none = CoverageFromTimestamps({}, 1 / 90000.0, 5);
  EXPECT_TRUE(none.covered.empty());
  EXPECT_EQ(none.frames, 0);
  EXPECT_EQ(none.duration, 0);
}

}  // namespace
}  // namespace xk
