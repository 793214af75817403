// libFuzzer target: the archive's audit.toml. The fuzzer's bytes are written as audit.toml of a
// fixed archive folder (under $TMPDIR, a tmpfs with tools/fuzz.sh) and read with LoadAuditConfig
// (records/audit_config.h): toml++ parsing, unknown sections, [thresholds], [limits],
// [[syllabus]], timezone, [recordings] name_patterns. The patterns it keeps then go where the
// pipeline sends them: RecordingPatternError and a RecordingNameMatcher run on a few paths
// (src/audit/recording_name.h).
// tools/fuzz.sh compiles records/audit_config.cc with toml++ header-only (the same toml++ source
// the program links as a library) so that the parser is instrumented and guides the fuzzer.
// Contracts checked besides "no crash, leak or hang": every limit in force lies within its
// documented range (an out-of-range value is refused, the default stays).
//
// Known finding in toml++ 3.3.0 (the version the program links): a code point in U+00A1..U+0499
// or U+FB26..U+FEFE where the parser looks for white space reaches TOML_UNREACHABLE in
// is_non_ascii_horizontal_whitespace (undefined behaviour; toml++ issues #190 and #295, fixed
// upstream by PR #305; reproducer tools/fuzz/crashes/toml_fuzz-tomlpp-unreachable-whitespace).
// With XUNKAO_FUZZ_IGNORE holding "toml++ 3.3.0 unreachable", inputs holding such a code point
// are skipped so that the fuzzer can look for other problems.
// Built and run by tools/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "records/audit_config.h"
#include "records/input_limits.h"
#include "src/audit/recording_name.h"
#include "tools/fuzz/fuzz_support.h"

namespace {

// Whether `bytes` hold (as UTF-8, leniently decoded) a code point that toml++ 3.3.0's white
// space test does not handle; see the header.
bool HoldsTomlppUnreachableCodePoint(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0xC2 || lead > 0xEF) continue;
    const size_t length = lead < 0xE0 ? 2 : 3;
    if (i + length > bytes.size()) return false;
    char32_t code = lead & (length == 2 ? 0x1F : 0x0F);
    for (size_t k = 1; k < length; ++k) code = (code << 6) | (static_cast<unsigned char>(bytes[i + k]) & 0x3F);
    if ((code >= 0xA1 && code <= 0x499) || (code >= 0xFB26 && code <= 0xFEFE)) return true;
  }
  return false;
}

bool IgnoringTomlppUnreachable() {
  static const bool ignoring = [] {
    const char* value = std::getenv("XUNKAO_FUZZ_IGNORE");
    return value != nullptr && std::string_view(value).find("toml++ 3.3.0 unreachable") != std::string_view::npos;
  }();
  return ignoring;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (IgnoringTomlppUnreachable() && HoldsTomlppUnreachableCodePoint(bytes)) return 0;
  const std::filesystem::path& archive = xk::fuzz::ScratchFolder("toml_fuzz");
  xk::fuzz::WriteFile(archive / "audit.toml", bytes);
  std::vector<xk::LoadIssue> issues;
  const xk::AuditConfig config = xk::LoadAuditConfig(archive, std::nullopt, &issues);

  for (const xk::InputLimitInfo& limit : xk::DescribeInputLimits(config.policy.limits)) {
    xk::fuzz::FuzzCheck(limit.minimum <= limit.value && limit.value <= limit.maximum,
                        "LoadAuditConfig keeps every limit within its range");
  }
  for (const std::string& pattern : config.recording_name_patterns) xk::RecordingPatternError(pattern);
  const xk::RecordingNameMatcher matcher(config.recording_name_patterns);
  for (const char* path :
       {"A/1/20220415/091000.mp4", "考场一/ch01/ch01_20220415090000_20220415093000.mp4", "B/ch02/clip.dav"}) {
    matcher.Match(path, config.policy.zone);
  }
  return 0;
}
