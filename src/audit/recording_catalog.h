// The catalog stage: finds every recording of every exam centre (default layout, audit.toml name
// patterns, recordings.csv), and gives each its media facts — from the store when the file's size
// and mtime are unchanged and its stored analysis is as deep as this run's, else by probing it
// with libav (and analysing its pictures), several
// files at once. New facts are saved in small batches as they come, so a killed run keeps what it
// finished and the next run resumes.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "records/audit_config.h"
#include "records/media_facts.h"
#include "records/model.h"
#include "records/store/database.h"
#include "src/audit/progress.h"

namespace xk {

struct CatalogOptions {
  int jobs = 1;
  // Called on a worker thread for each readable file probed afresh (picture analysis); may be empty.
  std::function<void(const std::string& absolute_path, MediaProbe* probe)> analyse;
  bool thorough = false;  // `analyse` decodes every frame: keyframe analyses in the store are redone
  // SHA-256 each file probed afresh (MediaProbe::sha256). The audit does, right after the
  // analysis has read the file (so from the page cache); the catalog benchmark of the index
  // alone does not.
  bool hash = false;
};

struct CatalogStats {
  int64_t files_scanned = 0;   // recordings found
  int64_t files_analysed = 0;  // recordings opened in this run
  double analyse_seconds = 0;  // wall time spent probing and analysing them (and saving their facts)
};

std::vector<RecordingFacts> CatalogRecordings(const std::filesystem::path& root, const ArchiveModel& model,
                                              const AuditConfig& config, store::Database& db, int64_t run_id,
                                              const CatalogOptions& options, Progress* progress, CatalogStats* stats,
                                              std::vector<LoadIssue>* issues);

}  // namespace xk
