// Recordings crafted for the hostile catalogue from a real sample: remuxed with libav (stream
// copy: many streams, odd metadata, the index first) and patched at the byte level (an index that
// promises two thousand million samples).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace xk::hostile {

struct Remux {
  std::string format = "mp4";                   // libav muxer name
  int copies = 1;                               // the video stream written this many times (streams in the output)
  std::map<std::string, std::string> metadata;  // container metadata, e.g. creation_time
  std::string movflags;                         // e.g. "faststart" (moov before mdat)
};

// Writes `output` from `input` as `remux` says. Returns "" or what failed.
std::string RemuxRecording(const std::string& input, const std::string& output, const Remux& remux);

// `bytes` with the 32-bit big-endian field `offset` bytes into the first box of type `type`
// set to `value`; unchanged when there is no such box.
std::string PatchBoxField(std::string bytes, const std::string& type, size_t offset, uint32_t value);

}  // namespace xk::hostile
