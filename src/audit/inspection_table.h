// The twice-yearly inspection table: for each institution and half-year (H1 Jan-Jun, H2 Jul-Dec)
// whether a completed run audited it, how many packets were made, and its open findings.
#pragma once

#include <string>
#include <vector>

#include "records/model.h"
#include "records/store/audit_store.h"
#include "src/report/report_data.h"

namespace xk {

std::string HalfYearOf(Date date);  // "2026H2"
int YearOf(Date date);

std::vector<InspectionRow> BuildInspectionTable(store::AuditStore& store, const std::vector<Institution>& institutions,
                                                int year);

}  // namespace xk
