// Opens one table of an institution's folder, recording a MissingFile when it is absent.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "records/csv/table.h"
#include "records/model.h"

namespace xk {

std::optional<CsvTable> OpenInstitutionTable(const std::filesystem::path& root,
                                             const std::string& folder,  // "training/PX01"
                                             const std::string& file,    // "classes.csv"
                                             const std::string& institution, const TableSpec& spec, bool required,
                                             ArchiveModel* model);

// A session's start and end on `date`; an end at or before the start is reported and nullopt.
struct SessionTimes {
  Instant start = 0;
  Instant end = 0;
};
std::optional<SessionTimes> ReadSessionTimes(RowReader& row, const std::optional<Date>& date, const TimeZone& zone);

}  // namespace xk
