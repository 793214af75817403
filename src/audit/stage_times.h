// The wall time of each stage of a run (open the store, read the records, list the recordings,
// analyse new ones, rules, save, reports), for the run's summary line in the log and for the
// nightly benchmark, which reads them from there.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace xk {

// The stage whose time a nightly run spends on its new recordings (probe, picture analysis,
// hash); the nightly benchmark sets it apart from the rest.
inline constexpr char kNewRecordingsStage[] = "分析新录像";

class StageTimes {
 public:
  StageTimes();
  // Ends the stage running since the previous call (or since construction) under `name`.
  void Finish(const std::string& name);
  // Splits `seconds` of the stage just finished off into a stage of its own, `name`, placed
  // after it (e.g. the analysis of new recordings inside the catalog stage).
  void SplitOff(const std::string& name, double seconds);

  double total() const;
  const std::vector<std::pair<std::string, double>>& stages() const { return stages_; }
  // "用时 2.31 s（打开数据库 0.01 s，读取记录 0.40 s，…）"
  std::string Summary() const;

 private:
  std::chrono::steady_clock::time_point mark_;
  std::vector<std::pair<std::string, double>> stages_;
};

}  // namespace xk
