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

// Copies every catalogued recording of the store at `shard_path` (a shard's, `xunkao audit
// --shard`) into `db`, replacing what `db` held for the same path; catalogued_run is left NULL (the
// shard's run ids mean nothing here). Returns how many of them `db` did not already hold as they
// are (same size, mtime and SHA-256): the files this merge brings in. Merging the same shard
// twice brings nothing the second time. Throws StoreError (naming the file) when it is not a
// store. `shard_path` must already be at the current schema (open it with AuditStore first).
int64_t MergeMediaFacts(Database& db, const std::string& shard_path);

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
