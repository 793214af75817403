// libFuzzer target: the table reader in memory, no files. The fuzzer's bytes (after one control
// byte) go to DecodeToUtf8 and DisplayName (records/csv/encoding.h), to ParseCsv
// (records/csv/csv_reader.h) and the CSV writers (records/text_escape.h), and to CsvTable::FromBytes with a TableSpec
// whose columns are read through every RowReader value parser (records/csv/table.h, values.h). Much faster than
// records_fuzz, which reaches the same code through an archive on disk.
//
// Control byte: bit 0 selects tiny InputLimits (line, field, row and issue caps hit at once),
// bit 1 names the table "classes.xlsx" instead of "classes.csv" (the workbook path of FromBytes).
// Contracts checked besides "no crash, leak or hang": decoded text and display names are valid
// UTF-8; a field written with CsvEscape or CsvTextCell reads back as written (with the leading
// ' of CsvTextCell).
// Built and run by tools/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "records/csv/csv_reader.h"
#include "records/csv/encoding.h"
#include "records/csv/table.h"
#include "records/enum_names.h"
#include "records/input_limits.h"
#include "records/text_escape.h"
#include "tools/fuzz/fuzz_support.h"

namespace {

using xk::fuzz::FuzzCheck;

// A table like the training exports: a required id, then one column per value parser, with the
// Chinese headers and an alias so header matching is exercised too.
const xk::TableSpec kSpec = {"培训班",
                             {{"class_id", "班级编号", true, {"班号"}},
                              {"category", "培训类别", false, {}},
                              {"start_date", "开班日期", false, {"开始日期"}},
                              {"start_time", "开始时间", false, {}},
                              {"signed_at", "签到时间", false, {"打卡时间"}},
                              {"hours", "学时", true, {"申报学时"}},
                              {"passed", "是否合格", false, {}}}};

xk::InputLimits TinyLimits() {
  xk::InputLimits limits;
  limits.line_max_bytes = 256;
  limits.fields_max_per_row = 16;
  limits.rows_max_per_table = 1000;
  limits.issues_max_per_file = 10;
  limits.xlsx_max_unpacked_bytes = 1 << 20;
  limits.xlsx_max_text_bytes = 1 << 20;
  return limits;
}

// The writers' promise: what they write reads back as the same field.
void CheckWritersRoundTrip(const std::string& field) {
  const std::string line = xk::CsvEscape(field) + "," + xk::CsvTextCell(field) + "\n";
  const xk::CsvParseResult back = xk::ParseCsv(line);
  FuzzCheck(back.unterminated_quote_lines.empty(), "CsvEscape/CsvTextCell write no unterminated quote");
  FuzzCheck(back.records.size() == 1 && back.records[0].fields.size() == 2,
            "CsvEscape(f),CsvTextCell(f) reads back as one record of two fields");
  FuzzCheck(back.records[0].fields[0] == field, "CsvEscape(f) reads back as f");
  const std::string& cell = back.records[0].fields[1];
  const bool formula_start =
      !field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
  FuzzCheck(cell == (formula_start ? "'" + field : field), "CsvTextCell(f) reads back as f (or 'f)");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const uint8_t control = size > 0 ? data[0] : 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + (size > 0 ? 1 : 0), size > 0 ? size - 1 : 0);

  // The encoding edge.
  const xk::DecodedText decoded = xk::DecodeToUtf8(bytes);
  FuzzCheck(xk::IsValidUtf8(decoded.utf8), "DecodeToUtf8 gives valid UTF-8");
  const std::string shown = xk::DisplayName(bytes.substr(0, 256));
  FuzzCheck(xk::IsValidUtf8(shown), "DisplayName gives valid UTF-8");
  const std::vector<std::string> candidates = xk::RawNameCandidates(shown);
  FuzzCheck(!candidates.empty() && candidates.front() == shown, "RawNameCandidates tries the name as written first");
  const std::string gb = xk::Utf8ToGb18030(decoded.utf8.substr(0, 1024));

  // The grammar and the writers.
  const xk::CsvParseResult parsed = xk::ParseCsv(decoded.utf8);
  size_t checked = 0;
  for (const xk::CsvRecord& record : parsed.records) {
    for (const std::string& field : record.fields) {
      if (checked++ == 64) break;
      CheckWritersRoundTrip(field);
    }
  }

  // The table and its value parsers.
  const xk::InputLimits limits = (control & 1) ? TinyLimits() : xk::InputLimits();
  const std::string relative = (control & 2) ? "training/PX01/classes.xlsx" : "training/PX01/classes.csv";
  std::vector<xk::LoadIssue> issues;
  std::optional<xk::CsvTable> table = xk::CsvTable::FromBytes(std::string(bytes), relative, kSpec, &issues, limits);
  if (!table) return 0;
  const xk::TimeZone zone;
  for (size_t row = 0; row < table->row_count(); ++row) {
    xk::RowReader reader(*table, row, &issues);
    reader.Text("class_id", true);
    reader.Enum("category", false, xk::CategorySpellings());
    reader.DateValue("start_date", false);
    reader.TimeValue("start_time", false);
    reader.DateTimeValue("signed_at", false, zone);
    reader.Number("hours", true);
    reader.YesNo("passed", false);
    for (const xk::ColumnSpec& column : kSpec.columns) table->field(row, table->ColumnIndex(column.key));
  }
  for (const xk::ColumnSpec& column : kSpec.columns) table->HeaderAsWritten(column.key);
  return 0;
}
