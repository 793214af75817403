// The archive's records as the person page reads them (its configuration and every table:
// LoadAuditConfig and LoadArchiveRecords), loaded once and kept in the server while the archive
// is unchanged, so a person's page does not read the whole archive again.
//
// One archive at a time (the workbench reads one). Whether it changed is told by a cheap mark,
// taken on every request: the archive folder's absolute path and the name, size and modification
// time (nanoseconds) of every file directly in the folders the loader reads its tables from (the
// archive folder, bureau/, and each folder under training/ and exams/), and those folders' names.
// Recordings deeper down (exams/<code>/video/...) are not looked at. A table edited, added or
// removed changes the mark and the next request loads the archive again.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "records/audit_config.h"
#include "records/model.h"

namespace xk::serve {

struct LoadedArchive {
  AuditConfig config;  // LoadAuditConfig(archive)
  ArchiveModel model;  // LoadArchiveRecords(archive, config.policy)
};

class ArchiveRecordsCache {
 public:
  // The records of the archive at `archive` (a folder), loaded now when the cache holds none, another
  // archive's, or this one's from before it changed. Thread-safe; requests that find it loading
  // wait for that load instead of starting their own.
  std::shared_ptr<const LoadedArchive> Get(const std::filesystem::path& archive);

  // How many times an archive was loaded: for tests.
  int64_t loads() const { return loads_; }

  // The mark described above.
  static std::string ChangeMark(const std::filesystem::path& archive);

 private:
  std::mutex mutex_;
  std::string mark_;
  std::shared_ptr<const LoadedArchive> loaded_;
  std::atomic<int64_t> loads_{0};
};

}  // namespace xk::serve
