#include "src/serve/case_states.h"

#include <utility>

#include "records/csv/values.h"

namespace xk::serve {

namespace {

// The columns SummarizeCase reads; ?1 a JSON array of finding ids, or NULL for every finding.
constexpr const char* kEventsQuery =
    "SELECT id, finding_id, kind, corrects, event_date, deadline, result FROM case_events "
    "WHERE ?1 IS NULL OR finding_id IN (SELECT value FROM json_each(?1)) ORDER BY finding_id, id";

std::string JsonArray(const std::vector<std::string>& ids) {
  std::string json = "[";
  for (const std::string& id : ids) {
    if (json.size() > 1) json += ',';
    json += '"';
    for (char c : id) {
      if (c == '"' || c == '\\') json += '\\';
      if (static_cast<unsigned char>(c) < 0x20) continue;  // no finding id holds a control character
      json += c;
    }
    json += '"';
  }
  return json + "]";
}

std::map<std::string, CaseSummary> Summaries(store::Database& db, const std::optional<std::string>& ids_json,
                                             Date today, int recheck_days) {
  store::Statement query(db, kEventsQuery);
  query.Bind(1, ids_json);
  std::map<std::string, std::vector<store::CaseEvent>> events;
  while (query.Step()) {
    store::CaseEvent event;
    event.id = query.Int(0);
    event.finding_id = query.Text(1);
    event.kind = store::ParseCaseEventKind(query.Text(2)).value_or(store::CaseEventKind::kHandover);
    event.corrects = query.OptionalInt(3);
    if (!query.IsNull(4)) event.event_date = ParseDate(query.Text(4));
    if (!query.IsNull(5)) event.deadline = ParseDate(query.Text(5));
    if (!query.IsNull(6)) event.passed = query.Text(6) == "pass";
    events[event.finding_id].push_back(std::move(event));
  }
  std::map<std::string, CaseSummary> summaries;
  for (const auto& [id, of_finding] : events) summaries.emplace(id, SummarizeCase(of_finding, today, recheck_days));
  return summaries;
}

bool Passes(const CaseStateFilter& filter, const std::map<std::string, CaseSummary>& summaries, const std::string& id) {
  const auto it = summaries.find(id);
  if (filter.overdue) return it != summaries.end() && it->second.overdue;
  const CaseState state = it == summaries.end() ? CaseState::kOpen : it->second.state;
  return !filter.state || state == *filter.state;
}

}  // namespace

std::map<std::string, CaseSummary> CaseSummariesOf(store::Database& db, const std::vector<std::string>& finding_ids,
                                                   Date today, int recheck_days) {
  if (finding_ids.empty()) return {};
  return Summaries(db, JsonArray(finding_ids), today, recheck_days);
}

std::map<std::string, CaseSummary> AllCaseSummaries(store::Database& db, Date today, int recheck_days) {
  return Summaries(db, std::nullopt, today, recheck_days);
}

std::optional<CaseStateFilter> ParseCaseStateFilter(const std::string& text) {
  if (text == "overdue") return CaseStateFilter{std::nullopt, true};
  if (auto state = ParseCaseState(text)) return CaseStateFilter{state, false};
  return std::nullopt;
}

namespace {

// `search` narrowed to the findings in the state: the few worked on left out for the open ones,
// else only those the events put in the state (or overdue).
store::FindingSearch NarrowedToState(const store::FindingSearch& search,
                                     const std::map<std::string, CaseSummary>& summaries,
                                     const CaseStateFilter& filter) {
  store::FindingSearch narrowed = search;
  if (filter.state == CaseState::kOpen && !filter.overdue) {
    for (const auto& [id, summary] : summaries) {
      if (summary.state != CaseState::kOpen) narrowed.excluded_ids.push_back(id);
    }
  } else {
    narrowed.only_ids.emplace();
    for (const auto& [id, summary] : summaries) {
      if (Passes(filter, summaries, id)) narrowed.only_ids->push_back(id);
    }
  }
  return narrowed;
}

}  // namespace

store::FindingPage SearchFindingsInState(store::AuditStore& store, const store::FindingSearch& search,
                                         const CaseStateFilter& filter, Date today, int recheck_days) {
  return store.SearchFindings(NarrowedToState(search, AllCaseSummaries(store.db(), today, recheck_days), filter));
}

std::vector<std::string> FindingIdsInState(store::AuditStore& store, const store::FindingSearch& search,
                                           const CaseStateFilter& filter, Date today, int recheck_days) {
  return store.FindingIds(NarrowedToState(search, AllCaseSummaries(store.db(), today, recheck_days), filter));
}

}  // namespace xk::serve
