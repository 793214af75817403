#include "src/media/utc_timestamp.h"

#include <cctype>
#include <cstdio>
#include <string>

namespace xk {

namespace {

// Reads exactly `digits` decimal digits at `*pos`.
bool ReadNumber(std::string_view text, size_t* pos, int digits, int* value) {
  if (*pos + digits > text.size()) return false;
  int result = 0;
  for (int i = 0; i < digits; ++i) {
    char c = text[*pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    result = result * 10 + (c - '0');
  }
  *pos += digits;
  *value = result;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

}  // namespace

std::optional<Instant> ParseUtcTimestamp(std::string_view text) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadNumber(text, &pos, 4, &year) || !Expect(text, &pos, '-') || !ReadNumber(text, &pos, 2, &month) ||
      !Expect(text, &pos, '-') || !ReadNumber(text, &pos, 2, &day)) {
    return std::nullopt;
  }
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!ReadNumber(text, &pos, 2, &hour) || !Expect(text, &pos, ':') || !ReadNumber(text, &pos, 2, &minute) ||
      !Expect(text, &pos, ':') || !ReadNumber(text, &pos, 2, &second)) {
    return std::nullopt;
  }
  if (!IsValidYmd(year, month, day) || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    ++pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
  }
  int offset_seconds = 0;
  if (pos < text.size()) {
    char sign = text[pos++];
    if (sign == 'Z' || sign == 'z') {
      // UTC
    } else if (sign == '+' || sign == '-') {
      int offset_hours, offset_minutes = 0;
      if (!ReadNumber(text, &pos, 2, &offset_hours)) return std::nullopt;
      if (pos < text.size()) {
        Expect(text, &pos, ':');
        if (!ReadNumber(text, &pos, 2, &offset_minutes)) return std::nullopt;
      }
      if (offset_hours > 14 || offset_minutes > 59) return std::nullopt;
      offset_seconds = (offset_hours * 3600 + offset_minutes * 60) * (sign == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  if (pos != text.size()) return std::nullopt;
  TimeZone zone{offset_seconds, ""};
  return ToInstant(DateFromYmd(year, month, day), hour * 3600 + minute * 60 + second, zone);
}

std::string FormatUtcTimestamp(Instant instant) {
  TimeZone utc{0, "UTC"};
  int year, month, day;
  YmdFromDate(LocalDate(instant, utc), &year, &month, &day);
  int second_of_day = LocalSecondOfDay(instant, utc);
  char text[40];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.000000Z", year, month, day, second_of_day / 3600,
                second_of_day / 60 % 60, second_of_day % 60);
  return text;
}

}  // namespace xk
