// Reads the top-level box layout of an ISO base media (MP4/MOV) file without libav, to tell an
// MP4 cut off before its moov was written (power loss: ftyp + mdat, no moov) from other
// damage, and to see whether the file is fragmented (moof boxes, whose samples the moov index
// does not list). Reads one 16-byte header per top-level box, so it costs a few seeks.
#pragma once

#include <cstdint>
#include <string>

namespace xk {

struct Mp4TopLevel {
  bool is_iso_bmff = false;  // the file starts with a plausible box (ftyp, moov, mdat, ...)
  bool has_ftyp = false;
  bool has_mdat = false;
  bool has_complete_moov = false;  // a moov box that lies entirely inside the file
  bool has_cut_moov = false;       // a moov box header whose box runs past the end of file
  bool has_moof = false;           // fragmented MP4
  bool cut_short = false;          // the last box runs past the end of file
  bool walked_to_end = false;      // every byte belongs to a known top-level box (or a cut one)
  int64_t file_size = 0;
};

// Walks the top-level boxes of `path` (stopping at the first moof or at the first header that
// is not a plausible box). Never throws; an unreadable file gives is_iso_bmff == false.
Mp4TopLevel ReadMp4TopLevel(const std::string& path);

// True for boxes (ftyp, free, wide, ...) + mdat up to the end of file without a complete moov:
// the writer never finished the file. An unknown box before the end is not taken for this.
bool LooksLikeTruncatedMp4(const Mp4TopLevel& layout);

}  // namespace xk
