// The bytes of an .xlsx workbook for the tests (tools/demo/xlsx_package.h: styles 0 General,
// 1 a date, 2 a time, 3 a date-time; a second sheet that must not be read).
#pragma once

#include <string>
#include <vector>

namespace xk {

// The bytes of the workbook; `rows` is the <sheetData> content of the first sheet.
std::string XlsxWorkbook(const std::string& rows, const std::vector<std::string>& shared_strings,
                         bool date1904 = false);

}  // namespace xk
