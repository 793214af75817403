#include "src/cycle/case_list.h"

#include <algorithm>
#include <tuple>

namespace xk {

std::vector<CaseRow> ListCases(store::AuditStore& store, const CaseFilter& filter, Date today, int recheck_days) {
  std::map<std::string, std::vector<store::CaseEvent>> events_by_finding;
  for (auto& event : store::AllCaseEvents(store.db())) events_by_finding[event.finding_id].push_back(std::move(event));

  std::map<std::string, store::StoredFinding> findings;
  for (auto& finding : store.OpenFindings(filter.institution)) findings.emplace(finding.id, std::move(finding));
  for (const auto& [id, events] : events_by_finding) {
    if (findings.count(id)) continue;
    if (auto finding = store.FindingById(id)) {
      if (!filter.institution || finding->finding.institution == *filter.institution) findings.emplace(id, *finding);
    }
  }

  std::vector<CaseRow> rows;
  for (auto& [id, finding] : findings) {
    CaseRow row;
    row.resolved_by_data = finding.resolved_run.has_value();
    auto events = events_by_finding.find(id);
    row.summary = SummarizeCase(events == events_by_finding.end() ? std::vector<store::CaseEvent>{} : events->second,
                                today, recheck_days);
    row.finding = std::move(finding);
    if (filter.state && row.summary.state != *filter.state) continue;
    if (filter.overdue_only && !row.summary.overdue) continue;
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const CaseRow& a, const CaseRow& b) {
    const Finding& x = a.finding.finding;
    const Finding& y = b.finding.finding;
    return std::tie(x.institution, x.rule, x.subject, a.finding.id) <
           std::tie(y.institution, y.rule, y.subject, b.finding.id);
  });
  return rows;
}

std::map<std::string, CaseCounts> CountCasesByInstitution(const std::vector<CaseRow>& rows) {
  std::map<std::string, CaseCounts> counts;
  for (const auto& row : rows) {
    CaseCounts& count = counts[row.finding.finding.institution];
    ++count.by_state[row.summary.state];
    if (row.summary.overdue) ++count.overdue;
    if (row.resolved_by_data) ++count.resolved_by_data;
  }
  return counts;
}

}  // namespace xk
