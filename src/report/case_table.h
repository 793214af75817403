// The enforcement loop as `xunkao case list` and `xunkao case show` print it: a text table for
// the terminal, CSV for a spreadsheet (archive values as text cells, never formulas), JSON for
// scripts. The JSON's keys are stable: id, institution, rule, severity, subject, state, state_zh,
// resolved_by_data, overdue, overdue_reason, deadline, recheck_due, events.
#pragma once

#include <string>
#include <vector>

#include "src/cycle/case_list.h"

namespace xk {

std::string CaseListText(const std::vector<CaseRow>& rows);
std::string CaseListCsv(const std::vector<CaseRow>& rows);
std::string CaseListJson(const std::vector<CaseRow>& rows);

// One finding: its summary, basis, case state and every event (corrected ones marked).
std::string CaseShowText(const CaseRow& row, const std::vector<store::CaseEvent>& all_events);

}  // namespace xk
