// Lists the timestamps of one elementary stream of an MPEG program stream (MPEG-PS, as
// Hikvision and GB/T 28181 recorders write, also under ".mp4" names) by walking the pack and
// PES headers alone. Payload bytes are stepped over by their length, never parsed or copied,
// and long runs are skipped with a seek, so a file is read at about the speed of `cat`.
//
// Contract: a PES of `stream_id` that carries a PTS (MPEG-1 or MPEG-2 PES syntax) gives one
// timestamp, its DTS when present, else its PTS, in 1/90000 s, with wraps of the 33-bit clock
// undone; a PES repeating the previous timestamp adds nothing. Bytes that are not a pack, a
// system header or a PES (garbage, a vendor's file header, damage) are skipped up to the next
// start code, and counted. A frame packed behind another in the same PES has no timestamp of
// its own, so with such muxers the count can be below the frame count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xk {

struct ProgramStreamTimestamps {
  std::vector<int64_t> values;  // in 1/90000 s, in file order
  int64_t skipped_bytes = 0;    // bytes that were not part of any header or payload
  std::string error;            // read error ("" when the walk reached the end of file)
};

// `stream_id` is the PES stream_id byte: 0xE0..0xEF for video.
ProgramStreamTimestamps ReadProgramStreamTimestamps(const std::string& path, int stream_id);

}  // namespace xk
