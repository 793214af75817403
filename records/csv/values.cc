#include "records/csv/values.h"

#include <charconv>
#include <cstdlib>

#include "records/csv/text.h"

namespace xk {

namespace {

// Reads 1..max_digits ASCII digits at `pos`; advances pos.
std::optional<int> ReadInt(std::string_view s, size_t* pos, int max_digits) {
  size_t start = *pos;
  int value = 0;
  while (*pos < s.size() && *pos - start < static_cast<size_t>(max_digits) && s[*pos] >= '0' && s[*pos] <= '9') {
    value = value * 10 + (s[*pos] - '0');
    ++*pos;
  }
  if (*pos == start) return std::nullopt;
  return value;
}

bool Consume(std::string_view s, size_t* pos, std::string_view token) {
  if (s.substr(*pos, token.size()) == token) {
    *pos += token.size();
    return true;
  }
  return false;
}

// Parses a date at the start of `s`; sets *consumed.
std::optional<Date> ParseDatePrefix(std::string_view s, size_t* consumed) {
  size_t pos = 0;
  auto year = ReadInt(s, &pos, 4);
  if (!year || pos != 4) return std::nullopt;
  std::optional<int> month, day;
  if (Consume(s, &pos, "-") || Consume(s, &pos, "/") || Consume(s, &pos, ".")) {
    char separator = s[pos - 1];
    month = ReadInt(s, &pos, 2);
    if (!month || pos >= s.size() || s[pos] != separator) return std::nullopt;
    ++pos;
    day = ReadInt(s, &pos, 2);
  } else if (Consume(s, &pos, "年")) {
    month = ReadInt(s, &pos, 2);
    if (!month || !Consume(s, &pos, "月")) return std::nullopt;
    day = ReadInt(s, &pos, 2);
    if (!day) return std::nullopt;
    Consume(s, &pos, "日") || Consume(s, &pos, "号");
  } else {  // 20220415
    month = ReadInt(s, &pos, 2);
    day = ReadInt(s, &pos, 2);
    if (pos != 8) return std::nullopt;
  }
  if (!month || !day || !IsValidYmd(*year, *month, *day)) return std::nullopt;
  *consumed = pos;
  return DateFromYmd(*year, *month, *day);
}

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  std::string folded;
  std::string_view s = Trim(FoldFullWidthView(text, &folded));
  size_t consumed = 0;
  auto date = ParseDatePrefix(s, &consumed);
  if (!date || consumed != s.size()) return std::nullopt;
  return date;
}

std::optional<int> ParseTimeOfDay(std::string_view text) {
  std::string folded;
  std::string_view s = Trim(FoldFullWidthView(text, &folded));
  size_t pos = 0;
  auto hour = ReadInt(s, &pos, 2);
  if (!hour || !Consume(s, &pos, ":")) return std::nullopt;
  size_t minute_start = pos;
  auto minute = ReadInt(s, &pos, 2);
  if (!minute || pos - minute_start != 2) return std::nullopt;
  int second = 0;
  if (Consume(s, &pos, ":")) {
    size_t second_start = pos;
    auto parsed = ReadInt(s, &pos, 2);
    if (!parsed || pos - second_start != 2) return std::nullopt;
    second = *parsed;
    if (Consume(s, &pos, ".")) {  // fractional seconds are dropped
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  if (pos != s.size()) return std::nullopt;
  if (*minute > 59 || second > 59) return std::nullopt;
  if (*hour > 24 || (*hour == 24 && (*minute != 0 || second != 0))) return std::nullopt;
  return *hour * 3600 + *minute * 60 + second;
}

std::optional<Instant> ParseDateTime(std::string_view text, const TimeZone& zone) {
  std::string folded;
  std::string_view s = Trim(FoldFullWidthView(text, &folded));
  size_t consumed = 0;
  auto date = ParseDatePrefix(s, &consumed);
  if (!date) return std::nullopt;
  std::string_view rest = s.substr(consumed);
  if (rest.empty() || (rest[0] != ' ' && rest[0] != 'T')) return std::nullopt;
  auto seconds = ParseTimeOfDay(rest.substr(1));
  if (!seconds) return std::nullopt;
  return ToInstant(*date, *seconds, zone);
}

std::optional<Instant> ParseIsoInstant(std::string_view text, const std::optional<TimeZone>& zone_when_none) {
  constexpr size_t kDateTimeLength = 19;  // "2022-04-15T09:12:00"
  if (text.size() < kDateTimeLength) return std::nullopt;
  std::optional<TimeZone> zone = zone_when_none;
  if (text.size() > kDateTimeLength) zone = ParseTimeZone(std::string(text.substr(kDateTimeLength)));
  if (!zone) return std::nullopt;
  return ParseDateTime(text.substr(0, kDateTimeLength), *zone);
}

std::optional<double> ParseNumber(std::string_view text) {
  std::string folded;
  std::string_view s = Trim(FoldFullWidthView(text, &folded));
  if (s.empty()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  static const std::vector<std::vector<std::string>> kWords = {
      {"yes", "y", "true", "1", "是", "已结业", "结业", "合格"}, {"no", "n", "false", "0", "否", "未结业", "不合格"}};
  auto index = MatchSpelling(text, kWords);
  if (!index) return std::nullopt;
  return *index == 0;
}

bool TokenMatches(const std::string& token, const std::string& word) {
  // Spellings are nearly always written normalized already; normalize the others.
  return IsNormalizedToken(word) ? token == word : token == NormalizeToken(word);
}

std::optional<int> MatchSpelling(std::string_view text, const std::vector<std::vector<std::string>>& words) {
  const std::string token = NormalizeToken(text);
  for (size_t i = 0; i < words.size(); ++i) {
    for (const auto& word : words[i]) {
      if (TokenMatches(token, word)) return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

}  // namespace xk
