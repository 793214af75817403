#include "src/media/read_only_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace xk {

ReadOnlyFile::ReadOnlyFile(const std::string& path)
    : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) {}

ReadOnlyFile::~ReadOnlyFile() {
  if (fd_ >= 0) ::close(fd_);
}

int64_t ReadOnlyFile::Size() const {
  struct stat status;
  if (fd_ < 0 || ::fstat(fd_, &status) != 0) return -1;
  return status.st_size;
}

ssize_t ReadOnlyFile::ReadAt(void* buffer, size_t size, int64_t offset) const {
  for (;;) {
    ssize_t got = ::pread(fd_, buffer, size, offset);
    if (got >= 0 || errno != EINTR) return got;
  }
}

}  // namespace xk
