// Media analysis isolated per file. Probing, timestamp scanning and picture analysis run libav
// on bytes the audited institution wrote; a crafted or damaged recording may crash or hang a
// demuxer or decoder. So the audit hands each new recording to a worker process — the xunkao
// binary itself, re-executed as `xunkao analysis-worker SPEC` and fed over a pipe — and a worker
// that crashes, is killed for time or memory, or answers garbage costs that one file (reported
// as EXM-VIDEO-UNREADABLE with the reason), never the run.
//
// A worker lives for many files (starting one per file would cost more than analysing a small
// one); after a failure the next file gets a new one. Each file has a wall-clock limit of
// worker_seconds_base + worker_seconds_per_gib per GiB of the file, and each worker a memory
// limit of worker_memory_mib (resident memory, watched by the audit; and RLIMIT_AS in the worker
// where no sanitizer reserves address space). A worker dies with the audit (PR_SET_PDEATHSIG).
#pragma once

#include <sys/types.h>

#include <string>

#include "records/input_limits.h"
#include "records/media_facts.h"
#include "src/audit/recording_analysis.h"

namespace xk {

// The worker's side: reads requests on stdin and answers on stdout until stdin closes. Returns
// the process exit status. For tests, XUNKAO_TEST_WORKER_FAULT=crash|hang|garbage|oom:TEXT makes
// the worker fail that way on every file whose name contains TEXT.
int RunAnalysisWorker(const std::string& spec_wire);

// The audit's side: one worker process at a time, used by one thread.
class AnalysisWorker {
 public:
  // `executable`: the xunkao binary ("/proc/self/exe" in the audit).
  AnalysisWorker(std::string executable, const AnalysisSpec& spec);
  ~AnalysisWorker();
  AnalysisWorker(const AnalysisWorker&) = delete;
  AnalysisWorker& operator=(const AnalysisWorker&) = delete;

  // The file's facts, as AnalyseRecording(absolute, shown, spec) gives them; when the worker
  // fails on it, an unreadable (corrupt) probe whose reason says how (crash, time, memory).
  MediaProbe Analyse(const std::string& absolute, const std::string& shown, int64_t size_bytes);

 private:
  bool Start(std::string* error);
  // Ends the worker: politely (stdin closed) when it is healthy, SIGKILL when not.
  void Stop(bool kill);
  int64_t ResidentBytes() const;

  std::string executable_;
  std::string spec_wire_;
  InputLimits limits_;
  pid_t pid_ = -1;
  int to_worker_ = -1;
  int from_worker_ = -1;
  std::string pending_;  // bytes read past the last answer line
};

}  // namespace xk
