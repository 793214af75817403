// One audit per database at a time: an exclusive flock on "<db>.lock". The kernel drops the lock
// when the process dies (even by kill -9), so a killed run never blocks the next one.
#pragma once

#include <string>

namespace xk {

class RunLock {
 public:
  // Tries to take the lock; held() says whether it succeeded.
  explicit RunLock(const std::string& database_path);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  bool held() const { return fd_ >= 0 && held_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  bool held_ = false;
};

}  // namespace xk
