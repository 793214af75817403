// Helpers for end-to-end tests: run the real xunkao binary and read what it wrote.
#pragma once

#include <filesystem>
#include <string>

namespace xk::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs XUNKAO_BINARY with `arguments` (already shell-quoted), waits, returns its exit code.
CommandResult RunXunkao(const std::string& arguments);
std::string ReadFile(const std::filesystem::path& path);
// `path` in single quotes, for RunXunkao's arguments (test paths hold no quote).
inline std::string Quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }
// A fresh empty directory under the test temp dir, named after the running test; removed when
// the test passes, kept when it fails.
std::filesystem::path FreshDir(const std::string& tag);

}  // namespace xk::e2e
