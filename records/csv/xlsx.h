// An Excel workbook (.xlsx: a zip of XML parts) read as the CSV text of its first worksheet, so
// that an exported table saved as .xlsx goes through the same CSV path as every other table
// (header aliases, value parsers, messages with line and column).
//
// What comes out: one CSV record per worksheet row, UTF-8, fields quoted where needed; an empty
// line for each row the sheet skips, so that a CSV line number is the Excel row number. Cells as
// Excel shows them where it matters to the loaders: shared and inline strings as written (line
// breaks inside a cell become spaces, keeping one row one line); numbers with up to 15
// significant digits (an 18-digit ID number Excel kept as a number comes out as 4.30402199001011E+17,
// an invalid value quoted as stored, never repaired); numbers formatted as dates or times as
// 2022-04-15, 09:00:00 or 2022-04-15 09:00:00 (1900 and 1904 date systems); TRUE/FALSE; errors as
// written (#N/A).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xk {

// True when `bytes` start like a zip archive (an .xlsx, also one saved under a .csv name).
bool LooksLikeZip(std::string_view bytes);

struct XlsxText {
  std::string csv;    // the first worksheet as CSV (empty when error is set)
  std::string error;  // "" or why the workbook could not be read (in Chinese and English)
};

struct XlsxLimits {
  size_t max_unpacked_bytes = size_t{512} << 20;  // all parts read, once unpacked (a zip bomb)
  size_t max_text_bytes = size_t{256} << 20;      // the CSV text, shared strings expanded
};

// A workbook whose parts unpack to more than max_unpacked_bytes (a zip bomb), whose text grows past
// max_text_bytes once its shared strings are expanded (a 17 KB file can name one long string a
// million times), that declares a DTD (entities), or that has a row number past Excel's 1,048,576
// is refused with an error, not read.
XlsxText XlsxFirstSheetAsCsv(std::string_view bytes, const XlsxLimits& limits = XlsxLimits());

}  // namespace xk
