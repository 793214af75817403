// The twice-yearly inspection table: for each institution and half-year (H1 Jan-Jun, H2 Jul-Dec)
// whether a completed run audited it, how many packets were made, and its open findings.
#pragma once

#include <string>
#include <vector>

#include "records/model.h"
#include "records/store/audit_store.h"

namespace xk {

struct InspectionCell {
  bool audited = false;
  int runs = 0;
  int packets = 0;
};

struct InspectionRow {
  std::string institution;
  std::string name;
  InspectionCell h1, h2;
  int open_high = 0, open_medium = 0, open_low = 0;
};

std::vector<InspectionRow> BuildInspectionTable(store::AuditStore& store, const std::vector<Institution>& institutions,
                                                int year);

}  // namespace xk
