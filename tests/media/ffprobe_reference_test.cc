// ProbeRecording against ffprobe as an independent reference (skipped without ffprobe): the
// same frame count and, from the first to one frame past the last packet timestamp, the same
// duration; the same codec and picture size.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "src/media/probe.h"
#include "tests/media/media_samples.h"

namespace xk {
namespace {

std::string Run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string output;
  if (pipe == nullptr) return output;
  char buffer[4096];
  while (size_t got = fread(buffer, 1, sizeof(buffer), pipe.get())) output.append(buffer, got);
  return output;
}

struct Reference {
  std::string codec;
  int width = 0;
  int height = 0;
  int64_t packets = 0;
  double first = 0;
  double last = 0;
};

Reference AskFfprobe(const std::string& path) {
  Reference reference;
  std::istringstream stream(
      Run("ffprobe -v error -select_streams v:0 -show_entries "
          "stream=codec_name,width,height -of csv=p=0 '" +
          path + "'"));
  std::string field;
  std::getline(stream, reference.codec, ',');
  if (std::getline(stream, field, ',')) reference.width = std::atoi(field.c_str());
  if (std::getline(stream, field)) reference.height = std::atoi(field.c_str());
  std::istringstream packets(
      Run("ffprobe -v error -select_streams v:0 -show_entries "
          "packet=dts_time,pts_time -of csv=p=0 '" +
          path + "'"));
  std::string line;
  bool first = true;
  while (std::getline(packets, line)) {
    if (line.find_first_not_of(", \r") == std::string::npos) continue;  // blank (MPEG-TS)
    ++reference.packets;
    // "pts_time,dts_time"; either may be N/A
    double value = 0;
    bool have = false;
    std::istringstream fields(line);
    while (std::getline(fields, field, ',')) {
      if (field != "N/A" && !field.empty()) {
        value = std::atof(field.c_str());
        have = true;
      }
    }
    if (!have) continue;
    if (first) reference.first = value;
    first = false;
    reference.last = value;
  }
  return reference;
}

TEST(MediaFfprobeReference, FramesDurationCodecAndSizeAgree) {
  if (std::system("ffprobe -version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no ffprobe";
  for (const char* name : {"clean.mp4", "hole.mp4", "hikvision.mp4", "hole.ps", "clip.ts", "clip.mkv", "hevc.mp4"}) {
    SCOPED_TRACE(name);
    const std::string path = SamplePath(name);
    const MediaProbe probe = ProbeRecording(path);
    const Reference reference = AskFfprobe(path);
    ASSERT_GT(reference.packets, 0);
    EXPECT_EQ(probe.codec, reference.codec);
    EXPECT_EQ(probe.width, reference.width);
    EXPECT_EQ(probe.height, reference.height);
    const double frame = 1 / probe.fps;
    EXPECT_NEAR(probe.duration, reference.last - reference.first + frame, frame);
    if (probe.container == "mpegps") {
      // Frames packed behind another in one PES have no timestamp of their own.
      EXPECT_NEAR(static_cast<double>(probe.frames), static_cast<double>(reference.packets),
                  0.02 * static_cast<double>(reference.packets));
    } else {
      EXPECT_EQ(probe.frames, reference.packets);
    }
  }
}

}  // namespace
}  // namespace xk
