// The main job, one way through: archive -> catalog -> model + media facts -> detectors ->
// findings -> store -> reports. One run per database at a time (RunLock).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "records/finding.h"
#include "records/status.h"
#include "src/audit/shard.h"

namespace xk {

struct AuditOptions {
  std::filesystem::path archive;
  std::filesystem::path out = "xunkao-out";
  std::optional<std::filesystem::path> db;  // default <out>/xunkao.db
  std::optional<std::filesystem::path> config;
  int jobs = 1;
  bool chinese = true;
  std::optional<Severity> fail_on;
  bool thorough = false;  // decode every frame in picture analysis
  bool progress = false;  // progress bar on stderr
  // The xunkao binary that analyses each recording in an isolated worker process
  // (src/audit/analysis_worker.h); "" analyses in this process.
  std::string worker_executable = "/proc/self/exe";
  // `--shard K/N`: analyse only the recordings of that shard (src/audit/shard.h) into this store;
  // no rule runs, no report is written.
  std::optional<Shard> shard;
  // `xunkao merge`: shard stores whose media facts are brought into this store first; the run then
  // finds their recordings analysed and goes on as a plain audit.
  std::vector<std::filesystem::path> merge_from;
};

struct AuditOutcome {
  Status status;                 // cannot complete: the archive, the lock, the store (the run is marked failed)
  bool fail_on_matched = false;  // a new finding at or above --fail-on
  int64_t run_id = 0;
  std::filesystem::path report;
  int findings = 0;
  int new_findings = 0;
  int resolved = 0;
  std::map<std::string, int> by_rule;  // open findings of this run
};

AuditOutcome RunAudit(const AuditOptions& options);

}  // namespace xk
