// Progress for long work: a one-line bar with ETA on a terminal (stderr is a TTY), nothing in
// cron. Logs go to stderr either way.
#pragma once

#include <chrono>
#include <string>

namespace xk {

class Progress {
 public:
  explicit Progress(bool enabled);
  // Starts a stage of `total` units (files).
  void Begin(const std::string& what, int64_t total);
  void Advance(int64_t done, double video_hours);
  void End();
  bool enabled() const { return enabled_; }

 private:
  bool enabled_;
  std::string what_;
  int64_t total_ = 0;
  std::chrono::steady_clock::time_point started_;
};

// True when stderr is a terminal.
bool StderrIsTerminal();

}  // namespace xk
