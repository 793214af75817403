#include "src/media/av_log_capture.h"

#include <cstdarg>
#include <cstdio>
#include <mutex>

extern "C" {
#include <libavutil/log.h>
}

namespace xk {

namespace {

thread_local AvLogCapture* current_capture = nullptr;

void RouteAvLog(void* /*avcl*/, int level, const char* format, va_list args) {
  if (level > AV_LOG_ERROR || current_capture == nullptr) return;
  char line[1024];
  std::vsnprintf(line, sizeof(line), format, args);
  current_capture->Append(line);
}

}  // namespace

void QuietAvLog() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    av_log_set_level(AV_LOG_ERROR);
    av_log_set_callback(RouteAvLog);
  });
}

AvLogCapture::AvLogCapture() : outer_(current_capture) {
  QuietAvLog();
  current_capture = this;
}

AvLogCapture::~AvLogCapture() { current_capture = outer_; }

void AvLogCapture::Append(const std::string& piece) {
  pending_line_ += piece;
  size_t newline;
  while ((newline = pending_line_.find('\n')) != std::string::npos) {
    std::string line = pending_line_.substr(0, newline);
    pending_line_.erase(0, newline + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || text_.find(line) != std::string::npos) continue;
    if (!text_.empty()) text_ += "; ";
    text_ += line;
  }
}

std::string AvLogCapture::Text() const {
  if (pending_line_.empty() || text_.find(pending_line_) != std::string::npos) return text_;
  return text_.empty() ? pending_line_ : text_ + "; " + pending_line_;
}

}  // namespace xk
