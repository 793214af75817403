#include "tools/bench/bench_support.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace xk::bench {

namespace fs = std::filesystem;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double CpuSeconds(const rusage& usage) {
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double SelfCpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return CpuSeconds(usage);
}

int64_t BytesReadSoFar() {
  std::ifstream in("/proc/self/io");
  std::string key;
  int64_t value = 0;
  while (in >> key >> value) {
    if (key == "rchar:") return value;
  }
  return 0;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double one = 0, five = 0, fifteen = 0;
  in >> one >> five >> fifteen;
  return fmt::format("{:.2f} {:.2f} {:.2f}", one, five, fifteen);
}

double LoadAverageOneMinute() {
  double load[3] = {0, 0, 0};
  if (::getloadavg(load, 3) < 0) return 0;
  return load[0];
}

fs::path XunkaoBesideThisProgram() { return fs::read_symlink("/proc/self/exe").parent_path() / "xunkao"; }

const char* Verdict(bool met) { return met ? "met" : "NOT MET"; }

ChildRun RunChild(const std::vector<std::string>& argv, const std::string& out, const std::string& err) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const auto start = Clock::now();
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err_fd = err == out ? out_fd : ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out_fd >= 0) ::dup2(out_fd, 1);
    if (err_fd >= 0) ::dup2(err_fd, 2);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  ChildRun run;
  run.wall = SecondsSince(start);
  run.cpu = CpuSeconds(usage);
  run.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

ChildRun RunInChild(const std::function<int()>& body) {
  ChildRun run;
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0) return run;
  std::fflush(stdout);
  const auto begin = Clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(pipe_ends[0]);
    ::dup2(pipe_ends[1], STDOUT_FILENO);
    ::close(pipe_ends[1]);
    const int status = body();
    std::fflush(stdout);
    ::_exit(status);
  }
  ::close(pipe_ends[1]);
  char buffer[4096];
  for (ssize_t got; (got = ::read(pipe_ends[0], buffer, sizeof(buffer))) > 0;)
    run.output.append(buffer, static_cast<size_t>(got));
  ::close(pipe_ends[0]);
  int status = 0;
  rusage usage{};
  if (pid < 0 || ::wait4(pid, &status, 0, &usage) < 0) return run;
  run.wall = SecondsSince(begin);
  run.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
  run.cpu = CpuSeconds(usage);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void LinkOrCopy(const fs::path& source, const fs::path& target) {
  std::error_code ec;
  fs::create_hard_link(source, target, ec);
  if (ec) fs::copy_file(source, target, fs::copy_options::overwrite_existing);
}

std::vector<std::string> WriteMissingRecordings(
    const std::vector<RecordingJob>& todo, int jobs,
    const std::function<void(const RecordingJob& job, double seconds)>& on_written) {
  std::atomic<size_t> next{0};
  std::mutex report;
  std::vector<std::string> errors(todo.size());
  auto work = [&] {
    for (size_t k = next++; k < todo.size(); k = next++) {
      const RecordingJob& job = todo[k];
      if (fs::exists(job.path)) continue;
      const auto start = Clock::now();
      const fs::path temporary = job.path.string() + ".part";
      errors[k] = WriteCctvVideo(temporary.string(), job.script);
      std::error_code ec;
      if (errors[k].empty()) fs::rename(temporary, job.path, ec);
      if (ec) errors[k] = job.path.string() + ": " + ec.message();
      if (errors[k].empty() && on_written) {
        std::lock_guard<std::mutex> lock(report);
        on_written(job, SecondsSince(start));
      }
    }
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < jobs; ++j) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
  std::vector<std::string> failed;
  for (auto& error : errors) {
    if (!error.empty()) failed.push_back(std::move(error));
  }
  return failed;
}

}  // namespace xk::bench
