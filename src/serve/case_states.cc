#include "src/serve/case_states.h"

#include <set>
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

// Those of `ids` (few: the cases officers have worked on) that `search` finds, in the list's order
// (institution, rule, subject, id): searched group by group of (institution, rule), so that only
// the findings of those groups are read. Offset and limit of `search` are not used.
std::vector<store::StoredFinding> FoundAmong(store::AuditStore& store, const store::FindingSearch& search,
                                             const std::set<std::string>& ids) {
  std::set<std::pair<std::string, std::string>> groups;  // byte order, as SQLite's ORDER BY
  for (const std::string& id : ids) {
    if (auto stored = store.FindingById(id)) groups.emplace(stored->finding.institution, stored->finding.rule);
  }
  std::vector<store::StoredFinding> found;
  for (const auto& [institution, rule] : groups) {
    if ((search.institution && *search.institution != institution) || (search.rule && *search.rule != rule)) continue;
    store::FindingSearch group = search;
    group.institution = institution;
    group.rule = rule;
    group.offset = 0;
    group.limit = -1;  // SQLite: no limit
    for (store::StoredFinding& stored : store.SearchFindings(group).findings) {
      if (ids.count(stored.id)) found.push_back(std::move(stored));
    }
  }
  return found;
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

store::FindingPage SearchFindingsInState(store::AuditStore& store, const store::FindingSearch& search,
                                         const CaseStateFilter& filter, Date today, int recheck_days) {
  const std::map<std::string, CaseSummary> summaries = AllCaseSummaries(store.db(), today, recheck_days);
  store::FindingPage page;
  if (filter.state == CaseState::kOpen && !filter.overdue) {
    // Every finding found but the few worked on: counted by subtraction, and the page read from the
    // first offset + limit + (those worked on) findings of the list.
    std::set<std::string> worked_on;
    for (const auto& [id, summary] : summaries) {
      if (summary.state != CaseState::kOpen) worked_on.insert(id);
    }
    std::set<std::string> skipped;
    for (const store::StoredFinding& stored : FoundAmong(store, search, worked_on)) skipped.insert(stored.id);
    store::FindingSearch counted = search;
    counted.limit = 0;
    page.total = store.SearchFindings(counted).total - static_cast<int64_t>(skipped.size());
    store::FindingSearch read = search;
    read.offset = 0;
    read.limit = search.offset + search.limit + static_cast<int64_t>(skipped.size());
    int64_t position = 0;
    for (store::StoredFinding& stored : store.SearchFindings(read).findings) {
      if (skipped.count(stored.id)) continue;
      if (position >= search.offset && position < search.offset + search.limit) {
        page.findings.push_back(std::move(stored));
      }
      ++position;
    }
    return page;
  }
  std::set<std::string> in_state;
  for (const auto& [id, summary] : summaries) {
    if (Passes(filter, summaries, id)) in_state.insert(id);
  }
  std::vector<store::StoredFinding> found = FoundAmong(store, search, in_state);
  page.total = static_cast<int64_t>(found.size());
  for (int64_t i = search.offset; i < page.total && i < search.offset + search.limit; ++i) {
    page.findings.push_back(std::move(found[static_cast<size_t>(i)]));
  }
  return page;
}

}  // namespace xk::serve
