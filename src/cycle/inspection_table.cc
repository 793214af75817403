#include "src/cycle/inspection_table.h"

#include <fmt/format.h>

#include <map>

#include "records/store/draw_store.h"

namespace xk {

std::vector<InspectionRow> BuildInspectionTable(store::AuditStore& store, const std::vector<Institution>& institutions,
                                                int year, Date today, int recheck_days) {
  return BuildInspectionTable(store, institutions, year, ListCases(store, {}, today, recheck_days));
}

std::vector<InspectionRow> BuildInspectionTable(store::AuditStore& store, const std::vector<Institution>& institutions,
                                                int year, const std::vector<CaseRow>& cases) {
  std::map<std::string, InspectionRow> rows;
  for (const auto& institution : institutions) {
    InspectionRow& row = rows[institution.code];
    row.institution = institution.code;
    row.name = institution.name;
  }
  const std::string h1 = fmt::format("{}H1", year), h2 = fmt::format("{}H2", year);
  auto cell = [&](const std::string& code, const std::string& period) -> InspectionCell* {
    auto it = rows.find(code);
    if (it == rows.end()) {
      InspectionRow& row = rows[code];
      row.institution = code;
      it = rows.find(code);
    }
    if (period == h1) return &it->second.h1;
    if (period == h2) return &it->second.h2;
    return nullptr;
  };
  for (const auto& audited : store.AuditedRuns()) {
    if (InspectionCell* c = cell(audited.first.institution, audited.first.period)) {
      c->audited = true;
      c->runs = audited.second;
    }
  }
  for (const auto& [audited, count] : store.PacketCounts()) {
    if (InspectionCell* c = cell(audited.institution, audited.period)) c->packets = count;
  }
  for (const auto& draw : store::ListDraws(store.db())) {
    for (const auto& target : draw.targets) {
      if (InspectionCell* c = cell(target.institution, draw.period)) {
        DrawVisit visit{draw.id, {}};
        for (const auto& inspector : target.inspectors) visit.inspectors.push_back(inspector.name);
        c->draws.push_back(std::move(visit));
      }
    }
  }
  for (const auto& [institution, counts] : CountCasesByInstitution(cases)) {
    auto it = rows.find(institution);
    if (it != rows.end()) it->second.loop = counts;
  }
  for (const auto& row : cases) {
    if (row.resolved_by_data) continue;  // the open findings (a case row may be one no longer found)
    auto it = rows.find(row.finding.finding.institution);
    if (it == rows.end()) continue;
    switch (row.finding.finding.severity) {
      case Severity::kHigh:
        ++it->second.open_high;
        break;
      case Severity::kMedium:
        ++it->second.open_medium;
        break;
      case Severity::kLow:
        ++it->second.open_low;
        break;
    }
  }
  std::vector<InspectionRow> out;
  for (auto& [code, row] : rows) out.push_back(std::move(row));
  return out;
}

std::string LoopSummaryZh(const CaseCounts& counts) {
  std::string text;
  for (const auto& [state, count] : counts.by_state) {
    if (state == CaseState::kOpen || count == 0) continue;
    text += fmt::format("{}{} {}", text.empty() ? "" : " · ", CaseStateZh(state), count);
  }
  if (counts.overdue > 0) text += fmt::format("{}逾期 {}", text.empty() ? "" : " · ", counts.overdue);
  return text;
}

}  // namespace xk
