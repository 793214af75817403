#include "records/resident_id.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstddef>
#include <utility>

#include "records/civil_time.h"
#include "records/model.h"

namespace xk {

namespace {

// ISO 7064 MOD 11-2 as GB 11643-1999 specifies it for the first 17 digits.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::array<char, 11> kCheckChars = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

size_t CountCodePoints(const std::string& utf8) {
  size_t count = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool AllDigits(const std::string& text) {
  if (text.empty()) return false;
  for (unsigned char c : text) {
    if (!std::isdigit(c)) return false;
  }
  return true;
}

// Excel shows long numbers as 4.30402E+17: the digits past the sixth are gone for good.
bool LooksLikeScientificNotation(const std::string& key) {
  return key.find("E+") != std::string::npos && key.find('.') != std::string::npos;
}

IdCheck Invalid(std::string zh, std::string en) { return IdCheck{false, std::move(zh), std::move(en)}; }

}  // namespace

char ResidentIdCheckCharacter(std::string_view id) {
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  return kCheckChars[static_cast<size_t>(sum % 11)];
}

IdCheck CheckResidentId(const std::string& id_as_written) {
  const std::string key = PersonKey(id_as_written);
  if (key.empty()) return Invalid("身份证号为空", "the ID number is empty");
  if (LooksLikeScientificNotation(key)) {
    return Invalid("身份证号已被转换为科学计数法（Excel 所致），原号码无法恢复",
                   "the ID number has been turned into scientific notation (by Excel); the "
                   "original number cannot be recovered");
  }
  const size_t length = CountCodePoints(key);
  if (length != 18 || key.size() != 18) {
    if (length == 15 && AllDigits(key)) {
      return Invalid("为 15 位旧号码，应为 18 位", "is an old 15-digit number; 18 characters are required");
    }
    return Invalid(fmt::format("长度为 {} 位，应为 18 位", length),
                   fmt::format("has {} characters; 18 are required", length));
  }
  for (size_t i = 0; i < 17; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(key[i]))) {
      return Invalid(fmt::format("第 {} 位不是数字", i + 1), fmt::format("character {} is not a digit", i + 1));
    }
  }
  const char last = key[17];
  if (!std::isdigit(static_cast<unsigned char>(last)) && last != 'X') {
    return Invalid("第 18 位（校验码）应为数字或 X", "character 18 (the check digit) must be a digit or X");
  }
  const int year = std::stoi(key.substr(6, 4));
  const int month = std::stoi(key.substr(10, 2));
  const int day = std::stoi(key.substr(12, 2));
  if (year < 1900 || year > 2099 || !IsValidYmd(year, month, day)) {
    return Invalid(fmt::format("出生日期 {} 不是有效日期", key.substr(6, 8)),
                   fmt::format("birth date {} is not a valid date", key.substr(6, 8)));
  }
  const char expected = ResidentIdCheckCharacter(key);
  if (last != expected) {
    return Invalid(fmt::format("校验码应为 {}，实为 {}", expected, last),
                   fmt::format("check digit should be {}, is {}", expected, last));
  }
  return IdCheck{true, "", ""};
}

bool IsSpreadsheetNumber(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  size_t at = 0;
  auto digits = [&] {
    const size_t from = at;
    while (at < value.size() && value[at] >= '0' && value[at] <= '9') ++at;
    return at > from;
  };
  if (!digits()) return false;
  if (at < value.size() && value[at] == '.' && (++at, !digits())) return false;
  if (at >= value.size() || (value[at] != 'E' && value[at] != 'e')) return false;
  ++at;
  if (at < value.size() && value[at] == '+') ++at;
  return digits() && at == value.size();
}

}  // namespace xk
