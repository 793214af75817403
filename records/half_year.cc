#include "records/half_year.h"

#include <fmt/format.h>

namespace xk {

std::string HalfYear::Label() const { return fmt::format("{}H{}", year, half); }

HalfYear HalfYear::Next() const { return half == 1 ? HalfYear{year, 2} : HalfYear{year + 1, 1}; }

Date HalfYear::FirstDay() const { return DateFromYmd(year, half == 1 ? 1 : 7, 1); }

Date HalfYear::EndDay() const { return Next().FirstDay(); }

HalfYear HalfYear::Of(Date date) {
  int y, m, d;
  YmdFromDate(date, &y, &m, &d);
  return HalfYear{y, m <= 6 ? 1 : 2};
}

std::optional<HalfYear> HalfYear::Parse(const std::string& text) {
  if (text.size() != 6 || text[4] != 'H' || (text[5] != '1' && text[5] != '2')) {
    return std::nullopt;
  }
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    year = year * 10 + (text[i] - '0');
  }
  if (year < 1900) return std::nullopt;
  return HalfYear{year, text[5] - '0'};
}

}  // namespace xk
