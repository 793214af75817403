// One recording's keyframes decoded on several threads (SamplerOptions::keyframe_threads) give
// exactly the samples of one thread: every field of every sample, on recordings generated at
// test time with keyframes closer than the sampling spacing, a long interval decoded in full,
// long intervals throughout (decoded several at once), a black and a frozen stretch, in MP4,
// MPEG-PS (H.265) and damaged MPEG-TS.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "src/audit/recording_analysis.h"
#include "src/media/frame_sampler.h"
#include "tests/media/media_temp_dir.h"
#include "tools/demo/cctv_video.h"

namespace xk {
namespace {

CctvScript Varied(const std::string& codec, const std::string& container) {
  CctvScript script;
  script.duration_s = 40;
  script.fps = 10;
  script.gop = 6;  // a keyframe every 0.6 s: most are closer than the 1.5 s spacing
  script.codec = codec;
  script.container = container;
  script.osd_start = 1649984400;  // 2022-04-15 09:00:00 +08:00
  script.black = {{8, 14}};
  script.frozen = {{20, 29}};  // the recorder holds keyframes back: a long interval
  return script;
}

std::string Written(const MediaTempDir& dir, const std::string& name, const CctvScript& script) {
  const std::string path = dir.File(name);
  EXPECT_EQ(WriteCctvVideo(path, script), "");
  return path;
}

// A copy of the clean MPEG-TS `clean` with a random byte every 1 to `step` bytes between the
// fractions `from` and `to` of the file.
std::string DamagedCopy(const MediaTempDir& dir, const std::string& clean, uint32_t seed, double from, double to,
                        unsigned step) {
  std::string bytes;
  {
    std::ifstream in(clean, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::mt19937 random(seed);
  const auto end = static_cast<size_t>(static_cast<double>(bytes.size()) * to);
  for (auto i = static_cast<size_t>(static_cast<double>(bytes.size()) * from); i < end; i += 1 + random() % step) {
    bytes[i] = static_cast<char>(random());
  }
  const std::string damaged = dir.File("damaged-" + std::to_string(seed) + ".ts");
  std::ofstream(damaged, std::ios::binary) << bytes;
  return damaged;
}

FrameSampling Sampled(const std::string& path, int threads) {
  SamplerOptions options;
  options.keyframe_threads = threads;
  return SampleFrames(path, options);
}

void ExpectSameSamples(const FrameSampling& one, const FrameSampling& many, int threads) {
  SCOPED_TRACE(std::to_string(threads) + " keyframe threads");
  EXPECT_EQ(many.error, one.error);
  EXPECT_EQ(many.frames_decoded, one.frames_decoded);
  EXPECT_EQ(many.decode_errors, one.decode_errors);
  EXPECT_EQ(many.dense_intervals, one.dense_intervals);
  ASSERT_EQ(many.samples.size(), one.samples.size());
  for (size_t i = 0; i < one.samples.size(); ++i) {
    const PictureSample& a = one.samples[i];
    const PictureSample& b = many.samples[i];
    EXPECT_EQ(b.t, a.t) << "sample " << i;
    EXPECT_EQ(b.black_ratio, a.black_ratio) << "at " << a.t;
    EXPECT_EQ(b.mean_luma, a.mean_luma) << "at " << a.t;
    EXPECT_EQ(b.diff_from_prev, a.diff_from_prev) << "at " << a.t;
    EXPECT_EQ(b.diff_from_reference, a.diff_from_reference) << "at " << a.t;
    EXPECT_EQ(b.fingerprint, a.fingerprint) << "at " << a.t;
    EXPECT_EQ(b.motion, a.motion) << "at " << a.t;
  }
}

TEST(KeyframeThreadsTest, ManyThreadsGiveTheSamplesOfOne) {
  MediaTempDir dir;
  const std::string path = Written(dir, "varied.mp4", Varied("h264", "mp4"));
  const FrameSampling one = Sampled(path, 1);
  ASSERT_EQ(one.error, "");
  // The recording exercises every path: keyframes left out for spacing, a long interval.
  EXPECT_GE(one.dense_intervals, 1);
  EXPECT_LT(one.samples.size(), 40u / 0.6);
  EXPECT_GE(one.samples.size(), 20u);
  bool black = false;
  for (const auto& s : one.samples) black = black || s.black_ratio > 0.9;
  EXPECT_TRUE(black);
  for (int threads : {2, 3, 8}) ExpectSameSamples(one, Sampled(path, threads), threads);
}

TEST(KeyframeThreadsTest, SameSamplesForHevcInAProgramStream) {
  MediaTempDir dir;
  const std::string path = Written(dir, "varied-hevc.mpg", Varied("hevc", "mpegps"));
  const FrameSampling one = Sampled(path, 1);
  ASSERT_EQ(one.error, "");
  ASSERT_GE(one.samples.size(), 20u);
  ExpectSameSamples(one, Sampled(path, 2), 2);
}

TEST(KeyframeThreadsTest, SameSamplesFromADamagedStream) {
  MediaTempDir dir;
  const std::string damaged = DamagedCopy(dir, Written(dir, "clean.ts", Varied("h264", "mpegts")), 7, 0.25, 0.75, 200);
  const FrameSampling one = Sampled(damaged, 1);
  ASSERT_EQ(one.error, "");
  EXPECT_GT(one.decode_errors, 0);
  ExpectSameSamples(one, Sampled(damaged, 3), 3);
}

// A stream that states its parameter sets once, before the first keyframe (some encoders write
// MPEG-TS and MPEG-PS so): each keyframe decoded alone starts from them, on any thread. (A pool
// decoder that had not met the first keyframe refused every keyframe it was given.)
TEST(KeyframeThreadsTest, ParameterSetsStatedOnceReachEveryKeyframe) {
  MediaTempDir dir;
  for (const auto& [codec, container] : {std::pair{"h264", "mpegts"}, std::pair{"hevc", "mpegps"}}) {
    SCOPED_TRACE(std::string(codec) + " in " + container);
    CctvScript script = Varied(codec, container);
    script.parameter_sets_once = true;
    const std::string path = Written(dir, std::string("once-") + codec + ".ts", script);
    const FrameSampling one = Sampled(path, 1);
    ASSERT_EQ(one.error, "");
    EXPECT_EQ(one.decode_errors, 0);
    EXPECT_GE(one.samples.size(), 20u);
    ExpectSameSamples(one, Sampled(path, 3), 3);
  }
}

// On a damaged stream every keyframe decodes as it would on any other thread: the same pictures,
// the same count of refused ones, however the keyframes fall to the threads (run many times).
TEST(KeyframeThreadsTest, ADamagedStreamDecodesAlikeEveryTime) {
  MediaTempDir dir;
  const std::string damaged = DamagedCopy(dir, Written(dir, "clean.ts", Varied("h264", "mpegts")), 11, 0.125, 1.0, 120);
  const FrameSampling one = Sampled(damaged, 1);
  ASSERT_EQ(one.error, "");
  EXPECT_GT(one.decode_errors, 0);
  for (int run = 0; run < 12; ++run) ExpectSameSamples(one, Sampled(damaged, 2 + run % 3), 2 + run % 3);
}

// A recorder with long keyframe intervals throughout (the "smart" codecs' dynamic GOP): every
// interval is decoded in full, several at once on the pool, and the samples are still those of
// one thread, clean or damaged.
CctvScript LongIntervals(const std::string& codec, const std::string& container) {
  CctvScript script = Varied(codec, container);
  script.gop = 40;  // a keyframe every 4 s, past the 2.5 s that keyframes alone may leave
  return script;
}

TEST(KeyframeThreadsTest, LongIntervalsDecodedAtOnceGiveTheSamplesOfOne) {
  MediaTempDir dir;
  const std::string path = Written(dir, "long-gop.mp4", LongIntervals("h264", "mp4"));
  const FrameSampling one = Sampled(path, 1);
  ASSERT_EQ(one.error, "");
  EXPECT_GE(one.dense_intervals, 7);
  EXPECT_EQ(one.intervals_ahead, 0);   // one thread decodes them in file order
  EXPECT_GE(one.samples.size(), 38u);  // a sample a second
  for (int threads : {2, 3, 8}) {
    const FrameSampling many = Sampled(path, threads);
    ExpectSameSamples(one, many, threads);
    EXPECT_EQ(many.intervals_ahead, many.dense_intervals);  // every one decoded ahead and taken
  }
  const std::string hevc = Written(dir, "long-gop-hevc.mpg", LongIntervals("hevc", "mpegps"));
  const FrameSampling hevc_one = Sampled(hevc, 1);
  ASSERT_EQ(hevc_one.error, "");
  EXPECT_GE(hevc_one.dense_intervals, 7);
  const FrameSampling hevc_two = Sampled(hevc, 2);
  ExpectSameSamples(hevc_one, hevc_two, 2);
  EXPECT_EQ(hevc_two.intervals_ahead, hevc_two.dense_intervals);
}

TEST(KeyframeThreadsTest, LongIntervalsOfADamagedStreamDecodeAlikeEveryTime) {
  MediaTempDir dir;
  const std::string clean = Written(dir, "long-gop.ts", LongIntervals("h264", "mpegts"));
  for (uint32_t seed : {5u, 13u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::string damaged = DamagedCopy(dir, clean, seed, 0.1, 1.0, 150);
    const FrameSampling one = Sampled(damaged, 1);
    ASSERT_EQ(one.error, "");
    EXPECT_GT(one.decode_errors, 0);
    for (int run = 0; run < 6; ++run) {
      const FrameSampling many = Sampled(damaged, 2 + run % 3);
      ExpectSameSamples(one, many, 2 + run % 3);
      EXPECT_GT(many.intervals_ahead, 0);
    }
  }
}

TEST(KeyframeThreadsTest, AFileGetsTheCoresNoOtherFileUses) {
  EXPECT_EQ(PictureThreadsFor(2, 1), 2);   // one long recording on --jobs 2
  EXPECT_EQ(PictureThreadsFor(2, 50), 1);  // a night's batch: a file per core
  EXPECT_EQ(PictureThreadsFor(8, 3), 2);
  EXPECT_EQ(PictureThreadsFor(1, 1), 1);
  EXPECT_EQ(PictureThreadsFor(0, 0), 1);
}

}  // namespace
}  // namespace xk
