#include "records/civil_time.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace xk {

namespace {
constexpr int64_t kSecondsPerDay = 86400;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

std::optional<TimeZone> ParseTimeZone(const std::string& text) {
  if (text == "Asia/Shanghai" || text == "Asia/Chongqing" || text == "Asia/Harbin" || text == "Asia/Hong_Kong" ||
      text == "Asia/Macau" || text == "Asia/Taipei" || text == "PRC") {
    return TimeZone{8 * 3600, text};
  }
  if (text == "UTC" || text == "Etc/UTC" || text == "Z") return TimeZone{0, "UTC"};
  int hours = 0, minutes = 0;
  char sign = 0;
  if (std::sscanf(text.c_str(), "%c%2d:%2d", &sign, &hours, &minutes) == 3 ||
      std::sscanf(text.c_str(), "%c%2d%2d", &sign, &hours, &minutes) == 3) {
    if ((sign != '+' && sign != '-') || hours > 14 || minutes > 59) return std::nullopt;
    int offset = hours * 3600 + minutes * 60;
    return TimeZone{sign == '-' ? -offset : offset, text};
  }
  return std::nullopt;
}

Date DateFromYmd(int year, int month, int day) {
  using namespace std::chrono;
  sys_days days{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                std::chrono::day{static_cast<unsigned>(day)}};
  return Date{static_cast<int32_t>(days.time_since_epoch().count())};
}

bool IsValidYmd(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return (std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
          std::chrono::day{static_cast<unsigned>(day)})
      .ok();
}

void YmdFromDate(Date date, int* year, int* month, int* day) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{std::chrono::days{date.days}}};
  *year = static_cast<int>(ymd.year());
  *month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  *day = static_cast<int>(static_cast<unsigned>(ymd.day()));
}

Instant ToInstant(Date date, int seconds_of_day, const TimeZone& tz) {
  return static_cast<int64_t>(date.days) * kSecondsPerDay + seconds_of_day - tz.offset_seconds;
}

Instant CurrentInstant() { return static_cast<Instant>(std::time(nullptr)); }

Date LocalDate(Instant instant, const TimeZone& tz) {
  return Date{static_cast<int32_t>(FloorDiv(instant + tz.offset_seconds, kSecondsPerDay))};
}

int LocalSecondOfDay(Instant instant, const TimeZone& tz) {
  int64_t local = instant + tz.offset_seconds;
  return static_cast<int>(local - FloorDiv(local, kSecondsPerDay) * kSecondsPerDay);
}

std::string FormatDate(Date date) {
  int y, m, d;
  YmdFromDate(date, &y, &m, &d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string FormatLocalTime(Instant instant, const TimeZone& tz) {
  int s = LocalSecondOfDay(instant, tz);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

std::string FormatLocal(Instant instant, const TimeZone& tz) {
  return FormatDate(LocalDate(instant, tz)) + " " + FormatLocalTime(instant, tz);
}

std::string FormatOffset(const TimeZone& tz) {
  int off = tz.offset_seconds;
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  char zone[24];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", sign, off / 3600, off / 60 % 60);
  return zone;
}

std::string FormatInstant(Instant instant, const TimeZone& tz) {
  return FormatDate(LocalDate(instant, tz)) + "T" + FormatLocalTime(instant, tz) + FormatOffset(tz);
}

}  // namespace xk
