// The twice-yearly inspection table: for each institution and half-year (H1 Jan-Jun, H2 Jul-Dec)
// whether a completed run audited it, whether a 双随机 draw sent inspectors (and whom), how many
// packets were made; its open findings by severity and where its findings stand in the
// enforcement loop (handed over, rectified, re-checked, overdue).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "records/model.h"
#include "records/store/audit_store.h"
#include "src/cycle/case_list.h"

namespace xk {

// One draw that chose the institution in the half-year, with the inspectors it sent.
struct DrawVisit {
  int64_t draw_id = 0;
  std::vector<std::string> inspectors;  // names
};

struct InspectionCell {
  bool audited = false;
  int runs = 0;
  int packets = 0;
  std::vector<DrawVisit> draws;
};

struct InspectionRow {
  std::string institution;
  std::string name;
  InspectionCell h1, h2;
  int open_high = 0, open_medium = 0, open_low = 0;
  CaseCounts loop;  // the institution's findings in the enforcement loop
};

// `today` and `recheck_days` decide what is overdue.
std::vector<InspectionRow> BuildInspectionTable(store::AuditStore& store, const std::vector<Institution>& institutions,
                                                int year, Date today, int recheck_days);
// The same from the case rows the caller has already listed (ListCases without a filter: every
// open finding and every finding with case events), so the findings are read from the store once.
std::vector<InspectionRow> BuildInspectionTable(store::AuditStore& store, const std::vector<Institution>& institutions,
                                                int year, const std::vector<CaseRow>& cases);

// "交办 2 · 已报整改 1 · 复查合格 1 · 逾期 1" (states with none left out); "" when nothing was handed over.
std::string LoopSummaryZh(const CaseCounts& counts);

}  // namespace xk
