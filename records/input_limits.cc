#include "records/input_limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace xk {

std::vector<InputLimitInfo> DescribeInputLimits(const InputLimits& limits) {
  std::vector<InputLimitInfo> out;
#define XK_LIMIT_INFO(type, name, def, lo, hi, zh, en) \
  out.push_back(InputLimitInfo{#name, static_cast<int64_t>(limits.name), def, lo, hi, zh, en});
  XK_INPUT_LIMITS(XK_LIMIT_INFO)
#undef XK_LIMIT_INFO
  return out;
}

std::string SetInputLimit(InputLimits* limits, const std::string& name, double value) {
  std::vector<std::string> names;
#define XK_LIMIT_SET(type, member, def, lo, hi, zh, en)                                                          \
  names.push_back(#member);                                                                                      \
  if (name == #member) {                                                                                         \
    if (!std::isfinite(value) || value < static_cast<double>(lo) || value > static_cast<double>(hi)) {           \
      return fmt::format(                                                                                        \
          "[limits] {} = {} 超出允许范围 {}–{}，沿用默认值 {} ({} must be between {} and {}; the " \
          "default {} stays)",                                                                                   \
          #member, value, lo, hi, limits->member, #member, lo, hi, limits->member);                              \
    }                                                                                                            \
    limits->member = static_cast<type>(value);                                                                   \
    return "";                                                                                                   \
  }
  XK_INPUT_LIMITS(XK_LIMIT_SET)
#undef XK_LIMIT_SET
  const std::string nearest = NearestName(name, names);
  return fmt::format("[limits] 没有名为 {} 的上限，已忽略；是否想写 {}？ (unknown limit {}; did you mean {}?)", name,
                     nearest, name, nearest);
}

std::string LimitHint(const std::string& name) {
  return fmt::format("可在 audit.toml 的 [limits] 中调高 {} (raise {} in audit.toml [limits])", name, name);
}

std::string NearestName(const std::string& name, const std::vector<std::string>& valid) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (const std::string& candidate : valid) {
    // Levenshtein distance, one row at a time; names are short.
    std::vector<size_t> row(candidate.size() + 1);
    for (size_t j = 0; j <= candidate.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= name.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= candidate.size(); ++j) {
        const size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (name[i - 1] == candidate[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    if (row[candidate.size()] < best_distance) {
      best_distance = row[candidate.size()];
      best = candidate;
    }
  }
  return best;
}

}  // namespace xk
