// OUT/findings.json (outputs.md shape) and OUT/findings.csv (UTF-8 with BOM, one row a finding).
// Both are valid UTF-8 whatever the archive held; in the CSV every text cell goes through
// CsvTextCell, so a value beginning with = + - @ tab or CR never runs as a formula in Excel.
#pragma once

#include <filesystem>
#include <string>

#include "src/report/report_data.h"

namespace xk {

std::string FindingsJson(const ReportData& data);
std::string FindingsCsv(const ReportData& data);

}  // namespace xk
