// The half-year (H1 Jan-Jun, H2 Jul-Dec): the period of the plan's twice-yearly inspections, of
// INS-COVERAGE, of the inspections table, of packets by period and of the random draw. One type,
// written "2026H1".
#pragma once

#include <optional>
#include <string>

#include "records/civil_time.h"

namespace xk {

struct HalfYear {
  int year = 0;
  int half = 1;  // 1 or 2
  auto operator<=>(const HalfYear&) const = default;

  std::string Label() const;  // "2026H1"
  HalfYear Next() const;
  Date FirstDay() const;  // 2026-01-01 or 2026-07-01
  Date EndDay() const;    // the first day after it
  static HalfYear Of(Date date);
  // "2026H1"; nullopt for anything else (years 1900-9999).
  static std::optional<HalfYear> Parse(const std::string& text);
};

}  // namespace xk
