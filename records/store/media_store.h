// The media catalog in SQLite (table media_files): what each recording held when it was last
// opened, keyed by archive-relative path, so an unchanged file (same size and mtime) is never
// opened again.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "records/media_facts.h"
#include "records/store/database.h"

namespace xk::store {

// Every catalogued recording, by path.
std::unordered_map<std::string, RecordingFacts> LoadMediaCatalog(Database& db);

// Inserts or replaces the rows in one transaction.
void SaveMediaFacts(Database& db, const std::vector<RecordingFacts>& recordings, int64_t run_id);

// Removes rows whose path is not in `present` (files deleted from the archive).
void ForgetMissingMedia(Database& db, const std::vector<std::string>& present_paths);

// Picture samples packed into a blob and back (little-endian, 28 bytes a sample).
std::string PackSamples(const std::vector<PictureSample>& samples);
std::vector<PictureSample> UnpackSamples(const std::string& blob);

}  // namespace xk::store
