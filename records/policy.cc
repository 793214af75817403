#include "records/policy.h"

#include <fmt/format.h>

#include <cmath>

#include "records/csv/table.h"

namespace xk {

std::vector<ThresholdInfo> DescribeThresholds(const AuditPolicy& policy) {
  std::vector<ThresholdInfo> out;
#define XK_THRESHOLD_INFO(type, name, default_value, lowest, highest) \
  out.push_back(ThresholdInfo{#name, static_cast<double>(policy.name), lowest, highest});
  XK_THRESHOLDS(XK_THRESHOLD_INFO)
#undef XK_THRESHOLD_INFO
  return out;
}

std::optional<ThresholdProblem> SetThreshold(AuditPolicy* policy, const std::string& name, double value) {
  std::vector<std::string> names;
#define XK_THRESHOLD_SET(type, member, default_value, lowest, highest)                                                \
  names.push_back(#member);                                                                                           \
  if (name == #member) {                                                                                              \
    if (!std::isfinite(value) || value < (lowest) || value > (highest)) {                                             \
      return ThresholdProblem{                                                                                        \
          fmt::format("{} = {} 超出允许范围 {}–{}，沿用默认值 {}", name, value, (lowest), (highest), policy->member), \
          fmt::format("{} = {} is outside {}..{}; the default {} stays", name, value, (lowest), (highest),            \
                      policy->member)};                                                                               \
    }                                                                                                                 \
    policy->member = static_cast<type>(value);                                                                        \
    return std::nullopt;                                                                                              \
  }
  XK_THRESHOLDS(XK_THRESHOLD_SET)
#undef XK_THRESHOLD_SET
  const std::string nearest = NearestName(name, names);
  const std::string shown = ShortenForMessage(name);
  return ThresholdProblem{fmt::format("[thresholds] 没有名为 {} 的阈值，已忽略；是否想写 {}？", shown, nearest),
                          fmt::format("[thresholds] has no threshold {}; ignored. Did you mean {}?", shown, nearest)};
}

double FrozenNoiseRatio(double frozen_noise_db) { return std::pow(10.0, frozen_noise_db / 20.0); }

}  // namespace xk
