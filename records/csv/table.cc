#include "records/csv/table.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "records/csv/encoding.h"
#include "records/csv/text.h"

namespace xk {

namespace {

void AddIssue(std::vector<LoadIssue>* issues, const std::string& file, int line,
              const std::string& column, std::string zh, std::string en) {
  issues->push_back(LoadIssue{file, line, column, std::move(zh), std::move(en)});
}

}  // namespace

std::optional<CsvTable> CsvTable::Load(const std::filesystem::path& path, const std::string& relative,
                                       const TableSpec& spec, std::vector<LoadIssue>* issues) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    AddIssue(issues, relative, 0, "", "无法读取文件", "cannot read the file");
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();

  CsvTable table;
  table.relative_ = relative;
  DecodedText decoded = DecodeToUtf8(bytes);
  table.encoding_ = decoded.encoding;
  for (int line : decoded.bad_lines) {
    AddIssue(issues, relative, line, "",
             "含有无法识别的字节（既不是 UTF-8 也不是 GB18030），已替换为 �；请核对该行原件",
             "holds bytes that are neither UTF-8 nor GB18030 (shown as �); check this line in the "
             "original");
  }
  CsvParseResult parsed = ParseCsv(decoded.utf8);
  for (int line : parsed.unterminated_quote_lines) {
    AddIssue(issues, relative, line, "", "引号未闭合，该行之后的内容可能被并入同一字段",
             "a quote opened here is never closed; what follows may have been read as one field");
  }
  if (parsed.records.empty()) {
    AddIssue(issues, relative, 0, "", "文件为空（没有表头）", "the file is empty (no header row)");
    return std::nullopt;
  }
  for (const auto& field : parsed.records.front().fields) {
    table.header_.push_back(std::string(Trim(FoldFullWidth(field))));
  }
  for (size_t i = 0; i < table.header_.size(); ++i) {
    std::string header = NormalizeToken(table.header_[i]);
    for (const auto& column : spec.columns) {
      bool matches = header == NormalizeToken(column.key) || header == NormalizeToken(column.zh);
      for (const auto& alias : column.aliases) matches = matches || header == NormalizeToken(alias);
      if (matches && !table.key_to_index_.count(column.key)) {
        table.key_to_index_[column.key] = static_cast<int>(i);
      }
    }
  }
  std::string missing;
  for (const auto& column : spec.columns) {
    if (column.required && !table.key_to_index_.count(column.key)) {
      missing += (missing.empty() ? "" : ", ") + column.key + "/" + column.zh;
    }
  }
  if (!missing.empty()) {
    AddIssue(issues, relative, parsed.records.front().line, "",
             fmt::format("缺少必需的列：{}；整个文件未载入", missing),
             fmt::format("required column(s) missing: {}; the file was not loaded", missing));
    return std::nullopt;
  }
  table.rows_.assign(std::make_move_iterator(parsed.records.begin() + 1),
                     std::make_move_iterator(parsed.records.end()));
  // Rows of nothing but empty fields (Excel leaves ",,,," lines) are not records.
  std::erase_if(table.rows_, [](const CsvRecord& record) {
    for (const auto& field : record.fields) {
      if (!Trim(field).empty()) return false;
    }
    return true;
  });
  return table;
}

int CsvTable::ColumnIndex(std::string_view key) const {
  auto it = key_to_index_.find(std::string(key));
  return it == key_to_index_.end() ? -1 : it->second;
}

std::string CsvTable::HeaderAsWritten(std::string_view key) const {
  int index = ColumnIndex(key);
  return index < 0 ? std::string(key) : header_[static_cast<size_t>(index)];
}

RowReader::RowReader(const CsvTable& table, size_t index, std::vector<LoadIssue>* issues)
    : table_(table), record_(table.row(index)), issues_(issues) {}

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
  AddIssue(issues_, table_.relative(), record_.line, column, std::move(zh), std::move(en));
}

std::string RowReader::Text(std::string_view key, bool required) {
  int index = table_.ColumnIndex(key);
  std::string value;
  if (index >= 0 && static_cast<size_t>(index) < record_.fields.size()) {
    value = std::string(Trim(record_.fields[static_cast<size_t>(index)]));
  }
  if (value.empty() && required) Report(key, "", "为空（必填）", "is empty (required)", true);
  return value;
}

std::optional<Date> RowReader::DateValue(std::string_view key, bool required) {
  std::string text = Text(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseDate(text);
  if (!value) {
    Report(key, text, "不是有效日期（应如 2022-04-15、2022/4/15 或 2022年4月15日）",
           "is not a valid date (expected e.g. 2022-04-15, 2022/4/15 or 2022年4月15日)", required);
  }
  return value;
}

std::optional<int> RowReader::TimeValue(std::string_view key, bool required) {
  std::string text = Text(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseTimeOfDay(text);
  if (!value) {
    Report(key, text, "不是有效时间（应如 09:00 或 9:00:00）",
           "is not a valid time (expected e.g. 09:00 or 9:00:00)", required);
  }
  return value;
}

std::optional<Instant> RowReader::DateTimeValue(std::string_view key, bool required,
                                                const TimeZone& zone) {
  std::string text = Text(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseDateTime(text, zone);
  if (!value) {
    Report(key, text, "不是有效的日期时间（应如 2022-04-15 09:00:00）",
           "is not a valid date-time (expected e.g. 2022-04-15 09:00:00)", required);
  }
  return value;
}

std::optional<double> RowReader::Number(std::string_view key, bool required) {
  std::string text = Text(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseNumber(text);
  if (!value) Report(key, text, "不是数字", "is not a number", required);
  return value;
}

std::optional<bool> RowReader::YesNo(std::string_view key, bool required) {
  std::string text = Text(key, required);
  if (text.empty()) return std::nullopt;
  auto value = ParseYesNo(text);
  if (!value) Report(key, text, "应为 是/否（yes/no）", "should be yes/no (是/否)", required);
  return value;
}

}  // namespace xk
