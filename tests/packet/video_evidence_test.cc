#include "src/packet/video_evidence.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "src/media/probe.h"
#include "tests/packet/packet_world.h"
#include "tools/demo/cctv_video.h"

namespace xk {
namespace {

// The frame a still shows is the frame the encoder was given at that time (up to coding noise).
double MeanDifference(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat difference;
  cv::absdiff(a, b, difference);
  return cv::mean(difference)[0];
}

class PacketVideoTest : public testing::TestWithParam<const char*> {};

TEST_P(PacketVideoTest, StillsAndClipComeFromTheRightTime) {
  const PacketWorld& world = PacketWorld::Get();
  ASSERT_EQ(world.setup_error, "");
  const std::string container = GetParam();
  const std::string path = world.FreshDir(std::string("video-") + container).string() + "/rec.mp4";
  CctvScript script;
  script.width = 160;
  script.height = 120;
  script.fps = 10;
  script.gop = 10;
  script.duration_s = 16;
  script.container = container;
  script.holes = {{6, 9}};  // the recorder stopped: no frames from 6.0 s to 9.0 s
  ASSERT_EQ(WriteCctvVideo(path, script), "");

  GrabbedFrame before = GrabFrame(path, 6.0, FramePick::kLastBefore);
  ASSERT_EQ(before.error, "");
  EXPECT_NEAR(before.time, 5.9, 0.01);
  EXPECT_LT(MeanDifference(before.picture, DrawCctvFrame(script, 59)), 6.0);
  EXPECT_GT(MeanDifference(before.picture, DrawCctvFrame(script, 90)),
            MeanDifference(before.picture, DrawCctvFrame(script, 59)));

  GrabbedFrame after = GrabFrame(path, 6.0, FramePick::kFirstAtOrAfter);
  ASSERT_EQ(after.error, "");
  EXPECT_NEAR(after.time, 9.0, 0.01);
  EXPECT_LT(MeanDifference(after.picture, DrawCctvFrame(script, 90)), 6.0);

  const std::string clip = path + ".clip.mp4";
  ClipResult cut = CutClip(path, 11.0, 14.0, clip);
  ASSERT_EQ(cut.error, "");
  EXPECT_NEAR(cut.start, 11.0, 0.01);  // a keyframe every second
  MediaProbe probe = ProbeRecording(clip);
  ASSERT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.container, "mp4");
  EXPECT_NEAR(probe.duration, 3.0, 0.15);

  EXPECT_NE(GrabFrame(path + ".missing", 1, FramePick::kLastBefore).error, "");
  EXPECT_NE(CutClip(path, 30, 40, path + ".late.mp4").error, "");
}

INSTANTIATE_TEST_SUITE_P(PacketContainers, PacketVideoTest, testing::Values("mp4", "mpegps", "mpegts", "dhav"));

TEST(PacketStillTest, MpegPsFrameWithoutItsOwnTimestamp) {
  // At 25 fps FFmpeg's MPEG-PS muxer starts some frames (keyframes too) inside another frame's
  // PES, without a timestamp: the still at the cover's start is the frame at that time.
  const PacketWorld& world = PacketWorld::Get();
  ASSERT_EQ(world.setup_error, "");
  const std::string path = world.FreshDir("video-packed-ps").string() + "/rec.mpg";
  CctvScript script;  // 320 x 180: keyframes of several PES
  script.seed = 27;
  script.fps = 25;
  script.gop = 50;
  script.duration_s = 12;
  script.container = "mpegps";
  script.black = {{8, 12}};
  ASSERT_EQ(WriteCctvVideo(path, script), "");
  const GrabbedFrame covered = GrabFrame(path, 8.0, FramePick::kFirstAtOrAfter);
  ASSERT_EQ(covered.error, "");
  EXPECT_NEAR(covered.time, 8.0, 0.01);
  EXPECT_LT(MeanDifference(covered.picture, DrawCctvFrame(script, 200)), 6.0);
  const GrabbedFrame before = GrabFrame(path, 8.0, FramePick::kLastBefore);
  ASSERT_EQ(before.error, "");
  EXPECT_NEAR(before.time, 7.96, 0.01);
}

}  // namespace
}  // namespace xk
