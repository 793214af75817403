// The base of the loader tests: a fresh archive folder for each test (under gtest's TempDir,
// named by the test), a way to write its files as an institution exported them, and a look for
// the load issue that names a file, line and column.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "records/model.h"
#include "records/policy.h"

namespace xk {

class ArchiveFolderTest : public ::testing::Test {
 protected:
  // `prefix` names the folders of one test file ("loader", "bureau", ...).
  explicit ArchiveFolderTest(std::string prefix) : prefix_(std::move(prefix)) {}

  void SetUp() override {
    root_ =
        std::filesystem::path(::testing::TempDir()) / (prefix_ + "-" + std::to_string(::getpid()) + "-" +
                                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  // Writes `bytes` as they are to `relative` (its folders made).
  void Write(const std::string& relative, const std::string& bytes) {
    std::filesystem::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative, std::ios::binary | std::ios::trunc) << bytes;
  }

  // Whether a load issue names `file` at `line` and `column` (any column when "").
  static bool HasIssue(const ArchiveModel& model, const std::string& file, int line, const std::string& column) {
    for (const auto& issue : model.issues) {
      if (issue.file == file && issue.line == line && (column.empty() || issue.column == column)) return true;
    }
    return false;
  }

  std::filesystem::path root_;
  AuditPolicy policy_;

 private:
  std::string prefix_;
};

}  // namespace xk
