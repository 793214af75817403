#include "records/table_opener.h"

namespace xk {

std::optional<CsvTable> OpenInstitutionTable(const std::filesystem::path& root, const std::string& folder,
                                             const std::string& file, const std::string& institution,
                                             const TableSpec& spec, bool required, ArchiveModel* model) {
  std::string relative = folder + "/" + file;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(root / relative, ec)) {
    // The same table saved from Excel as a workbook: classes.xlsx for classes.csv.
    const std::string workbook = std::filesystem::path(relative).replace_extension(".xlsx").generic_string();
    if (std::filesystem::is_regular_file(root / workbook, ec)) {
      return CsvTable::Load(root / workbook, workbook, spec, &model->issues);
    }
    if (required) model->missing_files.push_back(MissingFile{institution, relative});
    return std::nullopt;
  }
  return CsvTable::Load(root / relative, relative, spec, &model->issues);
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
