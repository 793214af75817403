// INS-COVERAGE (rules.md "Inspections"): the plan asks for at least two inspections of every
// institution a year, one per half-year (H1 Jan-Jun, H2 Jul-Dec). A pure function of the audit
// history: for each half-year the database has watched that is over, an institution no completed
// run audited is a finding.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "records/finding.h"
#include "records/half_year.h"
#include "records/model.h"

namespace xk {

struct InspectionHistory {
  std::set<std::pair<std::string, std::string>> audited;  // (institution, "2026H1")
  HalfYear first_watched;                                 // half-year of the database's first completed run
  HalfYear current;                                       // half-year of this run (not over yet: never reported)
};

std::vector<Finding> DetectInspectionCoverage(const std::vector<Institution>& institutions,
                                              const InspectionHistory& history);

}  // namespace xk
