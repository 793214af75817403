// Value parsers for the spellings real exports use (archive.md "Files as exported in practice"):
// dates 2022-04-15, 2022/4/15, 2022年4月15日; times 09:00, 9:00:00; date-times joined by a space
// or T; full-width digits and colons folded first. Each returns nullopt on anything else.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "records/civil_time.h"
#include "records/csv/text.h"

namespace xk {

std::optional<Date> ParseDate(std::string_view text);
// Seconds since local midnight; 24:00 is accepted as the end of the day.
std::optional<int> ParseTimeOfDay(std::string_view text);
std::optional<Instant> ParseDateTime(std::string_view text, const TimeZone& zone);
// The inverse of FormatInstant: "2022-04-15T09:12:00+08:00" at its own offset. Without an offset,
// in `zone_when_none` (nullopt: refused); an offset that does not parse is refused.
std::optional<Instant> ParseIsoInstant(std::string_view text, const std::optional<TimeZone>& zone_when_none);
std::optional<double> ParseNumber(std::string_view text);
// yes/no, 是/否, true/false, 1/0, y/n, 已结业/未结业.
std::optional<bool> ParseYesNo(std::string_view text);

// An enumeration's accepted spellings: the English token first (what messages show), then the
// Chinese words.
template <typename E>
struct EnumSpelling {
  E value;
  std::vector<std::string> words;
};

// Matches after NormalizeToken (case, full-width and surrounding spaces ignored): the index of
// the first group holding a matching word.
std::optional<int> MatchSpelling(std::string_view text, const std::vector<std::vector<std::string>>& words);

// Whether `word` spells the NormalizeToken-ed `token`.
bool TokenMatches(const std::string& token, const std::string& word);

// As MatchSpelling over the spellings' words, without copying them (it runs for every row).
template <typename E>
std::optional<E> ParseEnum(std::string_view text, const std::vector<EnumSpelling<E>>& spellings) {
  const std::string token = NormalizeToken(text);
  for (const auto& spelling : spellings) {
    for (const auto& word : spelling.words) {
      if (TokenMatches(token, word)) return spelling.value;
    }
  }
  return std::nullopt;
}

// "theory 理论 / practical 实操": the accepted spellings, for messages.
template <typename E>
std::string DescribeSpellings(const std::vector<EnumSpelling<E>>& spellings) {
  std::string out;
  for (const auto& s : spellings) {
    if (!out.empty()) out += ", ";
    for (size_t i = 0; i < s.words.size(); ++i) out += (i ? "/" : "") + s.words[i];
  }
  return out;
}

}  // namespace xk
