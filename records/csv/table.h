// One exported table read from disk: bytes -> UTF-8 -> CSV records -> columns found by their
// English or Chinese header (order free, unknown columns kept and ignored). Every problem becomes
// a LoadIssue naming the file, line and column; rows with a bad required value are skipped by the
// loaders, the rest of the file still loads.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "records/civil_time.h"
#include "records/csv/csv_reader.h"
#include "records/csv/values.h"
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
  // Reads `path`. Returns nullopt (with an issue) when the file cannot be read or has no header
  // or lacks a required column. `relative` is the archive-relative name used in messages.
  static std::optional<CsvTable> Load(const std::filesystem::path& path, const std::string& relative,
                                      const TableSpec& spec, std::vector<LoadIssue>* issues);

  const std::string& relative() const { return relative_; }
  const std::string& encoding() const { return encoding_; }
  size_t row_count() const { return rows_.size(); }
  const CsvRecord& row(size_t index) const { return rows_[index]; }
  // Index of the column for `key`, or -1 when the file lacks it.
  int ColumnIndex(std::string_view key) const;
  // The header as written in the file, for messages.
  std::string HeaderAsWritten(std::string_view key) const;

 private:
  std::string relative_;
  std::string encoding_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, int> key_to_index_;
  std::vector<CsvRecord> rows_;
};

// Typed access to one row; each bad value becomes a LoadIssue and marks the row not ok().
class RowReader {
 public:
  RowReader(const CsvTable& table, size_t index, std::vector<LoadIssue>* issues);

  int line() const { return record_.line; }
  SourceRef source() const { return SourceRef{table_.relative(), record_.line}; }
  bool ok() const { return ok_; }

  // Trimmed text ("" when the column or the value is absent). Required: an empty value is an issue.
  std::string Text(std::string_view key, bool required = false);
  std::optional<Date> DateValue(std::string_view key, bool required);
  std::optional<int> TimeValue(std::string_view key, bool required);
  std::optional<Instant> DateTimeValue(std::string_view key, bool required, const TimeZone& zone);
  std::optional<double> Number(std::string_view key, bool required);
  std::optional<bool> YesNo(std::string_view key, bool required);

  template <typename E>
  std::optional<E> Enum(std::string_view key, bool required,
                        const std::vector<EnumSpelling<E>>& spellings) {
    std::string text = Text(key, required);
    if (text.empty()) return std::nullopt;
    auto value = ParseEnum(text, spellings);
    if (!value) {
      Report(key, text, "不是可识别的取值（可用：" + DescribeSpellings(spellings) + "）",
             "is not a known value (accepted: " + DescribeSpellings(spellings) + ")", required);
    }
    return value;
  }

  // Records a problem with this row's `key` column.
  void Report(std::string_view key, const std::string& value, const std::string& problem_zh,
              const std::string& problem_en, bool makes_row_unusable);

 private:
  const CsvTable& table_;
  const CsvRecord& record_;
  std::vector<LoadIssue>* issues_;
  bool ok_ = true;
};

}  // namespace xk
