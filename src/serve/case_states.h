// Where many findings stand in the enforcement loop at once, for the findings list: their case
// summaries from one query over the events (the columns SummarizeCase reads, not the attachments),
// and the list's search (the store's SearchFindings) narrowed to the findings in one case state
// (or overdue) by the database, with the ids the events put in that state.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/store/audit_store.h"
#include "src/cycle/case_state.h"

namespace xk::serve {

// The summary of each of `finding_ids` that has events, by id; a finding without events is open
// and not in the map. One query, however many ids.
std::map<std::string, CaseSummary> CaseSummariesOf(store::Database& db, const std::vector<std::string>& finding_ids,
                                                   Date today, int recheck_days);
// The same for every finding with events.
std::map<std::string, CaseSummary> AllCaseSummaries(store::Database& db, Date today, int recheck_days);

// A case-state filter: one state, or every overdue case whatever its state.
struct CaseStateFilter {
  std::optional<CaseState> state;
  bool overdue = false;
};
// "open" ... "escalated" (CaseStateName) or "overdue"; nullopt for anything else.
std::optional<CaseStateFilter> ParseCaseStateFilter(const std::string& text);

// The page `search.offset`/`search.limit` of the findings `search` finds that pass `filter`, and
// how many pass in all, in the list's order. The state is derived from the events, never stored:
// the findings in the state (or, for open ones, those worked on, to leave out) come from one query
// over the events, and their ids go to the store's search, which counts and pages the list.
store::FindingPage SearchFindingsInState(store::AuditStore& store, const store::FindingSearch& search,
                                         const CaseStateFilter& filter, Date today, int recheck_days);
// The ids of every finding `search` finds that passes `filter`, in the list's order.
std::vector<std::string> FindingIdsInState(store::AuditStore& store, const store::FindingSearch& search,
                                           const CaseStateFilter& filter, Date today, int recheck_days);

}  // namespace xk::serve
