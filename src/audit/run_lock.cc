#include "src/audit/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace xk {

RunLock::RunLock(const std::string& database_path) : path_(database_path + ".lock") {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ >= 0) held_ = ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace xk
