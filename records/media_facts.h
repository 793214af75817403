// Media facts: what the catalog knows about one recording, as plain data. The media layer
// (src/media) produces them with libav and OpenCV, the store keeps them, and the coverage and
// picture detectors read them. Nothing here calls libav.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"

namespace xk {

// Why a recording could not be used.
enum class UnreadableKind {
  kNone,
  kEmpty,         // zero bytes
  kNotVideo,      // no recognisable container / no video stream
  kTruncatedMp4,  // ftyp + mdat without moov: recording cut off (power loss)
  kCorrupt,       // container opens but the stream cannot be read or decoded
  kMissing,       // listed (recordings.csv) but not on disk
};
const char* UnreadableKindName(UnreadableKind kind);

// A stretch of a file that holds video, in seconds from the file's own start (the first frame).
struct MediaInterval {
  double start = 0;
  double end = 0;
};

// One sampled picture's statistics (picture analysis; filled by the frame sampler).
struct PictureSample {
  double t = 0;              // seconds from file start
  float black_ratio = 0;     // share of pixels at or under the black pixel threshold
  float mean_luma = 0;       // 0..255
  float diff_from_prev = 0;  // mean absolute difference to the previous sample, 0..1
  // The same difference to the reference picture, as freezedetect keeps one: the sample that began
  // the current stretch of pictures within the frozen threshold of it (a sample further away than
  // that becomes the reference). Negative: not measured (a file's first sample, or a sample
  // stored before this measure).
  float diff_from_reference = -1;
  uint64_t fingerprint = 0;  // 64-bit perceptual hash (DCT), for replay detection
  // Share of the picture (0..1) in motion since the previous sample, beyond the sensor noise and
  // leaving out spots that change in most samples (an OSD clock): src/media/motion_measure.h.
  // Negative: not measured (the file's first sample, or an analysis stored before the measure).
  float motion = -1;
};

// What the media layer measured in one file (independent of where it sits in the archive).
struct MediaProbe {
  UnreadableKind unreadable = UnreadableKind::kNone;
  std::string reason;     // libav's own words plus ours, e.g. "moov atom not found"
  std::string container;  // "mp4" | "mpegps" | "mpegts" | "matroska" | ...
  std::string codec;      // "h264" | "hevc" | ...
  int width = 0;
  int height = 0;
  double fps = 0;
  std::optional<Instant> creation_time;  // container metadata, UTC
  double duration = 0;                   // seconds of video, first frame to end of last
  std::vector<MediaInterval> covered;    // holes (timestamp jumps) removed
  int64_t frames = 0;
  bool from_index = false;             // true: timestamps came from the container index, no packet read
  std::vector<PictureSample> samples;  // empty until analysed
  bool analysed = false;
  bool thorough = false;  // analysed from every frame (--thorough), not keyframes only
  // How the samples were made: the sampling version and the thresholds they were measured with
  // (MeasuredWith in src/audit/recording_analysis.h). "" when not analysed, or analysed before
  // xunkao recorded it.
  std::string measured_with;
  // Pictures the analysis decoded (of `frames`): what sampling saved. This run's figure only;
  // not kept in the store (0 for facts read back from it).
  int64_t frames_decoded = 0;
  std::string sha256;  // of the whole file as catalogued ("" when it was not hashed)
  // Frames the container's index lists but whose bytes lie past the end of the file (an MP4
  // whose moov was written first, then cut off): the file is readable up to `duration`, and
  // `reason` says where it was cut. 0 for a whole file.
  int64_t truncated_frames = 0;
};

// A catalogued recording: where it sits in the archive plus what it holds.
struct RecordingFacts {
  std::string institution;  // exam centre code
  std::string room;
  std::string camera;
  std::string path;        // archive-relative, as shown: valid UTF-8 (records/csv/encoding.h DisplayName)
  std::string path_bytes;  // archive-relative as on disk (differs from path only for names not in UTF-8)
  int64_t size = 0;
  int64_t mtime = 0;                   // seconds since epoch
  std::optional<Instant> name_start;   // start from recordings.csv or the file name
  std::string name_start_origin;       // "index" | "name" | ""
  std::optional<Instant> claimed_end;  // recordings.csv end / name end, if given
  Instant start = 0;                   // the start used (name, else creation_time)
  MediaProbe probe;
};

}  // namespace xk
