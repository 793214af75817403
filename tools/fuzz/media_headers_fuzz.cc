// libFuzzer target: xunkao's own readers of container headers, which work on bytes libav never
// sees: the MPEG-PS pack/PES header walk and the MP4 top-level box walk. A crash, hang or
// sanitizer report is a bug: a damaged recording must give an error or a partial result.
// Built and run by tools/fuzz/run.sh.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "src/media/mp4_boxes.h"
#include "src/media/ps_timestamps.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/xunkao-media-fuzz-" + std::to_string(::getpid()) + ".bin";
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  xk::ProgramStreamTimestamps walked = xk::ReadProgramStreamTimestamps(path, 0xE0);
  xk::Mp4TopLevel layout = xk::ReadMp4TopLevel(path);
  return walked.values.size() > size || (xk::LooksLikeTruncatedMp4(layout) && !layout.is_iso_bmff) ? 0 : 0;
}
