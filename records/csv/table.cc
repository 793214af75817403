#include "records/csv/table.h"

#include <fmt/format.h>

#include <cctype>
#include <cstring>

#include "records/archive_files.h"
#include "records/csv/encoding.h"
#include "records/csv/text.h"
#include "records/csv/xlsx.h"

namespace xk {

namespace {

void AddIssue(std::vector<LoadIssue>* issues, const std::string& file, int line, const std::string& column,
              std::string zh, std::string en) {
  issues->push_back(LoadIssue{file, line, column, std::move(zh), std::move(en)});
}

// At most `max` bytes of `text`, cut at a UTF-8 character boundary.
size_t CutAtCharacter(std::string_view text, size_t max) {
  size_t cut = std::min(max, text.size());
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

// Cuts every physical line longer than `max_bytes` to that length, in place; returns the lines
// cut (1-based). A table is a few hundred bytes a line; a 50 MB line of commas is an attack on
// the parser's memory (a field span per comma), not data.
std::vector<int> CutLongLines(std::string* text, size_t max_bytes) {
  std::vector<int> cut_lines;
  size_t start = 0;
  bool any = false;
  while (start < text->size()) {  // a quick look first: most files have no such line
    size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    if (end - start > max_bytes) {
      any = true;
      break;
    }
    start = end + 1;
  }
  if (!any) return cut_lines;
  size_t read = 0, write = 0;
  int line = 1;
  while (read < text->size()) {
    size_t end = text->find('\n', read);
    const bool has_break = end != std::string::npos;
    if (!has_break) end = text->size();
    size_t keep = end - read;
    if (keep > max_bytes) {
      keep = CutAtCharacter(std::string_view(*text).substr(read, keep), max_bytes);
      cut_lines.push_back(line);
    }
    if (write != read) std::memmove(text->data() + write, text->data() + read, keep);
    write += keep;
    if (has_break) (*text)[write++] = '\n';
    read = end + (has_break ? 1 : 0);
    ++line;
  }
  text->resize(write);
  return cut_lines;
}

bool EndsWithXlsx(const std::string& name) {
  if (name.size() < 5) return false;
  std::string tail = name.substr(name.size() - 5);
  for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".xlsx";
}

}  // namespace

std::string ShortenForMessage(std::string_view value, size_t max_bytes) {
  if (value.size() <= max_bytes) return std::string(value);
  return fmt::format("{}…（共 {} 字节）", value.substr(0, CutAtCharacter(value, max_bytes)), value.size());
}

// Takes the scanned records: the first is the header, the others rows, except rows of nothing but
// empty fields (Excel leaves ",,,," lines), which are not records.
class CsvTable::Builder : public CsvRecordSink {
 public:
  Builder(CsvTable* table, const InputLimits& limits) : table_(table), limits_(limits) {}

  void OnRecord(int line, const std::vector<CsvFieldSpan>& fields) override {
    size_t count = fields.size();
    if (count > static_cast<size_t>(limits_.fields_max_per_row)) {
      count = static_cast<size_t>(limits_.fields_max_per_row);
      if (!wide_row_line_) wide_row_line_ = line;
    }
    if (!header_line_) {
      header_line_ = line;
      header_.assign(fields.begin(), fields.begin() + static_cast<long>(count));
      return;
    }
    if (AllBlank(fields)) return;
    if (static_cast<int64_t>(table_->rows_.size()) >= limits_.rows_max_per_table) {
      if (!first_row_not_read_) first_row_not_read_ = line;
      return;
    }
    table_->rows_.push_back(Row{line, static_cast<uint32_t>(table_->fields_.size()), static_cast<uint32_t>(count)});
    table_->fields_.insert(table_->fields_.end(), fields.begin(), fields.begin() + static_cast<long>(count));
  }

  std::optional<int> header_line() const { return header_line_; }
  const std::vector<CsvFieldSpan>& header() const { return header_; }
  std::optional<int> wide_row_line() const { return wide_row_line_; }
  std::optional<int> first_row_not_read() const { return first_row_not_read_; }

 private:
  bool AllBlank(const std::vector<CsvFieldSpan>& fields) const {
    for (const CsvFieldSpan& field : fields) {
      if (!Trim(std::string_view(table_->text_.data() + field.offset, field.size)).empty()) return false;
    }
    return true;
  }

  CsvTable* table_;
  const InputLimits& limits_;
  std::optional<int> header_line_;
  std::vector<CsvFieldSpan> header_;
  std::optional<int> wide_row_line_;
  std::optional<int> first_row_not_read_;
};

std::optional<CsvTable> CsvTable::Load(const std::filesystem::path& path, const std::string& relative,
                                       const TableSpec& spec, std::vector<LoadIssue>* issues,
                                       const InputLimits& limits) {
  ReadOutcome read = ArchiveRoot(path.parent_path()).ReadPath(path, limits.table_max_bytes, "table_max_bytes");
  if (!read.bytes) {
    AddIssue(issues, relative, 0, "", "无法读取文件：" + read.problem_zh, "cannot read the file: " + read.problem_en);
    return std::nullopt;
  }
  return FromBytes(std::move(*read.bytes), relative, spec, issues, limits);
}

std::optional<CsvTable> CsvTable::FromBytes(std::string bytes_in, const std::string& relative, const TableSpec& spec,
                                            std::vector<LoadIssue>* issues, const InputLimits& limits) {
  std::optional<std::string> bytes = std::move(bytes_in);
  CsvTable table;
  table.relative_ = relative;
  table.source_path_ = SourcePath(relative);
  table.issues_max_ = limits.issues_max_per_file;
  std::string workbook_encoding;
  if (EndsWithXlsx(relative) && !LooksLikeZip(*bytes)) {
    AddIssue(issues, relative, 0, "", "不是 Excel 工作簿（.xlsx 应为 zip 格式），未载入；请重新导出",
             "not an Excel workbook (an .xlsx is a zip); not loaded: export it again");
    return std::nullopt;
  }
  if (LooksLikeZip(*bytes)) {  // an .xlsx workbook (also one saved under a .csv name)
    XlsxText sheet = XlsxFirstSheetAsCsv(*bytes, XlsxLimits{static_cast<size_t>(limits.xlsx_max_unpacked_bytes),
                                                            static_cast<size_t>(limits.xlsx_max_text_bytes)});
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
  const std::vector<int> cut_lines = CutLongLines(&table.text_, static_cast<size_t>(limits.line_max_bytes));
  if (!cut_lines.empty()) {
    AddIssue(issues, relative, cut_lines.front(), "",
             fmt::format("{} 行长于上限 line_max_bytes = {} 字节，超出部分未读取（{}）", cut_lines.size(),
                         limits.line_max_bytes, LimitHint("line_max_bytes")),
             fmt::format("{} line(s) longer than line_max_bytes = {} bytes; the rest of each was not read",
                         cut_lines.size(), limits.line_max_bytes));
  }
  if (table.text_.size() >= UINT32_MAX) {  // field spans are 32-bit offsets
    AddIssue(issues, relative, 0, "", "文件超过 4 GB，未载入；请按机构或月份拆分导出",
             "the file is over 4 GB and was not loaded; export it in parts");
    return std::nullopt;
  }
  Builder builder(&table, limits);
  for (int line : ScanCsvInPlace(&table.text_, &builder)) {
    AddIssue(issues, relative, line, "", "引号未闭合，该行之后的内容可能被并入同一字段",
             "a quote opened here is never closed; what follows may have been read as one field");
  }
  if (!builder.header_line()) {
    AddIssue(issues, relative, 0, "", "文件为空（没有表头）", "the file is empty (no header row)");
    return std::nullopt;
  }
  if (builder.wide_row_line()) {
    AddIssue(
        issues, relative, *builder.wide_row_line(), "",
        fmt::format("字段数超过上限 fields_max_per_row = {}，多出的字段未读取（{}）", limits.fields_max_per_row,
                    LimitHint("fields_max_per_row")),
        fmt::format("more fields than fields_max_per_row = {}; the rest were not read", limits.fields_max_per_row));
  }
  if (builder.first_row_not_read()) {
    AddIssue(
        issues, relative, *builder.first_row_not_read(), "",
        fmt::format("行数超过上限 rows_max_per_table = {}，从此行起未读取（{}）", limits.rows_max_per_table,
                    LimitHint("rows_max_per_table")),
        fmt::format("more rows than rows_max_per_table = {}; not read from this line on", limits.rows_max_per_table));
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
  if (makes_row_unusable) ok_ = false;
  const int64_t listed = table_.issues_listed_++;
  if (listed > table_.issues_max_) return;
  if (listed == table_.issues_max_) {
    AddIssue(issues_, table_.relative(), line_, "",
             fmt::format("本文件的读取问题已超过 {} 条，从此行起不再逐条列出（{}）", table_.issues_max_,
                         LimitHint("issues_max_per_file")),
             fmt::format("more than {} load issues in this file; from this line on they are not listed one by one",
                         table_.issues_max_));
    return;
  }
  std::string column = ShortenForMessage(table_.HeaderAsWritten(key));
  const std::string shown = ShortenForMessage(value);
  std::string zh = value.empty() ? problem_zh : fmt::format("“{}”{}", shown, problem_zh);
  std::string en = value.empty() ? problem_en : fmt::format("\"{}\" {}", shown, problem_en);
  if (makes_row_unusable) {
    zh += "；该行未载入";
    en += "; the row was not loaded";
  }
  AddIssue(issues_, table_.relative(), line_, column, std::move(zh), std::move(en));
}

std::string_view RowReader::TextView(std::string_view key, bool required) {
  std::string_view value = Trim(table_.field(index_, table_.ColumnIndex(key)));
  if (value.empty() && required) Report(key, "", "为空（必填）", "is empty (required)", true);
  return value;
}

std::string RowReader::Text(std::string_view key, bool required) { return std::string(TextView(key, required)); }

namespace {

// The value `parse` reads from the row's `key` column; nullopt when the value is empty (an issue
// when required) or when it cannot be read, which is reported with the problem's words.
template <typename Parse>
auto ParsedValue(RowReader& row, std::string_view key, bool required, Parse parse, const char* problem_zh,
                 const char* problem_en) -> decltype(parse(key)) {
  const std::string_view text = row.TextView(key, required);
  if (text.empty()) return std::nullopt;
  auto value = parse(text);
  if (!value) row.Report(key, std::string(text), problem_zh, problem_en, required);
  return value;
}

}  // namespace

std::optional<Date> RowReader::DateValue(std::string_view key, bool required) {
  return ParsedValue(*this, key, required, ParseDate, "不是有效日期（应如 2022-04-15、2022/4/15 或 2022年4月15日）",
                     "is not a valid date (expected e.g. 2022-04-15, 2022/4/15 or 2022年4月15日)");
}

std::optional<int> RowReader::TimeValue(std::string_view key, bool required) {
  return ParsedValue(*this, key, required, ParseTimeOfDay, "不是有效时间（应如 09:00 或 9:00:00）",
                     "is not a valid time (expected e.g. 09:00 or 9:00:00)");
}

std::optional<Instant> RowReader::DateTimeValue(std::string_view key, bool required, const TimeZone& zone) {
  return ParsedValue(
      *this, key, required, [&](std::string_view text) { return ParseDateTime(text, zone); },
      "不是有效的日期时间（应如 2022-04-15 09:00:00）", "is not a valid date-time (expected e.g. 2022-04-15 09:00:00)");
}

std::optional<double> RowReader::Number(std::string_view key, bool required) {
  return ParsedValue(*this, key, required, ParseNumber, "不是数字", "is not a number");
}

std::optional<bool> RowReader::YesNo(std::string_view key, bool required) {
  return ParsedValue(*this, key, required, ParseYesNo, "应为 是/否（yes/no）", "should be yes/no (是/否)");
}

}  // namespace xk
