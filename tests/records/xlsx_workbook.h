// Writes .xlsx workbooks for the tests, part by part with libzip, laid out as Excel lays them out:
// a first sheet (named 培训班, found through the workbook's relationships) holding `rows`, a second
// sheet that must not be read, shared strings, and styles 0 General, 1 a date (built-in 14),
// 2 a time (built-in 20), 3 a custom date-time (yyyy/m/d h:mm).
#pragma once

#include <string>
#include <vector>

namespace xk {

// The bytes of the workbook; `rows` is the <sheetData> content of the first sheet.
std::string XlsxWorkbook(const std::string& rows, const std::vector<std::string>& shared_strings,
                         bool date1904 = false);

}  // namespace xk
