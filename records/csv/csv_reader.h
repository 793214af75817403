// RFC 4180 CSV parsing of UTF-8 text: quoted fields with commas, doubled quotes and newlines;
// CRLF or LF line ends; each record knows the physical line it starts on.
//
// Two ways in: ParseCsv copies every field into a string (simple, for small texts and tests);
// ScanCsvInPlace walks a buffer the caller owns, unescaping quoted fields where they stand, and
// hands each record over as spans of that buffer (no allocation per field: what CsvTable uses
// for exports of millions of rows). Both read the same grammar, quirks included. The writers
// (CsvEscape, CsvTextCell) are in records/text_escape.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xk {

struct CsvRecord {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

struct CsvParseResult {
  std::vector<CsvRecord> records;             // blank lines skipped
  std::vector<int> unterminated_quote_lines;  // a quote opened on this line never closed
};

CsvParseResult ParseCsv(std::string_view text);

// One field of a scanned buffer: bytes [offset, offset + size) after unescaping.
struct CsvFieldSpan {
  uint32_t offset = 0;
  uint32_t size = 0;
};

// Receives each non-blank record: its first line and its fields.
class CsvRecordSink {
 public:
  virtual ~CsvRecordSink() = default;
  virtual void OnRecord(int line, const std::vector<CsvFieldSpan>& fields) = 0;
};

// Scans `buffer` (at most 4 GiB - 1 bytes), rewriting quoted fields in place (the doubled quotes
// and the quote marks removed, CRs outside quotes dropped), so every field is one span of the
// rewritten buffer. Returns the lines where a quote opened and never closed.
std::vector<int> ScanCsvInPlace(std::string* buffer, CsvRecordSink* sink);

}  // namespace xk
