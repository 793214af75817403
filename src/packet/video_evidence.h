// Pictures and clips cut from a recording for an evidence packet, with libav: a still is the
// frame nearest a time (the last one before it, or the first one at or after it), decoded and
// turned into a captioned JPEG with OpenCV; a clip is the stretch of the video stream between two
// times copied packet by packet into an MP4 (stream copy: no re-encoding, so the clip holds the
// recorder's own bytes).
//
// Times are seconds from the file's first frame, as in MediaInterval (the catalog's covered
// intervals). Contract: nothing here throws; every failure comes back as a message naming the
// file and libav's reason. Outputs are deterministic: single-threaded bit-exact decoding and
// scaling, fixed JPEG settings, bit-exact muxing (AVFMT_FLAG_BITEXACT, no creation time), so the
// same recording and times give the same bytes.
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace xk {

enum class FramePick {
  kLastBefore,      // the last frame shown strictly before the time
  kFirstAtOrAfter,  // the first frame shown at or after the time
};

struct GrabbedFrame {
  cv::Mat picture;    // BGR
  double time = 0;    // seconds from the file's first frame
  std::string error;  // "" on success
};

// Decodes the frame of `path` picked by `pick` relative to `time`.
GrabbedFrame GrabFrame(const std::string& path, double time, FramePick pick);

// `picture` enlarged to at least 640 pixels wide, with `caption_lines` (ASCII; other bytes are
// drawn as '?', as the Hershey fonts have no CJK) on a black band below it, as JPEG bytes.
std::string CaptionedJpeg(const cv::Mat& picture, const std::vector<std::string>& caption_lines);

struct ClipResult {
  double start = 0;  // seconds from the source's first frame: the keyframe the clip starts at
  double end = 0;    // end of the last frame copied
  std::string error;
};

// Copies the video packets of `path` from the keyframe at or before `from` up to `to` into an
// MP4 at `out_path` (created; removed again on failure).
ClipResult CutClip(const std::string& path, double from, double to, const std::string& out_path);

}  // namespace xk
