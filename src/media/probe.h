// Measures what one recording holds: container (recognised from the content, not the name),
// codec, picture size, frame rate, creation_time, and the stretches of time that hold video.
//
// Contract: ProbeRecording never throws and never crashes on any input; a file that cannot be
// used comes back with `unreadable` set and a `reason` naming the file and quoting libav, e.g.
//   kEmpty        zero bytes
//   kNotVideo     no recognisable video container, or a container without a video stream
//   kTruncatedMp4 ftyp + mdat without a moov (recording cut off: "moov atom not found")
//   kCorrupt      anything else that fails (header refused, no frame timestamps)
//   kMissing      no such file
// How the timestamps are obtained: MP4/MOV (not fragmented) from the moov index alone, no
// packet read (from_index = true); MPEG-PS by walking its pack and PES headers
// (ps_timestamps.h); every other container (MPEG-TS, Matroska, whose cues list keyframes only,
// fragmented MP4) by demuxing the video packets without decoding them (from_index = false).
// No frame is decoded on any path. The coverage rules are those of timestamp_coverage.h.
// libav's log never reaches stderr. Safe to call from several threads at once (one file each).
#pragma once

#include <string>

#include "records/input_limits.h"
#include "records/media_facts.h"

namespace xk {

// `limits` bounds what a file may claim: streams, picture size, packets, duration
// (records/input_limits.h); a file beyond one is unreadable (kCorrupt) with a reason naming it.
MediaProbe ProbeRecording(const std::string& path, const InputLimits& limits = InputLimits());

// What ProbeRecording says of an empty file at `path` (kEmpty, the reason naming `path`).
MediaProbe EmptyFileProbe(const std::string& path);

}  // namespace xk
