#include "src/report/timeline_picture.h"

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace xk {

namespace {

cv::Scalar Colour(TimelineState state) {  // BGR
  switch (state) {
    case TimelineState::kRecorded:
      return {80, 170, 60};
    case TimelineState::kGap:
      return {40, 40, 210};
    case TimelineState::kUnreadable:
      return {160, 50, 140};
    case TimelineState::kBlack:
      return {20, 20, 20};
    case TimelineState::kFrozen:
      return {200, 120, 30};
    case TimelineState::kReplay:
      return {0, 140, 255};
  }
  return {128, 128, 128};
}

std::string Printable(const std::string& text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<unsigned char>(c) < 0x80 ? c : '?');
  return out;
}

}  // namespace

std::string DrawTimelinePng(Instant window_start, Instant window_end, Instant session_start, Instant session_end,
                            const std::vector<TimelineRow>& rows, const TimeZone& zone) {
  const int label_width = 90, width = 900, row_height = 26, top = 10, axis = 28;
  const int bar_width = width - label_width - 10;
  const int height = top + static_cast<int>(rows.size()) * row_height + axis;
  cv::Mat image(height, width, CV_8UC3, cv::Scalar(255, 255, 255));
  const double span = std::max<double>(1, static_cast<double>(window_end - window_start));
  auto x_of = [&](Instant t) {
    double f = static_cast<double>(std::clamp(t, window_start, window_end) - window_start) / span;
    return label_width + static_cast<int>(f * bar_width);
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    int y = top + static_cast<int>(i) * row_height;
    cv::putText(image, Printable(rows[i].camera), {6, y + 17}, cv::FONT_HERSHEY_SIMPLEX, 0.5, {0, 0, 0}, 1,
                cv::LINE_AA);
    cv::rectangle(image, {label_width, y + 3}, {label_width + bar_width, y + row_height - 5}, {225, 225, 225},
                  cv::FILLED);
    for (const auto& s : rows[i].stretches) {
      int x0 = x_of(s.start), x1 = std::max(x_of(s.end), x_of(s.start) + 1);
      cv::rectangle(image, {x0, y + 3}, {x1, y + row_height - 5}, Colour(s.state), cv::FILLED);
    }
  }
  int axis_y = top + static_cast<int>(rows.size()) * row_height;
  for (Instant mark : {session_start, session_end}) {
    int x = x_of(mark);
    cv::line(image, {x, top}, {x, axis_y}, {0, 0, 0}, 2);
  }
  // Time scale: about six labels.
  Instant step = std::max<Instant>(60, (window_end - window_start) / 6 / 60 * 60);
  for (Instant t = (window_start + step - 1) / step * step; t <= window_end; t += step) {
    int x = x_of(t);
    cv::line(image, {x, axis_y}, {x, axis_y + 4}, {0, 0, 0}, 1);
    cv::putText(image, FormatLocalTime(t, zone).substr(0, 5), {std::min(x - 16, width - 44), axis_y + 18},
                cv::FONT_HERSHEY_SIMPLEX, 0.42, {0, 0, 0}, 1, cv::LINE_AA);
  }
  std::vector<unsigned char> png;
  cv::imencode(".png", image, png);
  return std::string(png.begin(), png.end());
}

}  // namespace xk
