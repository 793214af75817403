// Keeps libav's log off stderr and lets the media layer quote libav's own words in a reason.
// The first AvLogCapture (or QuietAvLog call) installs a process-wide log callback that drops
// every message except those logged, at error level or worse, on a thread where a capture is
// alive: those are collected by the innermost live capture of that thread. Captures nest and
// are per thread, so concurrent probes on different threads do not mix their messages.
#pragma once

#include <string>

namespace xk {

// Installs the quiet callback (idempotent, thread-safe). Nothing libav logs reaches stderr.
void QuietAvLog();

class AvLogCapture {
 public:
  AvLogCapture();
  ~AvLogCapture();
  AvLogCapture(const AvLogCapture&) = delete;
  AvLogCapture& operator=(const AvLogCapture&) = delete;

  // The error messages libav logged on this thread while this capture was innermost, without
  // trailing newlines and joined with "; " (repeats of the same message are kept once).
  std::string Text() const;

  // Called by the log callback; appends one (possibly partial) line.
  void Append(const std::string& piece);

 private:
  AvLogCapture* outer_;
  std::string text_;
  std::string pending_line_;
};

}  // namespace xk
