// Writes a table as an institution would export it: English or Chinese header, UTF-8 (with or
// without BOM) or GB18030 (Excel on a Chinese PC), CRLF or LF.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace xk {

enum class ExportEncoding { kUtf8, kUtf8Bom, kGb18030 };

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
  // Creates parent folders. Throws std::runtime_error naming the file on failure.
  void Write(const std::filesystem::path& path) const;

 private:
  std::vector<ExportColumn> columns_;
  ExportStyle style_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace xk
