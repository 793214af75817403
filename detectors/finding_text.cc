#include "detectors/finding_text.h"

#include <fmt/format.h>

namespace xk {

namespace {

struct DurationUnits {
  const char* hours;
  const char* whole_minutes;  // a duration of whole minutes under an hour: "31 分钟"
  const char* minutes;
  const char* seconds;
};

std::string DurationIn(int64_t seconds, const DurationUnits& units) {
  const int64_t minutes = seconds / 60 % 60, rest = seconds % 60;
  if (seconds < 3600) {
    return rest == 0 ? fmt::format("{} {}", seconds / 60, units.whole_minutes)
                     : fmt::format("{} {} {} {}", seconds / 60, units.minutes, rest, units.seconds);
  }
  std::string text = fmt::format("{} {}", seconds / 3600, units.hours);
  if (minutes || rest) {
    text += rest == 0 ? fmt::format(" {} {}", minutes, units.minutes)
                      : fmt::format(" {} {} {} {}", minutes, units.minutes, rest, units.seconds);
  }
  return text;
}

}  // namespace

std::string DurationZh(int64_t seconds) { return DurationIn(seconds, {"小时", "分钟", "分", "秒"}); }
std::string DurationEn(int64_t seconds) { return DurationIn(seconds, {"h", "min", "min", "s"}); }
std::string LocalRange(Instant start, Instant end, const TimeZone& zone) {
  if (LocalDate(start, zone) == LocalDate(end, zone)) {
    return FormatLocal(start, zone) + "–" + FormatLocalTime(end, zone);
  }
  return FormatLocal(start, zone) + "–" + FormatLocal(end, zone);
}

}  // namespace xk
