// libFuzzer target: xunkao's own readers of container headers, which work on bytes libav never
// sees: the MPEG-PS pack/PES header walk and the MP4 top-level box walk. A crash, hang or
// sanitizer report is a bug: a damaged recording must give an error or a partial result.
// The bytes are written to a file in this process's folder under $TMPDIR (a tmpfs with
// tools/fuzz.sh, which builds and runs this target).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "src/media/mp4_boxes.h"
#include "src/media/ps_timestamps.h"
#include "tools/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = (xk::fuzz::ScratchFolder("media_headers_fuzz") / "recording.bin").string();
  xk::fuzz::WriteFile(path, std::string_view(reinterpret_cast<const char*>(data), size));
  xk::ProgramStreamTimestamps walked = xk::ReadProgramStreamTimestamps(path, 0xE0);
  xk::Mp4TopLevel layout = xk::ReadMp4TopLevel(path);
  return walked.values.size() > size || (xk::LooksLikeTruncatedMp4(layout) && !layout.is_iso_bmff) ? 0 : 0;
}
