// Writes a table as an institution would export it: English or Chinese header, UTF-8 (with or
// without BOM) or GB18030 (Excel on a Chinese PC), CRLF or LF; or saved from Excel as a workbook
// (.xlsx beside where the .csv would be), dates, times and short numbers stored as Excel stores
// them (serial numbers with a date or time format), ID numbers and other text as strings.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace xk {

enum class ExportEncoding { kUtf8, kUtf8Bom, kGb18030, kXlsx };

struct ExportStyle {
  ExportEncoding encoding = ExportEncoding::kUtf8;
  bool chinese_header = false;
  bool crlf = false;
};

struct ExportColumn {
  std::string english;
  std::string chinese;
};

class CsvTableWriter {
 public:
  CsvTableWriter(std::vector<ExportColumn> columns, ExportStyle style);
  void AddRow(std::vector<std::string> values);
  // Creates parent folders. Throws std::runtime_error naming the file on failure. kXlsx writes
  // `path` with the extension .xlsx.
  void Write(const std::filesystem::path& path) const;

 private:
  void WriteWorkbook(const std::filesystem::path& path) const;

  std::vector<ExportColumn> columns_;
  ExportStyle style_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace xk
