#include "src/audit/analysis_worker.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "src/audit/probe_wire.h"

#if defined(__SANITIZE_ADDRESS__)
#define XK_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XK_ADDRESS_SANITIZER 1
#endif
#endif

namespace xk {

namespace {

constexpr size_t kMaxAnswerBytes = size_t{512} << 20;  // a thorough hour of 25 fps is ~5 MB

MediaProbe Failed(std::string reason) {
  MediaProbe probe;
  probe.unreadable = UnreadableKind::kCorrupt;
  probe.reason = std::move(reason);
  return probe;
}

// The test-only fault hook: "crash:TEXT" and friends.
void InjectFault(const std::string& shown) {
  const char* fault = std::getenv("XUNKAO_TEST_WORKER_FAULT");
  if (fault == nullptr) return;
  const std::string spec(fault);
  const size_t colon = spec.find(':');
  if (colon == std::string::npos || shown.find(spec.substr(colon + 1)) == std::string::npos) return;
  const std::string kind = spec.substr(0, colon);
  if (kind == "crash") std::abort();
  if (kind == "hang") {
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  if (kind == "garbage") {
    std::cout << "this is not an answer\n" << std::flush;
    std::exit(0);
  }
  if (kind == "oom") {
    std::vector<std::vector<char>> hog;
    for (;;) hog.emplace_back(size_t{32} << 20, 'x');  // touched: resident
  }
}

bool WriteAll(int fd, const std::string& bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t got = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    written += static_cast<size_t>(got);
  }
  return true;
}

}  // namespace

int RunAnalysisWorker(const std::string& spec_wire) {
  const std::optional<AnalysisSpec> spec = SpecFromWire(spec_wire);
  if (!spec) {
    std::cerr << "xunkao analysis-worker: unreadable specification\n";
    return 2;
  }
  // Each keyframe is decoded on a decoder opened afresh (src/media/keyframe_decoders.h): its
  // picture buffers and tables, megabytes at 1080p, glibc would map and unmap page by page each
  // time (a tenth more time). Freed memory stays in the worker instead; setrlimit caps it.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  std::string line;
  while (std::getline(std::cin, line)) {
    std::string absolute, shown;
    if (!RequestFromWire(line, &absolute, &shown)) return 2;
    InjectFault(shown);
    std::cout << ProbeToWire(AnalyseRecording(absolute, shown, *spec)) << '\n' << std::flush;
  }
  return 0;
}

AnalysisWorker::AnalysisWorker(std::string executable, const AnalysisSpec& spec)
    : executable_(std::move(executable)), spec_wire_(SpecToWire(spec)), limits_(spec.limits) {
  // A worker that died leaves its stdin pipe without a reader: the write must fail, not kill
  // the audit with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
}

AnalysisWorker::~AnalysisWorker() { Stop(false); }

bool AnalysisWorker::Start(std::string* error) {
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0) {
    *error = std::strerror(errno);
    return false;
  }
  if (::pipe2(from, O_CLOEXEC) != 0) {
    *error = std::strerror(errno);
    ::close(to[0]);
    ::close(to[1]);
    return false;
  }
  // Everything the child needs is made before fork: between fork and exec it may only call
  // async-signal-safe functions (other threads of the audit hold locks).
  std::vector<std::string> arguments = {executable_, "analysis-worker", spec_wire_};
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const rlim_t address_space = static_cast<rlim_t>(limits_.worker_memory_mib) * 2 * (1 << 20) + (rlim_t{1} << 30);
  const pid_t pid = ::fork();
  if (pid < 0) {
    *error = std::strerror(errno);
    for (int fd : {to[0], to[1], from[0], from[1]}) ::close(fd);
    return false;
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(to[0], STDIN_FILENO);
    ::dup2(from[1], STDOUT_FILENO);
    struct rlimit no_core = {0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
#ifndef XK_ADDRESS_SANITIZER
    struct rlimit memory = {address_space, address_space};
    ::setrlimit(RLIMIT_AS, &memory);
#else
    (void)address_space;
#endif
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(to[0]);
  ::close(from[1]);
  pid_ = pid;
  to_worker_ = to[1];
  from_worker_ = from[0];
  pending_.clear();
  return true;
}

void AnalysisWorker::Stop(bool kill) {
  if (pid_ < 0) return;
  ::close(to_worker_);
  ::close(from_worker_);
  to_worker_ = from_worker_ = -1;
  if (kill) ::kill(pid_, SIGKILL);
  // A healthy worker ends when its stdin closes; give it a moment, then make sure.
  int status = 0;
  for (int waited = 0; ::waitpid(pid_, &status, kill ? 0 : WNOHANG) == 0; ++waited) {
    if (waited >= 200) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

int64_t AnalysisWorker::ResidentBytes() const {
  std::ifstream statm("/proc/" + std::to_string(pid_) + "/statm");
  int64_t size_pages = 0, resident_pages = 0;
  statm >> size_pages >> resident_pages;
  return resident_pages * ::sysconf(_SC_PAGESIZE);
}

MediaProbe AnalysisWorker::Analyse(const std::string& absolute, const std::string& shown, int64_t size_bytes) {
  std::string error;
  if (pid_ < 0 && !Start(&error)) {
    return Failed(fmt::format("{}: 无法启动录像分析进程（{}），未分析 (cannot start the analysis process: {})", shown,
                              error, error));
  }
  const double allowed_seconds =
      static_cast<double>(limits_.worker_seconds_base) +
      static_cast<double>(limits_.worker_seconds_per_gib) * static_cast<double>(size_bytes) / (1 << 30);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(allowed_seconds);
  const int64_t memory_limit = limits_.worker_memory_mib << 20;

  if (!WriteAll(to_worker_, RequestToWire(absolute, shown) + "\n")) {
    // The worker died between files; a fresh one gets this file.
    Stop(true);
    if (!Start(&error) || !WriteAll(to_worker_, RequestToWire(absolute, shown) + "\n")) {
      Stop(true);
      return Failed(
          fmt::format("{}: 无法把文件交给录像分析进程，未分析 (cannot hand the file to the analysis process)", shown));
    }
  }
  char buffer[1 << 16];
  for (;;) {
    const size_t line_end = pending_.find('\n');
    if (line_end != std::string::npos) {
      std::string line = pending_.substr(0, line_end);
      pending_.erase(0, line_end + 1);
      if (std::optional<MediaProbe> probe = ProbeFromWire(line)) return std::move(*probe);
      Stop(true);
      return Failed(
          fmt::format("{}: 录像分析进程返回了无法识别的结果，该文件未能分析 (the analysis process answered "
                      "garbage for this file)",
                      shown));
    }
    if (pending_.size() > kMaxAnswerBytes) {
      Stop(true);
      return Failed(fmt::format("{}: 录像分析进程的结果超过 {} MiB，该文件未能分析 (the analysis answer is too large)",
                                shown, kMaxAnswerBytes >> 20));
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      Stop(true);
      return Failed(
          fmt::format("{}: 分析超时：{:.0f} 秒内未完成，分析进程已终止（时限 = worker_seconds_base + 每 GiB "
                      "worker_seconds_per_gib；{}） (analysis timed out after {:.0f} s; the worker was killed)",
                      shown, allowed_seconds, LimitHint("worker_seconds_base"), allowed_seconds));
    }
    if (ResidentBytes() > memory_limit) {
      Stop(true);
      return Failed(
          fmt::format("{}: 分析进程内存超过上限 worker_memory_mib = {} MiB，已终止（{}） (the analysis "
                      "process used more than worker_memory_mib = {} MiB and was killed)",
                      shown, limits_.worker_memory_mib, LimitHint("worker_memory_mib"), limits_.worker_memory_mib));
    }
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    pollfd watch = {from_worker_, POLLIN, 0};
    const int ready = ::poll(&watch, 1, static_cast<int>(std::min<int64_t>(100, remaining + 1)));
    if (ready < 0 && errno != EINTR) {
      Stop(true);
      return Failed(fmt::format("{}: 等待分析进程时出错（{}） (error waiting for the analysis process)", shown,
                                std::strerror(errno)));
    }
    if (ready <= 0) continue;
    const ssize_t got = ::read(from_worker_, buffer, sizeof buffer);
    if (got > 0) {
      pending_.append(buffer, static_cast<size_t>(got));
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    // End of file: the worker is gone. How?
    int status = 0;
    ::close(to_worker_);
    ::close(from_worker_);
    to_worker_ = from_worker_ = -1;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (WIFSIGNALED(status)) {
      const int signal_number = WTERMSIG(status);
      return Failed(
          fmt::format("{}: 分析进程崩溃（信号 {} {}），该文件可能损坏或被特意构造 (the analysis process "
                      "crashed on this file: signal {} {})",
                      shown, signal_number, ::strsignal(signal_number), signal_number, ::strsignal(signal_number)));
    }
    return Failed(
        fmt::format("{}: 分析进程意外退出（退出码 {}），该文件未能分析 (the analysis process exited with "
                    "status {} on this file)",
                    shown, WEXITSTATUS(status), WEXITSTATUS(status)));
  }
}

}  // namespace xk
