// PictureMeasurer and the DCT fingerprint on pictures made in memory: the numbers FFmpeg's
// blackdetect and freezedetect would give for the same planes, and fingerprints that stay put
// under sensor noise but change when the scene does.
#include "src/media/picture_stats.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tools/demo/cctv_video.h"

namespace xk {
namespace {

// A 4:2:0 picture with uniform planes (or the given luma).
struct Yuv420 {
  cv::Mat y, u, v;
  Yuv420(int width, int height, int luma, int chroma = 128)
      : y(height, width, CV_8UC1, cv::Scalar(luma)),
        u(height / 2, width / 2, CV_8UC1, cv::Scalar(chroma)),
        v(height / 2, width / 2, CV_8UC1, cv::Scalar(chroma)) {}
  PictureView View(bool full_range = false) const {
    PictureView view;
    view.luma = PlaneView{y.data, static_cast<int>(y.step), y.cols, y.rows};
    view.chroma[0] = PlaneView{u.data, static_cast<int>(u.step), u.cols, u.rows};
    view.chroma[1] = PlaneView{v.data, static_cast<int>(v.step), v.cols, v.rows};
    view.chroma_planes = 2;
    view.full_range = full_range;
    return view;
  }
};

// A noisy moving scene in a picture whose rows are `padding` bytes longer than its width (as a
// decoder lays them out), shifted by `shift` pixels.
Yuv420 NoisyScene(int width, int height, int shift, int padding, unsigned seed) {
  Yuv420 picture(width + padding, height, 90);
  cv::RNG random(seed);
  random.fill(picture.y, cv::RNG::NORMAL, 90, 12);
  cv::rectangle(picture.y, cv::Rect(20 + shift, 30, width / 4, height / 3), cv::Scalar(220), cv::FILLED);
  random.fill(picture.u, cv::RNG::NORMAL, 128, 4);
  picture.y = picture.y(cv::Rect(0, 0, width, height));
  picture.u = picture.u(cv::Rect(0, 0, width / 2, height / 2));
  picture.v = picture.v(cv::Rect(0, 0, width / 2, height / 2));
  return picture;
}

// What a keyframe thread keeps of a picture (its extract, taken with its own extractor, from rows
// laid out otherwise) measures exactly as the picture itself, size changes included.
TEST(PictureStatsTest, ExtractsTakenElsewhereMeasureAsThePictures) {
  PictureMeasurer pictures(0.10, 0.001);
  PictureMeasurer extracts(0.10, 0.001);
  PictureExtractor elsewhere(0.10);
  const int sizes[][2] = {{640, 360}, {640, 360}, {640, 360}, {320, 180}, {320, 180}, {640, 360}};
  for (int i = 0; i < 6; ++i) {
    const int width = sizes[i][0], height = sizes[i][1];
    const Yuv420 here = NoisyScene(width, height, 4 * i, 0, 7 + i);
    Yuv420 there = NoisyScene(width, height, 4 * i, 64, 99);
    here.y.copyTo(there.y);
    here.u.copyTo(there.u);
    here.v.copyTo(there.v);
    const PictureSample a = pictures.Measure(here.View(), i);
    const PictureSample b = extracts.Measure(elsewhere.Extract(there.View()), i);
    SCOPED_TRACE("picture " + std::to_string(i));
    EXPECT_EQ(b.black_ratio, a.black_ratio);
    EXPECT_EQ(b.mean_luma, a.mean_luma);
    EXPECT_EQ(b.diff_from_prev, a.diff_from_prev);
    EXPECT_EQ(b.diff_from_reference, a.diff_from_reference);
    EXPECT_EQ(b.fingerprint, a.fingerprint);
    EXPECT_EQ(b.motion, a.motion);
  }
  EXPECT_EQ(extracts.Measure(PictureExtract{}, 9).fingerprint, 0u);  // no picture: only its time
}

TEST(PictureStatsTest, BlackLevelIsBlackdetects) {
  EXPECT_EQ(BlackPixelLevel(0.10, false), 37);  // 16 + 0.1 * 219 = 37.9, cut to 37
  EXPECT_EQ(BlackPixelLevel(0.10, true), 25);   // 0.1 * 255 = 25.5
  EXPECT_EQ(BlackPixelLevel(0.0, false), 16);
}

TEST(PictureStatsTest, BlackShareCountsPixelsAtOrUnderTheLevel) {
  PictureMeasurer measurer(0.10);
  Yuv420 picture(320, 180, 37);
  EXPECT_FLOAT_EQ(measurer.Measure(picture.View(), 0).black_ratio, 1.0f);
  picture.y.setTo(38);
  EXPECT_FLOAT_EQ(measurer.Measure(picture.View(), 1).black_ratio, 0.0f);
  // Full range: 30 is above 25.
  picture.y.setTo(30);
  EXPECT_FLOAT_EQ(measurer.Measure(picture.View(true), 2).black_ratio, 0.0f);
  EXPECT_FLOAT_EQ(measurer.Measure(picture.View(false), 3).black_ratio, 1.0f);
  // A white band over a quarter of the rows.
  picture.y.setTo(20);
  picture.y(cv::Rect(0, 0, 320, 45)).setTo(200);
  const PictureSample sample = measurer.Measure(picture.View(), 4);
  EXPECT_NEAR(sample.black_ratio, 0.75, 0.01);
  EXPECT_NEAR(sample.mean_luma, 0.25 * 200 + 0.75 * 20, 1.0);
}

TEST(PictureStatsTest, DifferenceIsFreezedetectsMafdOverAllPlanes) {
  PictureMeasurer measurer(0.10);
  Yuv420 a(320, 180, 100), b(320, 180, 110);
  EXPECT_FLOAT_EQ(measurer.Measure(a.View(), 0).diff_from_prev, 0.0f);  // nothing before
  EXPECT_FLOAT_EQ(measurer.Measure(a.View(), 1).diff_from_prev, 0.0f);
  // Luma 10 levels off, chroma unchanged: luma is 2/3 of the pixels (4:2:0).
  EXPECT_NEAR(measurer.Measure(b.View(), 2).diff_from_prev, 10.0 * (2.0 / 3.0) / 256.0, 1e-5);
  // Only chroma off by 6: 1/3 of the pixels.
  Yuv420 c(320, 180, 110, 134);
  EXPECT_NEAR(measurer.Measure(c.View(), 3).diff_from_prev, 6.0 * (1.0 / 3.0) / 256.0, 1e-5);
  // A different picture size starts afresh.
  Yuv420 d(160, 90, 0);
  EXPECT_FLOAT_EQ(measurer.Measure(d.View(), 4).diff_from_prev, 0.0f);
}

TEST(PictureStatsTest, DifferenceToTheReferenceIsFreezedetects) {
  // The reference is the first picture until one differs from it by more than the threshold.
  PictureMeasurer measurer(0.10, 0.001);
  Yuv420 a(320, 180, 100), clock_on(320, 180, 100), far(320, 180, 120);
  clock_on.y(cv::Rect(0, 0, 320, 18)).setTo(101);                      // a tenth of the rows one level up
  EXPECT_LT(measurer.Measure(a.View(), 0).diff_from_reference, 0.0f);  // nothing to compare with
  const float one = measurer.Measure(clock_on.View(), 1).diff_from_reference;
  EXPECT_GT(one, 0.0f);
  EXPECT_LT(one, 0.001f);
  // Back and forth: each time the same small difference from the first picture, never piled up.
  EXPECT_FLOAT_EQ(measurer.Measure(a.View(), 2).diff_from_reference, 0.0f);
  EXPECT_FLOAT_EQ(measurer.Measure(clock_on.View(), 3).diff_from_reference, one);
  // Far away: measured against the old reference, then itself the reference.
  EXPECT_GT(measurer.Measure(far.View(), 4).diff_from_reference, 0.001f);
  EXPECT_FLOAT_EQ(measurer.Measure(far.View(), 5).diff_from_reference, 0.0f);
}

TEST(PictureStatsTest, SensorNoiseIsMeasuredNotAveragedAway) {
  // A large noisy picture: the grid samples single pixels, so noise of sigma 2 shows as a
  // mean absolute difference of about 2.26 levels (2 * sigma / sqrt(pi)), far above -60 dB.
  PictureMeasurer measurer(0.10);
  float last = 0;
  for (int frame = 0; frame < 2; ++frame) {
    Yuv420 picture(1920, 1080, 120);
    cv::Mat noisy(1080, 1920, CV_32F);
    cv::RNG random(7 + frame);
    random.fill(noisy, cv::RNG::NORMAL, 120, 2);
    noisy.convertTo(picture.y, CV_8U);
    last = measurer.Measure(picture.View(), frame).diff_from_prev;
  }
  EXPECT_NEAR(last * 256.0 / (2.0 / 3.0), 2.26, 0.15);
  EXPECT_GT(last, 0.001);
}

cv::Mat Gray(const cv::Mat& bgr) {
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  return gray;
}

TEST(PictureStatsTest, FingerprintIgnoresNoiseButSeesTheScene) {
  CctvScript still;
  still.static_scene = true;
  still.seed = 3;
  // The static room, 4 s apart: only sensor noise (and the OSD clock) differ, at most 2 bits.
  EXPECT_LE(FingerprintDistance(DctFingerprint(Gray(DrawCctvFrame(still, 0))),
                                DctFingerprint(Gray(DrawCctvFrame(still, 40)))),
            2);
  CctvScript busy;
  busy.seed = 3;
  // People walking: 5 s apart the hash mostly moves by 6 bits or more (a "change").
  int moved = 0;
  for (int k = 0; k < 8; ++k) {
    moved += FingerprintDistance(DctFingerprint(Gray(DrawCctvFrame(busy, k * 50))),
                                 DctFingerprint(Gray(DrawCctvFrame(busy, k * 50 + 50)))) >= 6;
  }
  EXPECT_GE(moved, 5);
  EXPECT_EQ(FingerprintDistance(0, ~uint64_t{0}), 64);
}

TEST(PictureStatsTest, LumaFingerprintMatchesTheWholePictureHash) {
  CctvScript script;
  script.width = 640;
  script.height = 360;
  const cv::Mat gray = Gray(DrawCctvFrame(script, 12));
  cv::Mat buffer;
  const PlaneView luma{gray.data, static_cast<int>(gray.step), gray.cols, gray.rows};
  // Averaging every row (360 <= 270 * 2 rows: every second row) gives nearly the same hash.
  EXPECT_LE(FingerprintDistance(LumaFingerprint(luma, &buffer), DctFingerprint(gray)), 4);
}

}  // namespace
}  // namespace xk
