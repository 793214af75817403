#include "src/report/timeline_picture.h"

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "src/media/still_image.h"

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

// Everything the picture shows, in pixels: two timelines with the same drawing have the same PNG.
struct Drawing {
  struct Bar {
    std::string label;
    std::vector<std::pair<int, int>> spans;  // x0, x1
    std::vector<TimelineState> states;
  };
  std::vector<Bar> bars;
  std::vector<int> marks;                          // session start and end
  std::vector<std::pair<int, std::string>> ticks;  // x, label

  // A byte string that differs whenever the drawing does.
  std::string Key() const {
    std::string key;
    auto number = [&](int v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
    auto text = [&](const std::string& t) {
      number(static_cast<int>(t.size()));
      key += t;
    };
    number(static_cast<int>(bars.size()));
    for (const auto& bar : bars) {
      text(bar.label);
      number(static_cast<int>(bar.spans.size()));
      for (size_t i = 0; i < bar.spans.size(); ++i) {
        number(bar.spans[i].first);
        number(bar.spans[i].second);
        number(static_cast<int>(bar.states[i]));
      }
    }
    number(static_cast<int>(marks.size()));
    for (int x : marks) number(x);
    number(static_cast<int>(ticks.size()));
    for (const auto& [x, label] : ticks) {
      number(x);
      text(label);
    }
    return key;
  }
};

constexpr int kLabelWidth = 90, kWidth = 900, kRowHeight = 26, kTop = 10, kAxis = 28;
constexpr int kBarWidth = kWidth - kLabelWidth - 10;

Drawing Lay(Instant window_start, Instant window_end, Instant session_start, Instant session_end,
            const std::vector<TimelineRow>& rows, const TimeZone& zone) {
  const double span = std::max<double>(1, static_cast<double>(window_end - window_start));
  auto x_of = [&](Instant t) {
    double f = static_cast<double>(std::clamp(t, window_start, window_end) - window_start) / span;
    return kLabelWidth + static_cast<int>(f * kBarWidth);
  };
  Drawing d;
  for (const auto& row : rows) {
    Drawing::Bar bar;
    bar.label = Printable(row.camera);
    for (const auto& s : row.stretches) {
      bar.spans.emplace_back(x_of(s.start), std::max(x_of(s.end), x_of(s.start) + 1));
      bar.states.push_back(s.state);
    }
    d.bars.push_back(std::move(bar));
  }
  for (Instant mark : {session_start, session_end}) d.marks.push_back(x_of(mark));
  // Time scale: about six labels.
  Instant step = std::max<Instant>(60, (window_end - window_start) / 6 / 60 * 60);
  for (Instant t = (window_start + step - 1) / step * step; t <= window_end; t += step) {
    d.ticks.emplace_back(x_of(t), FormatLocalTime(t, zone).substr(0, 5));
  }
  return d;
}

std::string Render(const Drawing& d) {
  const int height = kTop + static_cast<int>(d.bars.size()) * kRowHeight + kAxis;
  cv::Mat image(height, kWidth, CV_8UC3, cv::Scalar(255, 255, 255));
  for (size_t i = 0; i < d.bars.size(); ++i) {
    int y = kTop + static_cast<int>(i) * kRowHeight;
    cv::putText(image, d.bars[i].label, {6, y + 17}, cv::FONT_HERSHEY_SIMPLEX, 0.5, {0, 0, 0}, 1, cv::LINE_AA);
    cv::rectangle(image, {kLabelWidth, y + 3}, {kLabelWidth + kBarWidth, y + kRowHeight - 5}, {225, 225, 225},
                  cv::FILLED);
    for (size_t k = 0; k < d.bars[i].spans.size(); ++k) {
      const auto [x0, x1] = d.bars[i].spans[k];
      cv::rectangle(image, {x0, y + 3}, {x1, y + kRowHeight - 5}, Colour(d.bars[i].states[k]), cv::FILLED);
    }
  }
  int axis_y = kTop + static_cast<int>(d.bars.size()) * kRowHeight;
  for (int x : d.marks) cv::line(image, {x, kTop}, {x, axis_y}, {0, 0, 0}, 2);
  for (const auto& [x, label] : d.ticks) {
    cv::line(image, {x, axis_y}, {x, axis_y + 4}, {0, 0, 0}, 1);
    cv::putText(image, label, {std::min(x - 16, kWidth - 44), axis_y + 18}, cv::FONT_HERSHEY_SIMPLEX, 0.42, {0, 0, 0},
                1, cv::LINE_AA);
  }
  return EncodePng(image);
}

}  // namespace

std::string DrawTimelinePng(Instant window_start, Instant window_end, Instant session_start, Instant session_end,
                            const std::vector<TimelineRow>& rows, const TimeZone& zone, TimelineCache* cache) {
  const Drawing drawing = Lay(window_start, window_end, session_start, session_end, rows, zone);
  if (!cache) return Render(drawing);
  std::string key = drawing.Key();
  auto found = cache->find(key);
  if (found != cache->end()) return found->second;
  std::string png = Render(drawing);
  cache->emplace(std::move(key), png);
  return png;
}

}  // namespace xk
