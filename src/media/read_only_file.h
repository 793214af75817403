// A file descriptor opened read-only, closed when the object goes away, with the two reads the
// media layer's own parsers need: positioned reads and sequential reads into a buffer.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace xk {

class ReadOnlyFile {
 public:
  explicit ReadOnlyFile(const std::string& path);
  ~ReadOnlyFile();
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  // Size in bytes (fstat), or -1.
  int64_t Size() const;
  // Up to `size` bytes at `offset`; the count read, 0 at end of file, -1 on error (errno set).
  ssize_t ReadAt(void* buffer, size_t size, int64_t offset) const;

 private:
  int fd_;
};

}  // namespace xk
