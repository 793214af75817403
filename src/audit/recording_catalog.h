// The catalog stage: finds every recording of every exam centre and every training institution
// (exams/<code>/video, training/<code>/video: default layout, audit.toml name
// patterns, recordings.csv; only regular files inside the archive, records/archive_files.h), and
// gives each its media facts — from the store when the file's size and mtime are unchanged and
// its stored analysis is as deep as this run's, else by probing it with libav (and analysing its
// pictures) in an isolated worker process, several files at once. New facts are saved in small batches as they come, so
// a killed run keeps what it finished and the next run resumes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "records/audit_config.h"
#include "records/media_facts.h"
#include "records/model.h"
#include "records/store/database.h"
#include "src/audit/progress.h"
#include "src/audit/recording_analysis.h"
#include "src/audit/shard.h"

namespace xk {

struct CatalogOptions {
  int jobs = 1;
  // What to learn from each file opened afresh. analysis.pictures: picture statistics (with
  // analysis.thorough, keyframe analyses in the store are redone from every frame);
  // analysis.hash: SHA-256 (the audit does, right after the analysis read the file, so from the
  // page cache; the catalog benchmark of the index alone does not).
  AnalysisSpec analysis;
  // The xunkao binary to run each analysis in, isolated (src/audit/analysis_worker.h), one
  // worker per job; "" analyses in this process (tests, the in-process benchmark figure).
  std::string worker_executable;
  // Only the recordings of this shard are analysed (the others are listed, not opened).
  std::optional<Shard> shard;
};

struct CatalogStats {
  int64_t files_scanned = 0;   // recordings found
  int64_t files_analysed = 0;  // recordings opened in this run
  // Of those, unchanged files analysed again only because their stored samples were measured
  // otherwise (an older xunkao's sampling, other picture thresholds in audit.toml).
  int64_t files_remeasured = 0;
  double analyse_seconds = 0;  // wall time spent probing and analysing them (and saving their facts)
};

std::vector<RecordingFacts> CatalogRecordings(const std::filesystem::path& root, const ArchiveModel& model,
                                              const AuditConfig& config, store::Database& db, int64_t run_id,
                                              const CatalogOptions& options, Progress* progress, CatalogStats* stats,
                                              std::vector<LoadIssue>* issues);

}  // namespace xk
