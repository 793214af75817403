// The enforcement loop, one row a finding: every open finding and every finding with case events,
// with its case state on a given day and whether a nightly audit no longer finds it (resolved by
// data, shown beside the case state and never replacing it). Read by `xunkao case list`,
// `xunkao audit --fail-on overdue`, the inspections table and report.html.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "records/store/audit_store.h"
#include "src/cycle/case_state.h"

namespace xk {

struct CaseRow {
  store::StoredFinding finding;
  bool resolved_by_data = false;  // a completed audit no longer found it
  CaseSummary summary;
};

struct CaseFilter {
  std::optional<std::string> institution;
  std::optional<CaseState> state;
  bool overdue_only = false;
};

// Ordered by institution, rule, subject.
std::vector<CaseRow> ListCases(store::AuditStore& store, const CaseFilter& filter, Date today, int recheck_days);

// Per institution: how many of its findings are in each case state, and how many are overdue.
struct CaseCounts {
  std::map<CaseState, int> by_state;
  int overdue = 0;
  int resolved_by_data = 0;
};
std::map<std::string, CaseCounts> CountCasesByInstitution(const std::vector<CaseRow>& rows);

}  // namespace xk
