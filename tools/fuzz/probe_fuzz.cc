// libFuzzer target: the media probe, ProbeRecording (src/media/probe.h) with the default
// InputLimits, on a recording held in memory: the fuzzer's bytes are written to a memfd and
// probed as /proc/self/fd/N (a regular file to stat and open, no disk). This is the whole path an
// archive recording takes: the MP4 box walk, libav's container recognition and demuxers (MP4
// index, MPEG-PS header walk, packet scan of MPEG-TS and Matroska), the timestamp coverage.
// libav itself is not instrumented (its coverage does not guide the fuzzer), xunkao's code is.
// Contracts checked besides "no crash, leak or hang" (ProbeRecording promises never to crash or
// throw): an unreadable file has a reason; a readable one has frames and a finite, non-negative
// duration and covered stretches with start <= end.
//
// Known finding: a fragmented MP4 whose trun box claims tens of millions of samples makes libav
// allocate its stream index for all of them while opening the file (956 bytes claiming 83,886,080
// samples: one 2 GiB allocation, past -rss_limit_mb; tools/fuzz/crashes/probe_fuzz-trun-index-2gib),
// before xunkao's packets_max_per_file can be checked. With XUNKAO_FUZZ_IGNORE holding
// "libav trun sample count", inputs holding a "trun" whose sample count exceeds the input's size
// are skipped so that the fuzzer can look for other problems.
// Built and run by tools/fuzz.sh.
#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "records/input_limits.h"
#include "src/media/probe.h"
#include "tools/fuzz/fuzz_support.h"

namespace {

using xk::fuzz::FuzzCheck;

// The memfd that holds the current input, made once.
int MemoryFile() {
  static const int fd = [] {
    const int made = ::memfd_create("xunkao-probe-fuzz", MFD_CLOEXEC);
    if (made < 0) {
      std::perror("memfd_create");
      std::abort();
    }
    return made;
  }();
  return fd;
}

void Replace(int fd, const uint8_t* data, size_t size) {
  if (::ftruncate(fd, 0) != 0) std::abort();
  size_t written = 0;
  while (written < size) {
    const ssize_t got = ::pwrite(fd, data + written, size - written, static_cast<off_t>(written));
    if (got <= 0) std::abort();
    written += static_cast<size_t>(got);
  }
}

// Whether `bytes` hold a "trun" box header claiming more samples than there are bytes.
bool ClaimsImpossibleTrun(std::string_view bytes) {
  for (size_t at = bytes.find("trun"); at != std::string_view::npos; at = bytes.find("trun", at + 1)) {
    if (at + 12 > bytes.size()) break;
    const auto* count = reinterpret_cast<const unsigned char*>(bytes.data() + at + 8);  // after version + flags
    const uint32_t samples =
        (uint32_t{count[0]} << 24) | (uint32_t{count[1]} << 16) | (uint32_t{count[2]} << 8) | count[3];
    if (samples > bytes.size()) return true;
  }
  return false;
}

bool IgnoringTrunClaims() {
  static const bool ignoring = [] {
    const char* value = std::getenv("XUNKAO_FUZZ_IGNORE");
    return value != nullptr && std::string_view(value).find("libav trun sample count") != std::string_view::npos;
  }();
  return ignoring;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (IgnoringTrunClaims() && ClaimsImpossibleTrun(std::string_view(reinterpret_cast<const char*>(data), size)))
    return 0;
  const int fd = MemoryFile();
  Replace(fd, data, size);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  static const xk::InputLimits limits;
  const xk::MediaProbe probe = xk::ProbeRecording(path, limits);
  if (probe.unreadable != xk::UnreadableKind::kNone) {
    FuzzCheck(!probe.reason.empty(), "an unreadable recording has a reason");
    return 0;
  }
  FuzzCheck(probe.frames > 0, "a readable recording has frames");
  FuzzCheck(std::isfinite(probe.duration) && probe.duration >= 0, "a readable recording has a finite duration >= 0");
  for (const xk::MediaInterval& stretch : probe.covered) {
    FuzzCheck(std::isfinite(stretch.start) && std::isfinite(stretch.end) && stretch.start <= stretch.end,
              "a covered stretch has start <= end");
  }
  return 0;
}
