// What the benchmark programs (tools/bench/*_bench.cc) share: timing (wall and CPU seconds,
// medians), child processes measured as a whole (wall, CPU and peak RSS from wait4), the state of
// the machine (load average, bytes read), small file helpers for the archives they generate and
// cache between runs, the recordings written once under a temporary name, and how a target is
// reported. Figures are printed by the programs, never asserted: a benchmark is not a test.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "tools/demo/cctv_video.h"

namespace xk::bench {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start);

// The median of `values` (the mean of the middle two for an even count); 0 when empty.
double Median(std::vector<double> values);

// User plus system time of `usage`.
double CpuSeconds(const rusage& usage);
// User plus system time of this process so far (all threads).
double SelfCpuSeconds();

// Bytes this process has read through read(2)/pread(2) so far (/proc/self/io rchar); 0 when
// unknown.
int64_t BytesReadSoFar();

// The 1, 5 and 15 minute load averages as "0.52 0.61 0.70".
std::string LoadAverage();
// The 1 minute load average; 0 when unknown.
double LoadAverageOneMinute();

// The xunkao binary next to the running benchmark (both are built into the same folder).
std::filesystem::path XunkaoBesideThisProgram();

// "met" or "NOT MET", as the benchmarks report their targets.
const char* Verdict(bool met);

// ---------------------------------------------------------------- child processes

struct ChildRun {
  int exit_code = -1;  // the exit status; 128 + the signal when killed; -1 when it could not run
  double wall = 0;     // seconds
  double cpu = 0;      // user + system seconds of the child, all its threads
  double peak_rss_mib = 0;
  std::string output;  // its standard output (RunInChild only)
};

// Runs argv[0] (searched in PATH when it has no '/') with its standard output to the file `out`
// and its standard error to `err` (truncated; the same file once when both name it), and
// measures it.
ChildRun RunChild(const std::vector<std::string>& argv, const std::string& out = "/dev/null",
                  const std::string& err = "/dev/null");

// Runs `body` in a forked child (its return value the exit status), capturing its standard
// output, and measures it: the child's peak RSS is its own, not the benchmark's.
ChildRun RunInChild(const std::function<int()>& body);

// ---------------------------------------------------------------- files

// The whole file; "" when it cannot be read (a cache marker not written yet).
std::string ReadText(const std::filesystem::path& path);
// Writes `text` to `path`, creating its folder. Throws std::runtime_error naming the file.
void WriteText(const std::filesystem::path& path, const std::string& text);
// A hard link of `source` at `target`, or a copy where links are not possible.
void LinkOrCopy(const std::filesystem::path& source, const std::filesystem::path& target);

// A generated recording: where it goes and what it shows.
struct RecordingJob {
  std::filesystem::path path;
  CctvScript script;
};

// Writes every recording of `todo` that is not there yet, `jobs` at a time, each under a
// temporary name renamed into place when complete, so an interrupted generation resumes and
// never leaves a half-written file under the real name. `on_written` (when given) is called after
// each file written, one call at a time, with the seconds it took. Returns one message per file
// that failed.
std::vector<std::string> WriteMissingRecordings(
    const std::vector<RecordingJob>& todo, int jobs,
    const std::function<void(const RecordingJob& job, double seconds)>& on_written = nullptr);

}  // namespace xk::bench
