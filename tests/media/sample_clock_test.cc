// ChoosePicture (which decoded pictures become samples, at what time) and PicturesCover (whether
// an interval decoded ahead kept the extracts the sampler's real clock wants), fed with structs.
#include "src/media/sample_clock.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "src/media/interval_decoding.h"

namespace xk {
namespace {

SampleClock TenPerSecond() {
  SampleClock clock;
  clock.has_origin = true;
  clock.origin = 1000;
  clock.time_base = 0.01;  // timestamps in hundredths
  clock.frame_duration = 0.1;
  return clock;
}

PictureFacts At(int64_t timestamp, bool key = false) {
  PictureFacts facts;
  facts.has_timestamp = true;
  facts.best_effort_timestamp = timestamp;
  facts.key_frame = key;
  return facts;
}

constexpr SampleChoice kKeyframes{false, false, 1.0};
constexpr SampleChoice kInterval{false, true, 1.0};

TEST(SampleClockTest, TheFirstPictureIsASampleAtItsTimeFromTheOrigin) {
  SampleClock clock = TenPerSecond();
  const auto t = ChoosePicture(&clock, At(1250), kInterval);
  ASSERT_TRUE(t.has_value());
  EXPECT_DOUBLE_EQ(*t, 2.5);
  EXPECT_DOUBLE_EQ(clock.last_frame_time, 2.5);
}

TEST(SampleClockTest, InAnIntervalASampleASecondLessHalfAFrame) {
  SampleClock clock = TenPerSecond();
  Sampled(&clock, 2.0);
  EXPECT_FALSE(ChoosePicture(&clock, At(1290), kInterval).has_value());  // 0.9 s on
  EXPECT_TRUE(ChoosePicture(&clock, At(1296), kInterval).has_value());   // 0.96 s: within half a frame
  EXPECT_FALSE(ChoosePicture(&clock, At(1200), kInterval).has_value());  // decoded again
}

TEST(SampleClockTest, AKeyframeAloneIsASampleUnlessDecodedAgain) {
  SampleClock clock = TenPerSecond();
  Sampled(&clock, 2.0);
  EXPECT_TRUE(ChoosePicture(&clock, At(1220, true), kKeyframes).has_value());
  EXPECT_FALSE(ChoosePicture(&clock, At(1220, true), kInterval).has_value());  // in an interval: a second
  EXPECT_FALSE(ChoosePicture(&clock, At(1200, true), kKeyframes).has_value());
}

TEST(SampleClockTest, APictureWithoutTimestampFollowsThePreviousByAFrame) {
  SampleClock clock = TenPerSecond();
  ASSERT_TRUE(ChoosePicture(&clock, At(1300), kInterval).has_value());
  PictureFacts untimed;
  const auto t = ChoosePicture(&clock, untimed, SampleChoice{true, true, 1.0});
  ASSERT_TRUE(t.has_value());
  EXPECT_DOUBLE_EQ(*t, 3.1);
}

DecodedInterval PicturesEveryTenth(const std::vector<int>& kept) {
  DecodedInterval decoded;
  decoded.opened = true;
  for (int i = 0; i < 30; ++i) {
    ReadyPicture picture;
    picture.facts = At(1000 + 10 * i);
    if (std::find(kept.begin(), kept.end(), i) != kept.end()) picture.extract = PictureExtract{};
    decoded.pictures.push_back(std::move(picture));
  }
  return decoded;
}

TEST(SampleClockTest, PicturesCoverTheSamplesForeseenOnTheRealClock) {
  SampleClock clock = TenPerSecond();  // nothing sampled yet: 0, 1 and 2 s
  EXPECT_TRUE(PicturesCover(PicturesEveryTenth({0, 10, 20}), clock, kInterval));
  EXPECT_FALSE(PicturesCover(PicturesEveryTenth({0, 10}), clock, kInterval));
  // The foresight was wrong: the last sample before the interval came 0.5 s in.
  Sampled(&clock, 0.5);
  EXPECT_FALSE(PicturesCover(PicturesEveryTenth({0, 10, 20}), clock, kInterval));
  EXPECT_TRUE(PicturesCover(PicturesEveryTenth({15, 25}), clock, kInterval));
}

TEST(SampleClockTest, APictureItsThreadCouldNotReadIsNoSampleThereEither) {
  DecodedInterval decoded = PicturesEveryTenth({1, 11, 21});
  decoded.pictures[0].unreadable = true;  // refused at 0 s, as the sampler refuses it
  EXPECT_TRUE(PicturesCover(decoded, TenPerSecond(), kInterval));
}

TEST(SampleClockTest, ACorruptPictureIsNoSample) {
  DecodedInterval decoded = PicturesEveryTenth({1, 11, 21});
  decoded.pictures[0].facts.corrupt = true;  // 0 s refused: 0.1, 1.1 and 2.1 s are the samples
  EXPECT_TRUE(PicturesCover(decoded, TenPerSecond(), kInterval));
}

}  // namespace
}  // namespace xk
