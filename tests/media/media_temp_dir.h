// A fresh temporary directory for one test suite's generated recordings, removed with all its
// files when the object goes away.
#pragma once

#include <string>

namespace xk {

class MediaTempDir {
 public:
  MediaTempDir();
  ~MediaTempDir();
  MediaTempDir(const MediaTempDir&) = delete;
  MediaTempDir& operator=(const MediaTempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string File(const std::string& name) const;

 private:
  std::string path_;
};

}  // namespace xk
