#include "src/audit/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace xk {

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool enabled) : enabled_(enabled) {}

void Progress::Begin(const std::string& what, int64_t total) {
  what_ = what;
  total_ = total;
  started_ = std::chrono::steady_clock::now();
}

void Progress::Advance(int64_t done, double video_hours) {
  if (!enabled_ || total_ <= 0) return;
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  double eta = done > 0 ? elapsed * static_cast<double>(total_ - done) / static_cast<double>(done) : 0;
  int width = 30;
  int filled = static_cast<int>(width * done / total_);
  fmt::print(stderr, "\r{} [{}{}] {}/{} 个文件，{:.1f} 小时录像，剩余约 {:.0f} 秒 ", what_, std::string(filled, '#'),
             std::string(width - filled, '.'), done, total_, video_hours, eta);
  std::fflush(stderr);
}

void Progress::End() {
  if (enabled_ && total_ > 0) fmt::print(stderr, "\n");
}

}  // namespace xk
