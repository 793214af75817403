// Small helpers shared by the libFuzzer targets of tools/fuzz (header-only: each target is one
// .cc plus the product code it feeds). A target checks the contracts its header states with
// FuzzCheck, so a broken promise (not only a crash) stops the fuzzer with the input that broke it.
// A contract already reported and awaiting its fix can be skipped for a run, so that the fuzzer
// goes on looking for other problems: XUNKAO_FUZZ_IGNORE="text of contract 1;text of contract 2".
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace xk::fuzz {

// A folder of this process under $TMPDIR (tools/fuzz.sh points it at a tmpfs), made on first use
// and removed when the process exits normally (a crash leaves it; tools/fuzz.sh removes $TMPDIR).
inline const std::filesystem::path& ScratchFolder(const char* target) {
  static const std::filesystem::path folder = [target] {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / (std::string("xunkao-") + target + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path;
  }();
  static const bool removed_at_exit = [] {
    return std::atexit([] {
             std::error_code ignored;
             std::filesystem::remove_all(folder, ignored);
           }) == 0;
  }();
  (void)removed_at_exit;
  return folder;
}

inline void WriteFile(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// `bytes` cut at every `separator`; the pieces in order (n separators give n + 1 pieces).
inline std::vector<std::string_view> SplitOn(std::string_view bytes, char separator) {
  std::vector<std::string_view> pieces;
  for (;;) {
    const size_t at = bytes.find(separator);
    pieces.push_back(bytes.substr(0, at));
    if (at == std::string_view::npos) return pieces;
    bytes.remove_prefix(at + 1);
  }
}

// Stops the run (libFuzzer saves the input as a crash) when a stated contract does not hold.
inline void FuzzCheck(bool holds, const char* contract) {
  if (holds) return;
  static const std::string ignored = [] {
    const char* value = std::getenv("XUNKAO_FUZZ_IGNORE");
    return std::string(value == nullptr ? "" : value);
  }();
  for (std::string_view entry : SplitOn(ignored, ';')) {
    if (!entry.empty() && entry == contract) return;
  }
  std::fprintf(stderr, "CONTRACT BROKEN: %s\n", contract);
  std::abort();
}

}  // namespace xk::fuzz
