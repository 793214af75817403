#include "detectors/finding_text.h"

#include <fmt/format.h>

namespace xk {

std::string DurationZh(int64_t seconds) {
  std::string text;
  if (seconds >= 3600) text = fmt::format("{} 小时", seconds / 3600);
  const int64_t minutes = seconds / 60 % 60, rest = seconds % 60;
  if (seconds < 3600) {
    text = rest == 0 ? fmt::format("{} 分钟", seconds / 60) : fmt::format("{} 分 {} 秒", seconds / 60, rest);
  } else if (minutes || rest) {
    text += rest == 0 ? fmt::format(" {} 分", minutes) : fmt::format(" {} 分 {} 秒", minutes, rest);
  }
  return text;
}
std::string DurationEn(int64_t seconds) {
  std::string text;
  if (seconds >= 3600) text = fmt::format("{} h", seconds / 3600);
  const int64_t minutes = seconds / 60 % 60, rest = seconds % 60;
  if (seconds < 3600) {
    text = rest == 0 ? fmt::format("{} min", seconds / 60) : fmt::format("{} min {} s", seconds / 60, rest);
  } else if (minutes || rest) {
    text += rest == 0 ? fmt::format(" {} min", minutes) : fmt::format(" {} min {} s", minutes, rest);
  }
  return text;
}
std::string LocalRange(Instant start, Instant end, const TimeZone& zone) {
  if (LocalDate(start, zone) == LocalDate(end, zone)) {
    return FormatLocal(start, zone) + "–" + FormatLocalTime(end, zone);
  }
  return FormatLocal(start, zone) + "–" + FormatLocal(end, zone);
}

}  // namespace xk
