#include "tools/demo/csv_table_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <utility>

#include "records/civil_time.h"
#include "records/csv/encoding.h"
#include "records/text_escape.h"
#include "tools/demo/xlsx_package.h"

namespace xk {

namespace {

// The serial number and style Excel stores for a value typed into a cell: 2022-04-15 (a date),
// 09:00 (a time), 2022-04-15 08:25:00 (both), a number of up to 15 digits; nullopt for text
// (ID numbers among it: longer than Excel's 15 significant digits, kept as text by whoever set
// the column to text, as a careful clerk does).
std::optional<std::pair<std::string, int>> ExcelNumber(const std::string& value) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, used = 0;
  const char* text = value.c_str();
  const auto whole = [&](int consumed) { return consumed == static_cast<int>(value.size()); };
  auto day_serial = [&] { return static_cast<double>(DateFromYmd(year, month, day).days) + 25569; };
  if (std::sscanf(text, "%4d-%2d-%2d %2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second, &used) == 6 &&
      whole(used)) {
    return std::make_pair(fmt::format("{:.10f}", day_serial() + (hour * 3600 + minute * 60 + second) / 86400.0),
                          static_cast<int>(kXlsxDateTime));
  }
  if (std::sscanf(text, "%4d-%2d-%2d%n", &year, &month, &day, &used) == 3 && whole(used) && value.size() == 10) {
    return std::make_pair(fmt::format("{}", day_serial()), static_cast<int>(kXlsxDate));
  }
  if (std::sscanf(text, "%2d:%2d%n", &hour, &minute, &used) == 2 && whole(used) && value.size() == 5) {
    return std::make_pair(fmt::format("{:.10f}", (hour * 3600 + minute * 60) / 86400.0), static_cast<int>(kXlsxTime));
  }
  const bool digits = !value.empty() && value.size() <= 15 && value[0] != '0' &&
                      value.find_first_not_of("0123456789.") == std::string::npos &&
                      std::count(value.begin(), value.end(), '.') <= 1 && value.back() != '.';
  if (digits) return std::make_pair(value, static_cast<int>(kXlsxGeneral));
  return std::nullopt;
}

}  // namespace

void CsvTableWriter::WriteWorkbook(const std::filesystem::path& path) const {
  std::vector<std::string> strings;
  std::string rows;
  int row_number = 0;
  auto add_row = [&](const std::vector<std::string>& values, bool header) {
    rows += fmt::format("<row r=\"{}\">", ++row_number);
    for (const auto& value : values) {
      std::optional<std::pair<std::string, int>> number = header ? std::nullopt : ExcelNumber(value);
      if (number) {
        rows += fmt::format("<c s=\"{}\"><v>{}</v></c>", number->second, number->first);
      } else {
        rows += fmt::format("<c t=\"s\"><v>{}</v></c>", strings.size());
        strings.push_back(value);
      }
    }
    rows += "</row>";
  };
  std::vector<std::string> header;
  for (const auto& column : columns_) header.push_back(style_.chinese_header ? column.chinese : column.english);
  add_row(header, true);
  for (const auto& row : rows_) add_row(row, false);
  WriteXlsxPackage(path, rows, strings);
}

CsvTableWriter::CsvTableWriter(std::vector<ExportColumn> columns, ExportStyle style)
    : columns_(std::move(columns)), style_(style) {}

void CsvTableWriter::AddRow(std::vector<std::string> values) { rows_.push_back(std::move(values)); }

void CsvTableWriter::Write(const std::filesystem::path& path) const {
  if (style_.encoding == ExportEncoding::kXlsx) {
    WriteWorkbook(std::filesystem::path(path).replace_extension(".xlsx"));
    return;
  }
  const std::string newline = style_.crlf ? "\r\n" : "\n";
  std::string text;
  for (size_t i = 0; i < columns_.size(); ++i) {
    text += (i ? "," : "") + CsvEscape(style_.chinese_header ? columns_[i].chinese : columns_[i].english);
  }
  text += newline;
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) text += (i ? "," : "") + CsvEscape(row[i]);
    text += newline;
  }
  std::string bytes;
  switch (style_.encoding) {
    case ExportEncoding::kUtf8:
      bytes = text;
      break;
    case ExportEncoding::kUtf8Bom:
      bytes = "\xEF\xBB\xBF" + text;
      break;
    case ExportEncoding::kGb18030:
      bytes = Utf8ToGb18030(text);
      break;
    case ExportEncoding::kXlsx:
      break;  // written above
  }
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace xk
