#include "src/cli/malloc_pages.h"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace xk {

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kGlibcMalloc = false;
#else
constexpr bool kGlibcMalloc = true;
#endif

constexpr std::string_view kTunable = "glibc.malloc.hugetlb";

}  // namespace

std::optional<std::string> TunablesWithLargePages(const char* current) {
  std::string tunables = current ? current : "";
  if (tunables.find(kTunable) != std::string::npos) return std::nullopt;
  tunables += tunables.empty() ? "" : ":";
  tunables += std::string(kTunable) + "=1";
  return tunables;
}

void ReexecWithLargeMallocPages(int argc, char** argv) {
  if (!kGlibcMalloc || argc < 2 || std::string_view(argv[1]) != "audit") return;
  // Once set (by us or by the user) it is never set again: no loop.
  const std::optional<std::string> tunables = TunablesWithLargePages(std::getenv("GLIBC_TUNABLES"));
  if (!tunables || setenv("GLIBC_TUNABLES", tunables->c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // execv failed (no /proc): go on with the pages we have.
}

}  // namespace xk
