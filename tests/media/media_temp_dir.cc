#include "tests/media/media_temp_dir.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <vector>

namespace xk {

MediaTempDir::MediaTempDir() {
  std::string pattern = testing::TempDir() + "xunkao_media_XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) {
    ADD_FAILURE() << "cannot create a temporary directory from " << pattern;
    return;
  }
  path_ = buffer.data();
}

MediaTempDir::~MediaTempDir() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string MediaTempDir::File(const std::string& name) const { return path_ + "/" + name; }

}  // namespace xk
