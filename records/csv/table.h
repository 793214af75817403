// One exported table read from disk: bytes -> UTF-8 -> CSV records -> columns found by their
// English or Chinese header (order free, unknown columns kept and ignored). Every problem becomes
// a LoadIssue naming the file, line and column; rows with a bad required value are skipped by the
// loaders, the rest of the file still loads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "records/civil_time.h"
#include "records/csv/csv_reader.h"
#include "records/csv/values.h"
#include "records/input_limits.h"
#include "records/model.h"

namespace xk {

struct ColumnSpec {
  std::string key;  // English header, also the key loaders ask for
  std::string zh;   // Chinese header
  bool required = false;
  std::vector<std::string> aliases = {};  // other headers seen in real exports
};

struct TableSpec {
  std::string title_zh;  // e.g. "培训班", for messages
  std::vector<ColumnSpec> columns;
};

class CsvTable {
 public:
  // Reads `path` (a regular file of at most limits.table_max_bytes; a link is followed only
  // within the folder holding it). Returns nullopt (with an issue) when the file cannot be read
  // or has no header or lacks a required column. `relative` is the archive-relative name used in
  // messages.
  static std::optional<CsvTable> Load(const std::filesystem::path& path, const std::string& relative,
                                      const TableSpec& spec, std::vector<LoadIssue>* issues,
                                      const InputLimits& limits = InputLimits());
  // The same from the file's bytes, read by the caller. Within the limits: a line longer than
  // line_max_bytes is cut there, fields past fields_max_per_row and rows past rows_max_per_table
  // are not read, and after issues_max_per_file issues the rest of the file's issues are counted
  // in one (each limit reported once).
  static std::optional<CsvTable> FromBytes(std::string bytes, const std::string& relative, const TableSpec& spec,
                                           std::vector<LoadIssue>* issues, const InputLimits& limits = InputLimits());

  const std::string& relative() const { return relative_; }
  // The same name as the rows' SourceRef carries it (interned once for the table).
  const SourcePath& source_path() const { return source_path_; }
  const std::string& encoding() const { return encoding_; }
  size_t row_count() const { return rows_.size(); }
  // The physical line where row `index` starts.
  int line(size_t index) const { return rows_[index].line; }
  // The field of row `index` in column `column` as written (untrimmed), "" when the row is short
  // or the column is -1.
  std::string_view field(size_t index, int column) const;
  // Index of the column for `key`, or -1 when the file lacks it.
  int ColumnIndex(std::string_view key) const;
  // The header as written in the file, for messages.
  std::string HeaderAsWritten(std::string_view key) const;

 private:
  // A row: its line and its fields, fields_[first_field, first_field + field_count).
  struct Row {
    int line = 0;
    uint32_t first_field = 0;
    uint32_t field_count = 0;
  };
  class Builder;

  std::string relative_;
  SourcePath source_path_;
  std::string encoding_;
  std::vector<std::string> header_;
  std::vector<std::pair<std::string, int>> columns_;  // key -> index; a handful, scanned
  // The decoded text with quoted fields unescaped in place; rows hold spans of it, so a table of
  // a million rows is one buffer and two arrays rather than millions of strings.
  std::string text_;
  std::vector<CsvFieldSpan> fields_;
  std::vector<Row> rows_;
  // Issues of this file: how many were listed, and the cap (RowReader stops listing past it).
  mutable int64_t issues_listed_ = 0;
  int64_t issues_max_ = 1000;
  friend class RowReader;
};

// `value` for a message: at most `max_bytes` (cut at a character) and its full length after.
std::string ShortenForMessage(std::string_view value, size_t max_bytes = 200);

// Typed access to one row; each bad value becomes a LoadIssue and marks the row not ok().
class RowReader {
 public:
  RowReader(const CsvTable& table, size_t index, std::vector<LoadIssue>* issues);

  int line() const { return line_; }
  SourceRef source() const { return SourceRef{table_.source_path(), line_}; }
  bool ok() const { return ok_; }

  // Trimmed text ("" when the column or the value is absent). Required: an empty value is an issue.
  std::string Text(std::string_view key, bool required = false);
  // The same as a view into the table (valid while the table lives), for values parsed at once.
  std::string_view TextView(std::string_view key, bool required = false);
  std::optional<Date> DateValue(std::string_view key, bool required);
  std::optional<int> TimeValue(std::string_view key, bool required);
  std::optional<Instant> DateTimeValue(std::string_view key, bool required, const TimeZone& zone);
  std::optional<double> Number(std::string_view key, bool required);
  std::optional<bool> YesNo(std::string_view key, bool required);

  template <typename E>
  std::optional<E> Enum(std::string_view key, bool required, const std::vector<EnumSpelling<E>>& spellings) {
    std::string_view text = TextView(key, required);
    if (text.empty()) return std::nullopt;
    auto value = ParseEnum(text, spellings);
    if (!value) {
      Report(key, std::string(text), "不是可识别的取值（可用：" + DescribeSpellings(spellings) + "）",
             "is not a known value (accepted: " + DescribeSpellings(spellings) + ")", required);
    }
    return value;
  }

  // Records a problem with this row's `key` column.
  void Report(std::string_view key, const std::string& value, const std::string& problem_zh,
              const std::string& problem_en, bool makes_row_unusable);

 private:
  const CsvTable& table_;
  size_t index_;
  int line_;
  std::vector<LoadIssue>* issues_;
  bool ok_ = true;
};

}  // namespace xk
