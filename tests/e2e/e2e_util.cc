#include "tests/e2e/e2e_util.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace xk::e2e {
namespace {

// The folders FreshDir made for the running test: removed when it passes (a demo archive copy
// is 200 MB), kept when it fails so that what went wrong can be looked at.
std::vector<std::filesystem::path>& MadeForThisTest() {
  static std::vector<std::filesystem::path> made;
  return made;
}

class RemoveFoldersOfPassedTests : public ::testing::EmptyTestEventListener {
  void OnTestEnd(const ::testing::TestInfo& test) override {
    if (test.result()->Passed()) {
      std::error_code ec;
      for (const auto& dir : MadeForThisTest()) std::filesystem::remove_all(dir, ec);
    }
    MadeForThisTest().clear();
  }
};

[[maybe_unused]] const bool kListening = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new RemoveFoldersOfPassedTests);
  return true;
}();

}  // namespace

CommandResult RunXunkao(const std::string& arguments) {
  CommandResult result;
  std::string command = std::string(XUNKAO_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path FreshDir(const std::string& tag) {
  auto dir =
      std::filesystem::path(::testing::TempDir()) / ("xunkao-e2e-" + std::to_string(::getpid()) + "-" + tag + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  MadeForThisTest().push_back(dir);
  return dir;
}

}  // namespace xk::e2e
