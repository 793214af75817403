#include "src/audit/stage_times.h"

#include <fmt/format.h>

#include <algorithm>

namespace xk {

StageTimes::StageTimes() : mark_(std::chrono::steady_clock::now()) {}

void StageTimes::Finish(const std::string& name) {
  const auto now = std::chrono::steady_clock::now();
  stages_.emplace_back(name, std::chrono::duration<double>(now - mark_).count());
  mark_ = now;
}

void StageTimes::SplitOff(const std::string& name, double seconds) {
  if (stages_.empty()) return;
  seconds = std::clamp(seconds, 0.0, stages_.back().second);
  stages_.back().second -= seconds;
  stages_.emplace_back(name, seconds);
}

double StageTimes::total() const {
  double sum = 0;
  for (const auto& stage : stages_) sum += stage.second;
  return sum;
}

std::string StageTimes::Summary() const {
  std::string parts;
  for (const auto& [name, seconds] : stages_) {
    if (!parts.empty()) parts += "，";
    parts += fmt::format("{} {:.2f} s", name, seconds);
  }
  return fmt::format("用时 {:.2f} s（{}）", total(), parts);
}

}  // namespace xk
