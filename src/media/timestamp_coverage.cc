#include "src/media/timestamp_coverage.h"

#include <algorithm>
#include <cmath>

namespace xk {

double HoleThresholdSeconds(double frame_duration) { return std::max(1.0, 3 * frame_duration); }

TimestampCoverage CoverageFromTimestamps(std::vector<int64_t> timestamps, double time_base, double fallback_fps) {
  TimestampCoverage coverage;
  coverage.frames = static_cast<int64_t>(timestamps.size());
  if (timestamps.empty()) return coverage;
  std::sort(timestamps.begin(), timestamps.end());

  std::vector<int64_t> gaps;
  gaps.reserve(timestamps.size());
  for (size_t i = 1; i < timestamps.size(); ++i) {
    if (timestamps[i] > timestamps[i - 1]) gaps.push_back(timestamps[i] - timestamps[i - 1]);
  }
  double frame_duration = fallback_fps > 0 ? 1 / fallback_fps : 1.0 / 25;
  if (!gaps.empty()) {
    auto middle = gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2);
    std::nth_element(gaps.begin(), middle, gaps.end());
    frame_duration = static_cast<double>(*middle) * time_base;
  }
  const double hole = HoleThresholdSeconds(frame_duration);

  // The frame rate is the mean of the gaps near the median: exact for rates a time base
  // cannot hold (30 fps in 1/1000 s), and blind to holes and to frames without a timestamp of
  // their own (a double gap).
  const double median_gap = frame_duration / time_base;
  int64_t inside_ticks = 0;
  int64_t inside_gaps = 0;
  const int64_t first = timestamps.front();
  MediaInterval current{0, 0};
  for (size_t i = 1; i < timestamps.size(); ++i) {
    int64_t gap = timestamps[i] - timestamps[i - 1];
    if (static_cast<double>(gap) * time_base > hole) {
      current.end = static_cast<double>(timestamps[i - 1] - first) * time_base;
      coverage.covered.push_back(current);
      current.start = static_cast<double>(timestamps[i] - first) * time_base;
    } else if (gap > 0 && gap >= 0.5 * median_gap && gap <= 1.5 * median_gap) {
      inside_ticks += gap;
      ++inside_gaps;
    }
  }
  current.end = static_cast<double>(timestamps.back() - first) * time_base;
  coverage.covered.push_back(current);

  if (inside_gaps > 0) {
    double mean_gap = static_cast<double>(inside_ticks) * time_base / static_cast<double>(inside_gaps);
    coverage.fps = std::round(1000 / mean_gap) / 1000;
    frame_duration = mean_gap;
  } else if (fallback_fps > 0) {
    coverage.fps = fallback_fps;
  }
  coverage.frame_duration = frame_duration;
  for (MediaInterval& interval : coverage.covered) interval.end += frame_duration;
  coverage.duration = coverage.covered.back().end;
  return coverage;
}

}  // namespace xk
