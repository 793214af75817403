// Turns the video timestamps of one file into what it covers: the stretches that hold video
// (holes removed), the frame rate and the duration. Pure arithmetic, shared by the index path
// and the packet-scan path of the probe, and testable with plain vectors.
//
// Rules: the nominal frame duration is the median gap between consecutive timestamps; a gap
// longer than max(1 s, 3 x nominal) is a hole (camera offline, recorder stopped), anything
// shorter is jitter. The frame rate is measured from the gaps within half a frame of the
// median. Each stretch ends one frame after its last timestamp. Seconds count from
// the first timestamp, so the first stretch starts at 0.
#pragma once

#include <cstdint>
#include <vector>

#include "records/media_facts.h"

namespace xk {

struct TimestampCoverage {
  std::vector<MediaInterval> covered;
  double duration = 0;        // end of the last stretch
  double fps = 0;             // frames per second inside stretches (0 when unknown)
  double frame_duration = 0;  // seconds; nominal
  int64_t frames = 0;
};

// `timestamps` are in units of `time_base` seconds, in any order (they are sorted here);
// `fallback_fps` gives the frame duration when there are fewer than two timestamps (0: 1/25 s).
TimestampCoverage CoverageFromTimestamps(std::vector<int64_t> timestamps, double time_base, double fallback_fps);

// Hole threshold for a given nominal frame duration: max(1 s, 3 frames).
double HoleThresholdSeconds(double frame_duration);

}  // namespace xk
