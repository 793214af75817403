// The workbench's first page: the twice-yearly table (src/cycle/inspection_table, the same rows
// `xunkao inspections` prints) with each institution's open findings by severity and its place in
// the enforcement loop, and the last audit run (running or not).
#pragma once

#include <string>
#include <vector>

#include "records/audit_config.h"
#include "records/store/audit_store.h"

namespace xk::serve {

// The page's body for `year` (0: this year), judged overdue on `today`. `institutions` give the
// rows their names (and list those never audited); empty: the codes the store knows, unnamed.
std::string DashboardBody(store::AuditStore& store, const AuditConfig& config, int year, Date today,
                          const std::vector<Institution>& institutions);

// The institutions of `archive`'s institutions table (institutions.csv or .xlsx); none when
// `archive` is "" or cannot be read.
std::vector<Institution> ArchiveInstitutions(const std::string& archive);

}  // namespace xk::serve
