// The motion measure of the empty-room rule (TRN-VIDEO-EMPTY-ROOM): for each sampled picture of
// a recording, the share of the picture that moved since the previous sample by more than the
// sensor noise. Computed with OpenCV on the pictures the frame sampler already decodes (keyframes
// 1-2 s apart by default), stored as PictureSample::motion.
//
// Method (frame differencing against the previous sample, noise estimated from the frame):
//  1. the luma is area-averaged to at most kMotionWidth columns (averaging is wanted here: it
//     lowers sensor noise) and smoothed with a 3x3 Gaussian;
//  2. the absolute difference to the previous sample's picture; the noise level is estimated from
//     that difference itself: its median (most of a classroom does not move between two samples,
//     so the median is the noise), and a pixel moved when its difference exceeds
//     max(kMinLevel, kNoiseFactor x median + kNoiseOffset) levels;
//  3. spots that change in most samples are left out: a per-pixel running average of "moved"
//     (weight kFlickerWeight per sample); a pixel whose average is over kFlickerShare before this
//     sample is an OSD clock digit or a blinking light, not a person. Such spots are only left out
//     while they are a small part of the picture (kMaxFlickerArea): a busy class changes
//     everywhere and must stay busy;
//  4. motion = moved pixels not left out / all pixels.
// An empty room gives 0 (noise stays under the level, the clock's seconds are left out) but for
// the clock's tens digit now and then; seated people shifting, writing, turning give a few tenths
// of a percent; a busy class percents. A dark room is dark (the black rule's business), a frozen
// picture gives 0 (the frozen rule's business); the detector leaves both out.
#pragma once

#include <opencv2/core.hpp>

namespace xk {

class MotionMeasurer {
 public:
  static constexpr int kMotionWidth = 320;
  static constexpr int kMinLevel = 8;
  static constexpr double kNoiseFactor = 5.0;
  static constexpr double kNoiseOffset = 3.0;
  static constexpr float kFlickerWeight = 0.35f;
  static constexpr float kFlickerShare = 0.45f;
  static constexpr double kMaxFlickerArea = 0.03;

  // The share of `luma` (an 8-bit plane, CV_8UC1, not kept) that moved since the previous call,
  // 0..1; -1 for the first call and after the picture size changed (nothing to compare with).
  float Measure(const cv::Mat& luma) { return Compare(Reduce(luma)); }

  // The two steps of Measure: step 1 (reduced and smoothed, a new picture; empty for a picture
  // that is not an 8-bit plane), which needs no other picture and may be taken on any thread, and
  // steps 2-4 against the previous call's (an empty picture: -1, nothing changes).
  static cv::Mat Reduce(const cv::Mat& luma);
  float Compare(cv::Mat reduced);

  void Reset();

 private:
  cv::Mat previous_;      // CV_8U, the previous sample, reduced and smoothed
  cv::Mat flicker_rate_;  // CV_32F, running average of "moved" per pixel
  cv::Mat difference_, moved_;
};

}  // namespace xk
