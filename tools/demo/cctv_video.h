// Synthetic CCTV recordings for tests, the demo archive and benchmarks: a classroom seen from
// a ceiling camera (wall, floor, desks), a few people walking on paths fixed by the seed,
// sensor noise on every frame, and the camera's burned-in OSD (local date-time and camera
// name), encoded with libav (libx264 / libx265 when present) into the container asked for,
// whatever the file's extension says (an MPEG-PS under a ".mp4" name, as Hikvision writes).
//
// The script can cover the lens (black), freeze the picture, leave holes (no frames, the
// timestamps jump), dim the room, turn its lights off, empty it or seat a class in it. FFmpeg's blackdetect and
// freezedetect (default thresholds) find in the encoded file the black spans, and the frozen spans from the frame they
// repeat, and nothing else: a frozen frame is encoded as an exact repeat of the decoded frame before it (an encoder fed
// the same picture again keeps refining it), and keyframes (every `gop` frames, and after each hole, as a restarted
// recorder writes them) wait for the end of a frozen span. No B-frames. Output is deterministic: the same script gives
// the same bytes with the same libraries on the same machine (single-threaded encoders, bit-exact muxing, no wall-clock
// time anywhere).
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"

namespace xk {

// A stretch of the recording, in seconds from its start: [start, end).
struct CctvSpan {
  double start = 0;
  double end = 0;
};

struct CctvScript {
  int width = 320;   // even
  int height = 180;  // even
  int fps = 10;
  double duration_s = 60;
  std::string codec = "h264";     // "h264" | "hevc"
  std::string container = "mp4";  // "mp4" | "mpegps" | "mpegts" | "matroska" | "dhav" (Dahua DAV)
  int gop = 25;
  int64_t bitrate = 300000;  // bits per second
  // "abr" (average over the file), "cbr" (constant, padded: x264 only; others get abr), "crf"
  // (constant quality: the bits follow the picture, what NVRs call VBR; x264 only).
  std::string rate_control = "abr";
  uint32_t seed = 1;
  Instant osd_start = 0;  // what the OSD clock shows at the first frame (in `zone`)
  TimeZone zone;
  std::string camera_name = "A-1";
  std::optional<Instant> creation_time;  // container creation_time metadata (mp4, matroska)
  std::vector<CctvSpan> black;           // lens covered: near-black picture, still noisy, OSD still on
  std::vector<CctvSpan> frozen;          // exact repeat of the last frame before the span (clock too)
  std::vector<CctvSpan> holes;           // no frames at all; the timestamps jump over the span
  // The picture and the clock of the frame before the span repeated under fresh sensor noise
  // every frame (a recorder replaying one stored picture through a live pipeline): neither
  // frozen nor black by FFmpeg's filters, yet nothing moves.
  std::vector<CctvSpan> still;
  // The camera's picture stuck (the scene and sensor noise of the frame before the span) while the
  // recorder's OSD clock runs on: an analog camera frozen behind a DVR that stamps the time.
  std::vector<CctvSpan> stuck;
  bool dark_room = false;     // dim but visible room (not black)
  bool static_scene = false;  // nobody moves, only sensor noise and the clock (not frozen)
  // Classroom scenes (the empty-room rule): people seated at the desks who shift, turn and write
  // in place. `fidget` scales how far they move: 1 a quiet class (a pixel or two at 320x180),
  // 4 and more a busy class. With static_scene and no one seated the room is empty.
  int seated = 0;
  double fidget = 1.0;
  bool lights_off = false;   // the room as dark as with the lights off: black by blackdetect's rule
  double noise_sigma = 3.0;  // sensor noise (luma levels)
  // The parameter sets (SPS/PPS, VPS) written once, before the first keyframe, not with every
  // keyframe: as some encoders write a stream to MPEG-TS/MPEG-PS. A keyframe after the first
  // then decodes only on a decoder that has seen them. mpegts and mpegps only.
  bool parameter_sets_once = false;
};

// Encodes `script` into `path` (replacing it). Returns "" on success, else a message naming
// the file and what failed. libav's log is kept off stderr.
std::string WriteCctvVideo(const std::string& path, const CctvScript& script);

// The picture of frame `index` (shown at index / fps seconds) as WriteCctvVideo draws it
// before encoding: BGR, script.width x script.height; a frozen frame is the frame it repeats,
// a frame inside a hole is drawn as if recorded. For picture-analysis tests.
cv::Mat DrawCctvFrame(const CctvScript& script, int64_t index);

// The encoder WriteCctvVideo uses for `codec` ("libx264", "libx265", or a native one), or ""
// when libav has none.
std::string CctvEncoderName(const std::string& codec);

}  // namespace xk
