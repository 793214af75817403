#include "tools/demo/csv_table_writer.h"

#include <fstream>
#include <stdexcept>

#include "records/csv/csv_reader.h"
#include "records/csv/encoding.h"

namespace xk {

CsvTableWriter::CsvTableWriter(std::vector<ExportColumn> columns, ExportStyle style)
    : columns_(std::move(columns)), style_(style) {}

void CsvTableWriter::AddRow(std::vector<std::string> values) { rows_.push_back(std::move(values)); }

void CsvTableWriter::Write(const std::filesystem::path& path) const {
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
  }
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace xk
