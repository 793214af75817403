// Writes an .xlsx workbook part by part with libzip, laid out as Excel lays it out: a first sheet
// (named 培训班, found through the workbook's relationships) holding the given rows, a second
// sheet, shared strings, and the cell styles 0 General, 1 a date (built-in format 14), 2 a time
// (built-in 20), 3 a date-time (custom yyyy/m/d h:mm). For the demo's Excel exports and the tests
// of the workbook reader.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace xk {

enum XlsxStyle { kXlsxGeneral = 0, kXlsxDate = 1, kXlsxTime = 2, kXlsxDateTime = 3 };

// `rows_xml` is the <sheetData> content of the first sheet (<row>...</row> elements); a cell of
// type "s" indexes `shared_strings` (XML-escaped here). Creates parent folders. Throws
// std::runtime_error naming the file when it cannot be written.
void WriteXlsxPackage(const std::filesystem::path& path, const std::string& rows_xml,
                      const std::vector<std::string>& shared_strings, bool date1904 = false);

}  // namespace xk
