// SampleFrames on recordings generated at test time: which pictures it decodes, on what clock,
// and that broken input costs samples, never the run.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "records/policy.h"
#include "src/audit/picture_hook.h"
#include "src/media/frame_sampler.h"
#include "src/media/probe.h"
#include "tests/media/media_temp_dir.h"
#include "tools/demo/cctv_video.h"

namespace xk {
namespace {

CctvScript Script(double seconds, int gop) {
  CctvScript script;
  script.duration_s = seconds;
  script.gop = gop;
  script.osd_start = 1649984400;  // 2022-04-15 09:00:00 +08:00
  return script;
}

std::string Write(const MediaTempDir& dir, const std::string& name, const CctvScript& script) {
  const std::string path = dir.File(name);
  const std::string error = WriteCctvVideo(path, script);
  EXPECT_EQ(error, "");
  return path;
}

TEST(PictureSamplerTest, DecodesOnlyKeyframesByDefault) {
  MediaTempDir dir;
  const std::string path = Write(dir, "gop2s.mp4", Script(30, 20));  // a keyframe every 2 s
  const FrameSampling sampling = SampleFrames(path, SamplerOptions{});
  ASSERT_EQ(sampling.error, "");
  ASSERT_EQ(sampling.samples.size(), 15u);
  EXPECT_EQ(sampling.frames_decoded, 15);
  EXPECT_EQ(sampling.dense_intervals, 0);
  for (size_t i = 0; i < sampling.samples.size(); ++i) EXPECT_NEAR(sampling.samples[i].t, 2.0 * i, 1e-6);
  EXPECT_FLOAT_EQ(sampling.samples[0].diff_from_prev, 0);
  EXPECT_GT(sampling.samples[1].diff_from_prev, 0.001);  // people moving, sensor noise
  EXPECT_LT(sampling.samples[1].black_ratio, 0.5);
}

TEST(PictureSamplerTest, ThoroughSamplesEveryFrame) {
  MediaTempDir dir;
  const std::string path = Write(dir, "short.mp4", Script(10, 20));
  SamplerOptions options;
  options.thorough = true;
  const FrameSampling sampling = SampleFrames(path, options);
  ASSERT_EQ(sampling.error, "");
  ASSERT_EQ(sampling.samples.size(), 100u);
  for (size_t i = 0; i < sampling.samples.size(); ++i) EXPECT_NEAR(sampling.samples[i].t, 0.1 * i, 1e-6);
}

TEST(PictureSamplerTest, LongKeyframeIntervalsAreDecodedInFull) {
  MediaTempDir dir;
  const std::string path = Write(dir, "gop10s.mp4", Script(30, 100));  // a keyframe every 10 s
  const FrameSampling sampling = SampleFrames(path, SamplerOptions{});
  ASSERT_EQ(sampling.error, "");
  EXPECT_GE(sampling.dense_intervals, 2);
  ASSERT_GE(sampling.samples.size(), 28u);
  for (size_t i = 1; i < sampling.samples.size(); ++i) {
    EXPECT_LE(sampling.samples[i].t - sampling.samples[i - 1].t, 1.0 + 1e-6) << "at " << sampling.samples[i].t;
    EXPECT_GT(sampling.samples[i].t, sampling.samples[i - 1].t);
  }
  // Memory stays bounded: nothing but a picture and one interval's packets is held, so the
  // pictures decoded are those of the long intervals, not more.
  EXPECT_LE(sampling.frames_decoded, 310);
}

TEST(PictureSamplerTest, ReadsProgramStreamUnderAnMp4Name) {
  MediaTempDir dir;
  CctvScript script = Script(20, 20);
  script.container = "mpegps";
  const std::string path = Write(dir, "hik.mp4", script);
  const FrameSampling sampling = SampleFrames(path, SamplerOptions{});
  ASSERT_EQ(sampling.error, "");
  ASSERT_EQ(sampling.samples.size(), 10u);
  EXPECT_NEAR(sampling.samples.front().t, 0, 1e-6);
  EXPECT_NEAR(sampling.samples.back().t, 18, 1e-6);
}

TEST(PictureSamplerTest, ProgramStreamPicturesWithoutTimestampsAreTimedByTheirPlace) {
  // FFmpeg's MPEG-PS muxer leaves a frame that begins inside another's PES without a timestamp
  // (at 25 fps every other keyframe here), and the header states no frame rate: each is timed
  // one frame after the packet before it, by the packets' durations, with one decoder or two.
  MediaTempDir dir;
  CctvScript script = Script(20, 50);
  script.fps = 25;
  script.container = "mpegps";
  script.black = {{8, 16}};
  const std::string path = Write(dir, "packed.mpg", script);
  for (int threads : {1, 2}) {
    SamplerOptions options;
    options.keyframe_threads = threads;
    const FrameSampling sampling = SampleFrames(path, options);
    ASSERT_EQ(sampling.error, "");
    ASSERT_EQ(sampling.samples.size(), 10u) << threads << " threads";
    for (size_t i = 0; i < sampling.samples.size(); ++i) {
      EXPECT_NEAR(sampling.samples[i].t, 2.0 * static_cast<double>(i), 1e-6) << "keyframe " << i;
      EXPECT_EQ(sampling.samples[i].black_ratio > 0.9, i >= 4 && i < 8) << "keyframe " << i;
    }
  }
}

TEST(PictureSamplerTest, ReadsHevcInAProgramStream) {
  if (CctvEncoderName("hevc").empty()) GTEST_SKIP() << "no HEVC encoder in this libav";
  MediaTempDir dir;
  CctvScript script = Script(10, 20);
  script.codec = "hevc";
  script.container = "mpegps";
  script.black = {{4, 8}};
  const std::string path = Write(dir, "h265.mp4", script);
  const FrameSampling sampling = SampleFrames(path, SamplerOptions{});
  ASSERT_EQ(sampling.error, "");
  ASSERT_EQ(sampling.samples.size(), 5u);
  EXPECT_LT(sampling.samples[1].black_ratio, 0.5);   // 2 s
  EXPECT_GT(sampling.samples[2].black_ratio, 0.98);  // 4 s: lens covered
  EXPECT_GT(sampling.samples[3].black_ratio, 0.98);
}

TEST(PictureSamplerTest, CorruptBytesCostPicturesNotTheRun) {
  MediaTempDir dir;
  const std::string path = Write(dir, "clean.ts", [] {
    CctvScript script = Script(20, 10);
    script.container = "mpegts";
    return script;
  }());
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::mt19937 random(5);
  for (size_t i = bytes.size() / 3; i < bytes.size() * 2 / 3; i += 1 + random() % 64) {
    bytes[i] = static_cast<char>(random());
  }
  const std::string damaged = dir.File("damaged.ts");
  std::ofstream(damaged, std::ios::binary) << bytes;
  std::ofstream(dir.File("cut.ts"), std::ios::binary) << bytes.substr(0, bytes.size() / 2);

  const FrameSampling sampling = SampleFrames(damaged, SamplerOptions{});
  EXPECT_EQ(sampling.error, "");
  EXPECT_GE(sampling.samples.size(), 4u);  // from the intact first and last thirds
  SamplerOptions thorough;
  thorough.thorough = true;
  EXPECT_GE(SampleFrames(damaged, thorough).samples.size(), 60u);
  EXPECT_GE(SampleFrames(dir.File("cut.ts"), SamplerOptions{}).samples.size(), 4u);
}

TEST(PictureSamplerTest, NotAVideoIsAnErrorNamingTheFile) {
  MediaTempDir dir;
  const std::string text = dir.File("note.mp4");
  std::ofstream(text) << "这不是录像文件\n";
  const FrameSampling sampling = SampleFrames(text, SamplerOptions{});
  EXPECT_TRUE(sampling.samples.empty());
  EXPECT_NE(sampling.error.find("note.mp4"), std::string::npos) << sampling.error;
  EXPECT_NE(SampleFrames(dir.File("absent.mp4"), SamplerOptions{}).error, "");
}

TEST(PictureSamplerTest, HookFillsTheProbe) {
  MediaTempDir dir;
  const std::string path = Write(dir, "hook.mp4", Script(10, 20));
  MediaProbe probe = ProbeRecording(path);
  ASSERT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  AuditPolicy policy;
  PictureAnalysisFn analyse = PictureAnalyser(policy, false);
  ASSERT_TRUE(analyse);
  analyse(path, &probe);
  EXPECT_TRUE(probe.analysed);
  EXPECT_EQ(probe.samples.size(), 5u);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone);
}

}  // namespace
}  // namespace xk
