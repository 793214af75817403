// libFuzzer target: recording name patterns and the paths they match (src/audit/recording_name.h).
// The input is split at its newlines: the last piece is the path under video/, the pieces before
// it (at most four) are the patterns, in priority order; an input without a newline is a path
// matched against the default layout. Each pattern goes to RecordingPatternError, the list to a
// RecordingNameMatcher, whose Match runs on the path.
// Contracts checked besides "no crash, leak or hang" (the Pike VM must stay linear, so a hang is a
// bug too): a pattern RecordingPatternError refuses never matches; the matcher's answer is that of
// the first pattern that matches alone; a match has a non-empty room and camera without '/'.
// Built and run by tools/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/audit/recording_name.h"
#include "tools/fuzz/fuzz_support.h"

namespace {

using xk::fuzz::FuzzCheck;

bool SameName(const std::optional<xk::RecordingName>& a, const std::optional<xk::RecordingName>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->room == b->room && a->camera == b->camera && a->start == b->start && a->end == b->end;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string_view> pieces =
      xk::fuzz::SplitOn(std::string_view(reinterpret_cast<const char*>(data), size), '\n');
  const std::string path(pieces.back());
  std::vector<std::string> patterns;
  for (size_t i = 0; i + 1 < pieces.size() && i < 4; ++i) patterns.emplace_back(pieces[i]);
  if (patterns.empty()) patterns.emplace_back(xk::kDefaultRecordingPattern);

  static const xk::TimeZone zone;
  const std::optional<xk::RecordingName> name = xk::RecordingNameMatcher(patterns).Match(path, zone);
  if (name) {
    FuzzCheck(!name->room.empty() && name->room.find('/') == std::string::npos, "a matched room is one name");
    FuzzCheck(!name->camera.empty() && name->camera.find('/') == std::string::npos, "a matched camera is one name");
  }
  std::optional<xk::RecordingName> first;
  for (const std::string& pattern : patterns) {
    const bool refused = xk::RecordingPatternError(pattern).has_value();
    const std::optional<xk::RecordingName> alone = xk::RecordingNameMatcher({pattern}).Match(path, zone);
    FuzzCheck(!(refused && alone), "a refused pattern never matches");
    if (!first && alone) first = alone;
  }
  FuzzCheck(SameName(name, first), "the matcher answers as the first pattern that matches alone");
  return 0;
}
