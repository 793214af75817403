// Civil dates and instants. The archive is written in local time (default Asia/Shanghai, +08:00,
// no daylight saving); inside the program every date-time is an Instant (seconds since the Unix
// epoch, UTC) and converted back to local time only at the edges (reports, file names).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace xk {

// Seconds since 1970-01-01T00:00:00Z.
using Instant = int64_t;

// A civil (calendar) date: days since 1970-01-01.
struct Date {
  int32_t days = 0;
  auto operator<=>(const Date&) const = default;
};

// A fixed UTC offset. China has had no daylight saving since 1991, so the archive's zone is an
// offset; "Asia/Shanghai" and the other names in ParseTimeZone map to theirs.
struct TimeZone {
  int offset_seconds = 8 * 3600;
  std::string name = "Asia/Shanghai";
};

// Accepts "Asia/Shanghai" (and the other China zones), "UTC", "+08:00", "+0800", "-05:00".
std::optional<TimeZone> ParseTimeZone(const std::string& text);

Date DateFromYmd(int year, int month, int day);
// False when the triple is not a real calendar day (e.g. 2022-02-30).
bool IsValidYmd(int year, int month, int day);
void YmdFromDate(Date date, int* year, int* month, int* day);

// The instant of local `date` at `seconds_of_day` in zone `tz`.
Instant ToInstant(Date date, int seconds_of_day, const TimeZone& tz);
// The instant this is called (the system clock, whole seconds).
Instant CurrentInstant();
// The local date and second of day of `instant` in `tz`.
Date LocalDate(Instant instant, const TimeZone& tz);
int LocalSecondOfDay(Instant instant, const TimeZone& tz);

// "2022-04-15"
std::string FormatDate(Date date);
// "2022-04-15T09:12:00+08:00"
std::string FormatInstant(Instant instant, const TimeZone& tz);
// "+08:00", "-05:00": the zone's offset from UTC, as FormatInstant ends.
std::string FormatOffset(const TimeZone& tz);
// "2022-04-15 09:12:00" (local, for officers' eyes)
std::string FormatLocal(Instant instant, const TimeZone& tz);
// "09:12:00"
std::string FormatLocalTime(Instant instant, const TimeZone& tz);

}  // namespace xk
