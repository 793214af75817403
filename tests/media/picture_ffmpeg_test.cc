// The picture rules agree with FFmpeg's own filters on the same generated file:
//   ffmpeg -i F -vf blackdetect=d=5,freezedetect=n=-60dB:d=10 -an -f null -
// with keyframe sampling (a keyframe every second here) within 2 s at every edge, and with
// thorough sampling to the frame. Skipped where no ffmpeg binary is installed.
// Then the recordings built to fool a screen that judges pictures by their packet sizes (a
// still picture under fresh noise, a static room at a high bit rate, constant-bit-rate and
// constant-quality encodes, H.265, an NVR's MPEG-PS, a Dahua DAV, a picture stuck under a running
// clock): each judged by keyframe sampling as the
// full decode (--thorough) and FFmpeg judge it.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "detectors/picture.h"
#include "src/media/frame_sampler.h"
#include "src/media/probe.h"
#include "tests/media/media_temp_dir.h"
#include "tools/demo/cctv_video.h"

namespace xk {
namespace {

struct Detected {
  std::vector<MediaInterval> black, frozen;
};

struct PipeCloser {
  void operator()(FILE* pipe) const { pclose(pipe); }
};

// The value after `key` at `from` or later in `log` ("black_start:12.5"), or -1 at the end.
double ValueAfter(const std::string& log, const std::string& key, size_t* from) {
  const size_t at = log.find(key, *from);
  if (at == std::string::npos) {
    *from = std::string::npos;
    return -1;
  }
  *from = at + key.size();
  return std::strtod(log.c_str() + *from, nullptr);
}

// blackdetect's "black_start:S black_end:E" and freezedetect's "freeze_start: S" ...
// "freeze_end: E" lines (a freeze still going at the end of the file has no end: -1).
void ParseDetectLog(const std::string& log, std::vector<MediaInterval>* black, std::vector<MediaInterval>* frozen) {
  for (size_t from = 0;;) {
    const double start = ValueAfter(log, "black_start:", &from);
    if (from == std::string::npos) break;
    const double end = ValueAfter(log, "black_end:", &from);
    if (from == std::string::npos) break;
    black->push_back(MediaInterval{start, end});
  }
  for (size_t from = 0;;) {
    const double start = ValueAfter(log, "freeze_start:", &from);
    if (from == std::string::npos) break;
    size_t next_start = from, end_at = from;
    ValueAfter(log, "freeze_start:", &next_start);
    const double end = ValueAfter(log, "freeze_end:", &end_at);
    const bool closed = end_at != std::string::npos && (next_start == std::string::npos || end_at < next_start);
    frozen->push_back(MediaInterval{start, closed ? end : -1});
  }
}

// What FFmpeg's blackdetect and freezedetect report for `path` (from its log on stderr).
Detected RunFfmpeg(const std::string& path) {
  Detected detected;
  const std::string command = "ffmpeg -hide_banner -nostdin -nostats -i '" + path +
                              "' -vf blackdetect=d=5,freezedetect=n=-60dB:d=10 -an -f null - 2>&1";
  std::unique_ptr<FILE, PipeCloser> pipe(popen(command.c_str(), "r"));
  if (pipe == nullptr) return detected;
  std::string log;
  char buffer[4096];
  while (size_t got = fread(buffer, 1, sizeof(buffer), pipe.get())) log.append(buffer, got);
  ParseDetectLog(log, &detected.black, &detected.frozen);
  return detected;
}

void ExpectSameIntervals(const std::vector<MediaInterval>& ours, const std::vector<MediaInterval>& ffmpeg,
                         double tolerance, const char* what) {
  ASSERT_EQ(ours.size(), ffmpeg.size()) << what;
  for (size_t i = 0; i < ours.size(); ++i) {
    EXPECT_NEAR(ours[i].start, ffmpeg[i].start, tolerance) << what << " " << i << " start";
    EXPECT_NEAR(ours[i].end, ffmpeg[i].end, tolerance) << what << " " << i << " end";
  }
}

TEST(PictureFfmpegTest, BlackAndFrozenStretchesAgreeWithFfmpeg) {
  if (std::system("command -v ffmpeg >/dev/null 2>&1") != 0) GTEST_SKIP() << "no ffmpeg binary";
  MediaTempDir dir;
  CctvScript script;
  script.duration_s = 60;
  script.gop = 10;  // a keyframe every second
  script.seed = 9;
  script.black = {{10, 20}};
  script.frozen = {{30, 45}};
  const std::string path = dir.File("agree.mp4");
  ASSERT_EQ(WriteCctvVideo(path, script), "");

  const Detected ffmpeg = RunFfmpeg(path);
  ASSERT_EQ(ffmpeg.black.size(), 1u);
  ASSERT_EQ(ffmpeg.frozen.size(), 1u);
  EXPECT_NEAR(ffmpeg.black[0].start, 10, 0.05);
  EXPECT_NEAR(ffmpeg.frozen[0].end, 45, 0.05);

  const MediaProbe probe = ProbeRecording(path);
  AuditPolicy policy;
  SamplerOptions keyframes;
  const FrameSampling sparse = SampleFrames(path, keyframes);
  ASSERT_EQ(sparse.error, "");
  ExpectSameIntervals(BlackIntervals(sparse.samples, probe.duration, policy), ffmpeg.black, 2.0, "black, keyframes");
  ExpectSameIntervals(FrozenIntervals(sparse.samples, probe.duration, policy), ffmpeg.frozen, 2.0, "frozen, keyframes");

  SamplerOptions thorough;
  thorough.thorough = true;
  const FrameSampling every = SampleFrames(path, thorough);
  ASSERT_EQ(every.error, "");
  ExpectSameIntervals(BlackIntervals(every.samples, probe.duration, policy), ffmpeg.black, 0.05, "black, thorough");
  ExpectSameIntervals(FrozenIntervals(every.samples, probe.duration, policy), ffmpeg.frozen, 0.05, "frozen, thorough");
}

struct FoolingCase {
  const char* name;
  CctvScript script;
  int black = -1, frozen = -1;  // the stretches FFmpeg must find (-1: whatever it finds)
};

CctvScript BaseScript(uint32_t seed) {
  CctvScript script;
  script.duration_s = 60;
  script.gop = 20;  // a keyframe every 2 s, as many NVRs write (25 fps, GOP 50)
  script.seed = seed;
  return script;
}

std::vector<FoolingCase> FoolingCases() {
  std::vector<FoolingCase> cases;
  {  // Nothing moves and the clock stands still, but the noise is new every frame: the packets
     // stay large. Not frozen (FFmpeg sees the noise), whatever a size screen would think.
    FoolingCase c{"StillPictureUnderNoise", BaseScript(21), 1, 0};
    c.script.still = {{15, 40}};
    c.script.black = {{45, 52}};
    cases.push_back(c);
  }
  {  // The same under faint noise, which the encoder mostly quantizes away: near-empty packets
     // though every picture differs a little. Judged by the pixels, as FFmpeg judges them.
    FoolingCase c{"StillPictureUnderFaintNoise", BaseScript(22)};
    c.script.still = {{15, 40}};
    c.script.noise_sigma = 0.6;
    cases.push_back(c);
  }
  {  // A static room at ten times the bit rate: large P-frames of noise, and one real freeze.
    FoolingCase c{"HighBitrateStaticRoom", BaseScript(23), 0, 1};
    c.script.static_scene = true;
    c.script.bitrate = 3'000'000;
    c.script.frozen = {{20, 35}};
    cases.push_back(c);
  }
  {  // Constant bit rate: a frozen stretch padded to the same packet sizes as live video.
    FoolingCase c{"ConstantBitrate", BaseScript(24), 1, 1};
    c.script.rate_control = "cbr";
    c.script.bitrate = 500'000;
    c.script.black = {{8, 16}};
    c.script.frozen = {{30, 45}};
    cases.push_back(c);
  }
  {  // Constant quality ("VBR"): the bits follow the picture.
    FoolingCase c{"ConstantQuality", BaseScript(25), 1, 1};
    c.script.rate_control = "crf";
    c.script.black = {{8, 16}};
    c.script.frozen = {{30, 45}};
    cases.push_back(c);
  }
  {
    FoolingCase c{"H265", BaseScript(26), 1, 1};
    c.script.codec = "hevc";
    c.script.black = {{8, 16}};
    c.script.frozen = {{30, 45}};
    cases.push_back(c);
  }
  {  // An NVR's program stream (no index: timestamps from the PES headers).
    FoolingCase c{"NvrProgramStream", BaseScript(27), 1, 1};
    c.script.container = "mpegps";
    c.script.black = {{8, 16}};
    c.script.frozen = {{30, 45}};
    cases.push_back(c);
  }
  {  // A camera's picture stuck under the recorder's running OSD clock: the clock's few changed
     // pixels and each keyframe coded afresh differ a little from the picture before, never much
     // from the first (freezedetect's reference). Frozen once the encoder has settled on it.
    FoolingCase c{"StuckPictureUnderATickingClock", BaseScript(29), 0, 1};
    c.script.stuck = {{15, 50}};
    cases.push_back(c);
  }
  {  // A Dahua NVR's DAV file (H.265): libav's dhav demuxer, millisecond timestamps.
    FoolingCase c{"DahuaDavH265", BaseScript(28), 1, 1};
    c.script.codec = "hevc";
    c.script.container = "dhav";
    c.script.black = {{8, 16}};
    c.script.frozen = {{30, 45}};
    cases.push_back(c);
  }
  return cases;
}

class SizeScreenFoolingTest : public testing::TestWithParam<FoolingCase> {};

TEST_P(SizeScreenFoolingTest, KeyframeSamplingJudgesAsTheFullDecodeAndFfmpeg) {
  if (std::system("command -v ffmpeg >/dev/null 2>&1") != 0) GTEST_SKIP() << "no ffmpeg binary";
  const FoolingCase& c = GetParam();
  if (CctvEncoderName(c.script.codec).empty()) GTEST_SKIP() << "no " << c.script.codec << " encoder in this libav";
  MediaTempDir dir;
  const std::string path = dir.File(std::string(c.name) + ".mp4");
  ASSERT_EQ(WriteCctvVideo(path, c.script), "");

  const Detected ffmpeg = RunFfmpeg(path);
  if (c.black >= 0) {
    ASSERT_EQ(ffmpeg.black.size(), static_cast<size_t>(c.black)) << "the case is not what it claims";
  }
  if (c.frozen >= 0) {
    ASSERT_EQ(ffmpeg.frozen.size(), static_cast<size_t>(c.frozen)) << "the case is not what it claims";
  }

  const MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.covered.size(), 1u) << "every case is one unbroken recording";
  AuditPolicy policy;
  const FrameSampling sparse = SampleFrames(path, SamplerOptions{});
  ASSERT_EQ(sparse.error, "");
  SamplerOptions thorough;
  thorough.thorough = true;
  const FrameSampling every = SampleFrames(path, thorough);
  ASSERT_EQ(every.error, "");

  const auto black = BlackIntervals(sparse.samples, probe.duration, policy);
  const auto frozen = FrozenIntervals(sparse.samples, probe.duration, policy);
  ExpectSameIntervals(black, BlackIntervals(every.samples, probe.duration, policy), 2.0, "black, keyframes ~ thorough");
  ExpectSameIntervals(frozen, FrozenIntervals(every.samples, probe.duration, policy), 2.0,
                      "frozen, keyframes ~ thorough");
  ExpectSameIntervals(black, ffmpeg.black, 2.0, "black, keyframes ~ ffmpeg");
  ExpectSameIntervals(frozen, ffmpeg.frozen, 2.0, "frozen, keyframes ~ ffmpeg");
  EXPECT_LT(sparse.frames_decoded, every.frames_decoded) << "keyframe sampling decoded every picture";
}

INSTANTIATE_TEST_SUITE_P(FoolingCases, SizeScreenFoolingTest, testing::ValuesIn(FoolingCases()),
                         [](const testing::TestParamInfo<FoolingCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace xk
