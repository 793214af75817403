// Opens one table of an institution's folder through ArchiveRoot (regular files inside the
// archive only, within the limits), recording a MissingFile when it is absent or is not a file
// that can be read (a FIFO, a link out of the archive, too large): a required table an audited
// institution replaced by something unreadable is a table it did not hand over.
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
                                             const InputLimits& limits, ArchiveModel* model);

// A session's start and end on `date`; an end at or before the start is reported and nullopt.
struct SessionTimes {
  Instant start = 0;
  Instant end = 0;
};
std::optional<SessionTimes> ReadSessionTimes(RowReader& row, const std::optional<Date>& date, const TimeZone& zone);

}  // namespace xk
