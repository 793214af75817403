#include "src/media/motion_measure.h"

#include <algorithm>
#include <array>
#include <opencv2/imgproc.hpp>

namespace xk {

namespace {

// The median of an 8-bit picture, from its histogram.
int Median(const cv::Mat& picture) {
  std::array<int, 256> histogram{};
  for (int y = 0; y < picture.rows; ++y) {
    const uint8_t* row = picture.ptr<uint8_t>(y);
    for (int x = 0; x < picture.cols; ++x) ++histogram[row[x]];
  }
  const int half = picture.rows * picture.cols / 2;
  int seen = 0;
  for (int level = 0; level < 256; ++level) {
    seen += histogram[static_cast<size_t>(level)];
    if (seen > half) return level;
  }
  return 255;
}

}  // namespace

void MotionMeasurer::Reset() {
  previous_.release();
  flicker_rate_.release();
}

cv::Mat MotionMeasurer::Reduce(const cv::Mat& luma) {
  cv::Mat reduced;
  if (luma.empty() || luma.type() != CV_8UC1) return reduced;
  cv::Mat scratch;
  if (luma.cols > kMotionWidth) {
    const int height = std::max(1, luma.rows * kMotionWidth / luma.cols);
    cv::resize(luma, scratch, cv::Size(kMotionWidth, height), 0, 0, cv::INTER_AREA);
  } else {
    luma.copyTo(scratch);
  }
  cv::GaussianBlur(scratch, reduced, cv::Size(3, 3), 0);
  return reduced;
}

float MotionMeasurer::Compare(cv::Mat current) {
  if (current.empty()) return -1;
  float motion = -1;
  if (!previous_.empty() && previous_.size() == current.size()) {
    cv::absdiff(current, previous_, difference_);
    const double level = std::max<double>(kMinLevel, kNoiseFactor * Median(difference_) + kNoiseOffset);
    cv::compare(difference_, level, moved_, cv::CMP_GT);  // 255 where moved
    if (flicker_rate_.size() != current.size()) flicker_rate_ = cv::Mat::zeros(current.size(), CV_32F);
    // Spots that changed in most recent samples, while they are few (an OSD, a blinking light).
    cv::Mat flicker = flicker_rate_ > kFlickerShare;
    const double total = static_cast<double>(current.total());
    const bool leave_out = cv::countNonZero(flicker) <= kMaxFlickerArea * total;
    cv::Mat counted = moved_.clone();
    if (leave_out) counted.setTo(0, flicker);
    motion = static_cast<float>(cv::countNonZero(counted) / total);
    // The running average of "moved": rate = (1 - w) rate + w [moved].
    cv::Mat moved_unit;
    moved_.convertTo(moved_unit, CV_32F, 1.0 / 255.0);
    cv::addWeighted(flicker_rate_, 1.0 - kFlickerWeight, moved_unit, kFlickerWeight, 0, flicker_rate_);
  } else {
    flicker_rate_.release();
  }
  std::swap(previous_, current);
  return motion;
}

}  // namespace xk
