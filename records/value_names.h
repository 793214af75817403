// A small enumeration's table of names: for each value the stable token that a command line, a
// URL and the database take ("handed_over") and the Chinese name a page shows (已交办). The table
// is also the list of the values, in its order. Lookups walk it: a table has a handful of rows.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace xk {

template <typename Enum>
struct ValueNames {
  Enum value;
  const char* name;  // the token
  const char* zh;
};

// The row of `value`; the first row when the table lacks it.
template <typename Enum, size_t N>
constexpr const ValueNames<Enum>& NamesOf(const std::array<ValueNames<Enum>, N>& table, Enum value) {
  for (const auto& names : table) {
    if (names.value == value) return names;
  }
  return table.front();
}

// The value whose token is `name`; nullopt when none is.
template <typename Enum, size_t N>
std::optional<Enum> ValueNamed(const std::array<ValueNames<Enum>, N>& table, std::string_view name) {
  for (const auto& names : table) {
    if (std::string_view(names.name) == name) return names.value;
  }
  return std::nullopt;
}

// Every value of the table, in its order.
template <typename Enum, size_t N>
std::vector<Enum> ValuesOf(const std::array<ValueNames<Enum>, N>& table) {
  std::vector<Enum> values;
  values.reserve(N);
  for (const auto& names : table) values.push_back(names.value);
  return values;
}

}  // namespace xk
