// RFC 4180 CSV parsing of UTF-8 text: quoted fields with commas, doubled quotes and newlines;
// CRLF or LF line ends; each record knows the physical line it starts on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xk {

struct CsvRecord {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

struct CsvParseResult {
  std::vector<CsvRecord> records;  // blank lines skipped
  std::vector<int> unterminated_quote_lines;  // a quote opened on this line never closed
};

CsvParseResult ParseCsv(std::string_view text);

// Quotes a field for writing when it holds a comma, quote, CR or LF.
std::string CsvEscape(std::string_view field);

}  // namespace xk
