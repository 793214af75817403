#include "records/csv/table.h"

#include <fmt/format.h>

#include <fstream>

#include "records/csv/encoding.h"
#include "records/csv/text.h"
#include "records/csv/xlsx.h"

namespace xk {

namespace {

void AddIssue(std::vector<LoadIssue>* issues, const std::string& file, int line, const std::string& column,
              std::string zh, std::string en) {
  issues->push_back(LoadIssue{file, line, column, std::move(zh), std::move(en)});
}

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> ReadFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) bytes.reserve(static_cast<size_t>(size));
  std::vector<char> buffer(1 << 16);
  while (true) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    bytes.append(buffer.data(), static_cast<size_t>(in.gcount()));
    if (!in) break;
  }
  if (in.bad()) return std::nullopt;
  return bytes;
}

}  // namespace

// Takes the scanned records: the first is the header, the others rows, except rows of nothing but
// empty fields (Excel leaves ",,,," lines), which are not records.
class CsvTable::Builder : public CsvRecordSink {
 public:
  explicit Builder(CsvTable* table) : table_(table) {}

  void OnRecord(int line, const std::vector<CsvFieldSpan>& fields) override {
    if (!header_line_) {
      header_line_ = line;
      header_ = fields;
      return;
    }
    if (AllBlank(fields)) return;
    table_->rows_.push_back(
        Row{line, static_cast<uint32_t>(table_->fields_.size()), static_cast<uint32_t>(fields.size())});
    table_->fields_.insert(table_->fields_.end(), fields.begin(), fields.end());
  }

  std::optional<int> header_line() const { return header_line_; }
  const std::vector<CsvFieldSpan>& header() const { return header_; }

 private:
  bool AllBlank(const std::vector<CsvFieldSpan>& fields) const {
    for (const CsvFieldSpan& field : fields) {
      if (!Trim(std::string_view(table_->text_.data() + field.offset, field.size)).empty()) return false;
    }
    return true;
  }

  CsvTable* table_;
  std::optional<int> header_line_;
  std::vector<CsvFieldSpan> header_;
};

std::optional<CsvTable> CsvTable::Load(const std::filesystem::path& path, const std::string& relative,
                                       const TableSpec& spec, std::vector<LoadIssue>* issues) {
  std::optional<std::string> bytes = ReadFileBytes(path);
  if (!bytes) {
    AddIssue(issues, relative, 0, "", "无法读取文件", "cannot read the file");
    return std::nullopt;
  }

  CsvTable table;
  table.relative_ = relative;
  table.source_path_ = SourcePath(relative);
  std::string workbook_encoding;
  if (LooksLikeZip(*bytes)) {  // an .xlsx workbook (also one saved under a .csv name)
    XlsxText sheet = XlsxFirstSheetAsCsv(*bytes);
    if (!sheet.error.empty()) {
      AddIssue(issues, relative, 0, "", "无法读取 Excel 工作簿：" + sheet.error,
               "cannot read the Excel workbook: " + sheet.error);
      return std::nullopt;
    }
    *bytes = std::move(sheet.csv);
    workbook_encoding = "xlsx";
  }
  DecodedText decoded = DecodeOwnedToUtf8(std::move(*bytes));
  table.encoding_ = workbook_encoding.empty() ? decoded.encoding : workbook_encoding;
  for (int line : decoded.bad_lines) {
    AddIssue(issues, relative, line, "",
             "含有无法识别的字节（既不是 UTF-8 也不是 GB18030），已替换为 �；请核对该行原件",
             "holds bytes that are neither UTF-8 nor GB18030 (shown as �); check this line in the "
             "original");
  }
  table.text_ = std::move(decoded.utf8);
  if (table.text_.size() >= UINT32_MAX) {  // field spans are 32-bit offsets
    AddIssue(issues, relative, 0, "", "文件超过 4 GB，未载入；请按机构或月份拆分导出",
             "the file is over 4 GB and was not loaded; export it in parts");
    return std::nullopt;
  }
  Builder builder(&table);
  for (int line : ScanCsvInPlace(&table.text_, &builder)) {
    AddIssue(issues, relative, line, "", "引号未闭合，该行之后的内容可能被并入同一字段",
             "a quote opened here is never closed; what follows may have been read as one field");
  }
  if (!builder.header_line()) {
    AddIssue(issues, relative, 0, "", "文件为空（没有表头）", "the file is empty (no header row)");
    return std::nullopt;
  }
  for (const CsvFieldSpan& field : builder.header()) {
    table.header_.push_back(
        std::string(Trim(FoldFullWidth(std::string_view(table.text_.data() + field.offset, field.size)))));
  }
  for (size_t i = 0; i < table.header_.size(); ++i) {
    std::string header = NormalizeToken(table.header_[i]);
    for (const auto& column : spec.columns) {
      bool matches = header == NormalizeToken(column.key) || header == NormalizeToken(column.zh);
      for (const auto& alias : column.aliases) matches = matches || header == NormalizeToken(alias);
      if (matches && table.ColumnIndex(column.key) < 0) table.columns_.emplace_back(column.key, static_cast<int>(i));
    }
  }
  std::string missing;
  for (const auto& column : spec.columns) {
    if (column.required && table.ColumnIndex(column.key) < 0) {
      missing += (missing.empty() ? "" : ", ") + column.key + "/" + column.zh;
    }
  }
  if (!missing.empty()) {
    AddIssue(issues, relative, *builder.header_line(), "", fmt::format("缺少必需的列：{}；整个文件未载入", missing),
             fmt::format("required column(s) missing: {}; the file was not loaded", missing));
    return std::nullopt;
  }
  return table;
}

std::string_view CsvTable::field(size_t index, int column) const {
  const Row& row = rows_[index];
  if (column < 0 || static_cast<uint32_t>(column) >= row.field_count) return {};
  const CsvFieldSpan& span = fields_[row.first_field + static_cast<uint32_t>(column)];
  return std::string_view(text_.data() + span.offset, span.size);
}

int CsvTable::ColumnIndex(std::string_view key) const {
  for (const auto& [column_key, index] : columns_) {
    if (column_key == key) return index;
  }
  return -1;
}

std::string CsvTable::HeaderAsWritten(std::string_view key) const {
  int index = ColumnIndex(key);
  return index < 0 ? std::string(key) : header_[static_cast<size_t>(index)];
}

RowReader::RowReader(const CsvTable& table, size_t index, std::vector<LoadIssue>* issues)
    : table_(table), index_(index), line_(table.line(index)), issues_(issues) {}

void RowReader::Report(std::string_view key, const std::string& value, const std::string& problem_zh,
                       const std::string& problem_en, bool makes_row_unusable) {
  std::string column = table_.HeaderAsWritten(key);
  std::string zh = value.empty() ? problem_zh : fmt::format("“{}”{}", value, problem_zh);
  std::string en = value.empty() ? problem_en : fmt::format("\"{}\" {}", value, problem_en);
  if (makes_row_unusable) {
    zh += "；该行未载入";
    en += "; the row was not loaded";
    ok_ = false;
  }
  AddIssue(issues_, table_.relative(), line_, column, std::move(zh), std::move(en));
}

std::string_view RowReader::TextView(std::string_view key, bool required) {
  std::string_view value = Trim(table_.field(index_, table_.ColumnIndex(key)));
  if (value.empty() && required) Report(key, "", "为空（必填）", "is empty (required)", true);
  return value;
}

std::string RowReader::Text(std::string_view key, bool required) { return std::string(TextView(key, required)); }

std::optional<Date> RowReader::DateValue(std::string_view key, bool required) {
  std::string_view text = TextView(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseDate(text);
  if (!value) {
    Report(key, std::string(text), "不是有效日期（应如 2022-04-15、2022/4/15 或 2022年4月15日）",
           "is not a valid date (expected e.g. 2022-04-15, 2022/4/15 or 2022年4月15日)", required);
  }
  return value;
}

std::optional<int> RowReader::TimeValue(std::string_view key, bool required) {
  std::string_view text = TextView(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseTimeOfDay(text);
  if (!value) {
    Report(key, std::string(text), "不是有效时间（应如 09:00 或 9:00:00）",
           "is not a valid time (expected e.g. 09:00 or 9:00:00)", required);
  }
  return value;
}

std::optional<Instant> RowReader::DateTimeValue(std::string_view key, bool required, const TimeZone& zone) {
  std::string_view text = TextView(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseDateTime(text, zone);
  if (!value) {
    Report(key, std::string(text), "不是有效的日期时间（应如 2022-04-15 09:00:00）",
           "is not a valid date-time (expected e.g. 2022-04-15 09:00:00)", required);
  }
  return value;
}

std::optional<double> RowReader::Number(std::string_view key, bool required) {
  std::string_view text = TextView(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseNumber(text);
  if (!value) Report(key, std::string(text), "不是数字", "is not a number", required);
  return value;
}

std::optional<bool> RowReader::YesNo(std::string_view key, bool required) {
  std::string_view text = TextView(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseYesNo(text);
  if (!value) Report(key, std::string(text), "应为 是/否（yes/no）", "should be yes/no (是/否)", required);
  return value;
}

}  // namespace xk
