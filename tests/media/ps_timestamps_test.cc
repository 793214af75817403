// The MPEG-PS header walk on hand-built program streams: both PES syntaxes, DTS over PTS,
// the 33-bit clock wrap, unbounded video PES, and garbage between packs.
#include "src/media/ps_timestamps.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/media/media_samples.h"

namespace xk {
namespace {

constexpr int64_t kWrap = int64_t{1} << 33;

// Appends a 5-byte PTS/DTS field with the given 4-bit prefix.
void PutClock(std::string* out, int prefix, int64_t clock) {
  out->push_back(static_cast<char>((prefix << 4) | ((clock >> 29) & 0x0E) | 1));
  out->push_back(static_cast<char>((clock >> 22) & 0xFF));
  out->push_back(static_cast<char>(((clock >> 14) & 0xFE) | 1));
  out->push_back(static_cast<char>((clock >> 7) & 0xFF));
  out->push_back(static_cast<char>(((clock << 1) & 0xFE) | 1));
}

std::string PackHeader() {
  std::string pack("\x00\x00\x01\xBA", 4);
  pack += std::string("\x44\x00\x04\x00\x04\x01\x01\x89\xC3\xF8", 10);  // SCR, mux rate, 0 stuffing
  return pack;
}

// An MPEG-2 PES of `stream_id` with `payload` bytes; dts < 0 means PTS only, pts < 0 none.
std::string Pes(int stream_id, int64_t pts, int64_t dts, size_t payload, bool unbounded = false) {
  std::string header("\x80", 1);
  std::string stamps;
  if (pts >= 0 && dts >= 0) {
    header.push_back('\xC0');
    PutClock(&stamps, 3, pts);
    PutClock(&stamps, 1, dts);
  } else if (pts >= 0) {
    header.push_back('\x80');
    PutClock(&stamps, 2, pts);
  } else {
    header.push_back('\x00');
  }
  header.push_back(static_cast<char>(stamps.size()));
  std::string body = header + stamps + std::string(payload, '\x42');
  std::string pes("\x00\x00\x01", 3);
  pes.push_back(static_cast<char>(stream_id));
  const size_t length = unbounded ? 0 : body.size();
  pes.push_back(static_cast<char>(length >> 8));
  pes.push_back(static_cast<char>(length & 0xFF));
  return pes + body;
}

std::vector<int64_t> Walk(const std::string& bytes) {
  const std::string path = ScratchPath("walk.mpg");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  ProgramStreamTimestamps walked = ReadProgramStreamTimestamps(path, 0xE0);
  EXPECT_EQ(walked.error, "");
  return walked.values;
}

TEST(MediaProgramStream, ReadsVideoStampsAndSkipsOtherStreams) {
  std::string ps = PackHeader() + Pes(0xE0, 3600, -1, 3000) + Pes(0xC0, 3000, -1, 400) +
                   Pes(0xE0, -1, -1, 5000) +  // a frame's continuation: no stamp
                   PackHeader() + Pes(0xE0, 10800, 7200, 900) + Pes(0xE1, 99999, -1, 10) +
                   std::string("\x00\x00\x01\xB9", 4);
  EXPECT_EQ(Walk(ps), (std::vector<int64_t>{3600, 7200}));
}

TEST(MediaProgramStream, UndoesTheClockWrapAndDropsRepeats) {
  std::string ps = PackHeader() + Pes(0xE0, kWrap - 3600, -1, 100) +
                   Pes(0xE0, kWrap - 3600, -1, 100) +  // same stamp on a second PES
                   Pes(0xE0, 0, -1, 100) + Pes(0xE0, 3600, -1, 100);
  EXPECT_EQ(Walk(ps), (std::vector<int64_t>{kWrap - 3600, kWrap, kWrap + 3600}));
}

TEST(MediaProgramStream, ResynchronisesAfterGarbageAndUnboundedPes) {
  std::string ps =
      std::string("IMKH") + std::string(36, '\x01') + PackHeader() + Pes(0xE0, 1000, -1, 2000, /*unbounded=*/true) +
      std::string("\x00\x00\x01\x65\x00\x00\x01\x09", 8) +  // NAL start codes
      PackHeader() + Pes(0xE0, 4600, -1, 50) + std::string(777, '\x00') + PackHeader() + Pes(0xE0, 8200, -1, 50);
  EXPECT_EQ(Walk(ps), (std::vector<int64_t>{1000, 4600, 8200}));
}

TEST(MediaProgramStream, MpegOnePesSyntax) {
  // MPEG-1: stuffing, STD buffer size, then PTS+DTS.
  std::string body("\xFF\xFF\x40\x20", 4);
  PutClock(&body, 3, 9000);
  PutClock(&body, 1, 5400);
  body += std::string(20, '\x42');
  std::string pes("\x00\x00\x01\xE0", 4);
  pes.push_back(0);
  pes.push_back(static_cast<char>(body.size()));
  std::string pack("\x00\x00\x01\xBA\x21\x00\x01\x00\x01\x80\x00\x01", 12);  // MPEG-1 pack
  EXPECT_EQ(Walk(pack + pes + body), (std::vector<int64_t>{5400}));
}

TEST(MediaProgramStream, CutInsideAHeaderEndsQuietly) {
  std::string ps = PackHeader() + Pes(0xE0, 3600, -1, 100) + Pes(0xE0, 7200, -1, 100);
  EXPECT_EQ(Walk(ps.substr(0, ps.size() - 105)), (std::vector<int64_t>{3600}));
  EXPECT_TRUE(Walk(ps.substr(0, 9)).empty());
}

}  // namespace
}  // namespace xk
