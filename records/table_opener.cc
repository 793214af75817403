#include "records/table_opener.h"

#include "records/archive_files.h"

namespace xk {

std::optional<CsvTable> OpenInstitutionTable(const std::filesystem::path& root, const std::string& folder,
                                             const std::string& file, const std::string& institution,
                                             const TableSpec& spec, bool required, const InputLimits& limits,
                                             ArchiveModel* model) {
  const ArchiveRoot archive(root);
  std::string relative = folder + "/" + file;
  ArchiveEntry entry = archive.Inspect(relative);
  if (entry.kind == EntryKind::kMissing) {
    // The same table saved from Excel as a workbook: classes.xlsx for classes.csv.
    const std::string workbook = std::filesystem::path(relative).replace_extension(".xlsx").generic_string();
    ArchiveEntry workbook_entry = archive.Inspect(workbook);
    if (workbook_entry.kind != EntryKind::kMissing) {
      relative = workbook;
      entry = std::move(workbook_entry);
    }
  }
  if (entry.kind == EntryKind::kMissing) {
    if (!entry.what_zh.empty()) {
      model->issues.push_back(LoadIssue{relative, 0, "", entry.what_zh, entry.what_en});
    }
    if (required) model->missing_files.push_back(MissingFile{institution, relative});
    return std::nullopt;
  }
  ReadOutcome read = archive.ReadPath(entry.path, limits.table_max_bytes, "table_max_bytes");
  if (!read.bytes) {
    model->issues.push_back(
        LoadIssue{relative, 0, "", "无法读取文件：" + read.problem_zh, "cannot read the file: " + read.problem_en});
    if (required) model->missing_files.push_back(MissingFile{institution, relative});
    return std::nullopt;
  }
  return CsvTable::FromBytes(std::move(*read.bytes), relative, spec, &model->issues, limits);
}

std::optional<SessionTimes> ReadSessionTimes(RowReader& row, const std::optional<Date>& date, const TimeZone& zone) {
  auto start = row.TimeValue("start", true);
  auto end = row.TimeValue("end", true);
  if (!date || !start || !end) return std::nullopt;
  if (*end <= *start) {
    row.Report("end", row.Text("end"), "不晚于开始时间", "is not after the start time", true);
    return std::nullopt;
  }
  return SessionTimes{ToInstant(*date, *start, zone), ToInstant(*date, *end, zone)};
}

}  // namespace xk
