// Dahua's DAV files ("DHAV" frames), as Dahua NVRs export them, for tests and the demo: libav
// reads them (its dhav demuxer) but has no muxer. Each frame is a 24-byte header ("DHAV", type
// 0xFD keyframe / 0xFC other frame, frame number, length, the NVR's local wall-clock second
// packed into 32 bits, a 16-bit millisecond counter), extension fields on keyframes (picture size,
// codec, frame rate), the Annex B payload, and an 8-byte trailer ("dhav", length).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "records/civil_time.h"

namespace xk {

class DhavFileWriter {
 public:
  // Creates `path`; "" or a message naming the file.
  std::string Open(const std::string& path);
  // One video frame. `shown` is the NVR's clock at the frame (whole seconds in `zone` go into the
  // header's date, `millis` into its millisecond counter); `hevc` chooses the codec field.
  std::string WriteVideoFrame(const uint8_t* data, size_t size, bool key, Instant shown, int64_t millis,
                              const TimeZone& zone, int width, int height, int fps, bool hevc);
  std::string Close();

 private:
  struct Closer {
    void operator()(FILE* file) const { std::fclose(file); }
  };
  std::unique_ptr<FILE, Closer> file_;
  std::string path_;
  uint32_t frame_number_ = 0;
};

}  // namespace xk
