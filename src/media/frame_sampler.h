// Decodes the pictures of one recording that the picture rules need and measures each with
// PictureMeasurer (picture_stats.h), giving the PictureSample list of MediaProbe::samples.
//
// Which pictures (the default, "keyframe" sampling): only keyframes are decoded (the other
// packets are read but never reach the decoder, and the decoder skips non-key frames as a
// second guard), and of keyframes closer together than `keyframe_spacing` only the first.
// A camera writes one every 1-2 s (GOP 25-50 at 25 fps), so a sample comes every 1.5-2 s:
// dense enough for stretches of 5 s (black) and 10 s (frozen), edges within 2 s. Keyframes
// are decoded without deblocking (they are nobody's reference here). In noisy CCTV a keyframe
// carries about a fifth of its interval's bits; tools/bench/picture_bench measures the whole
// at a tenth of FFmpeg's blackdetect + freezedetect. Where two keyframes are further apart than
// `max_keyframe_gap` (long or dynamic GOPs of "smart" codecs, and recorders that hold back
// keyframes while the picture does not change), that interval is decoded in full and sampled
// every `dense_interval` seconds: the packets since the last keyframe are kept (at most
// max_keyframe_gap seconds of them) so the interval can be decoded from its keyframe without
// seeking. `thorough` decodes and samples every frame (as FFmpeg's filters see them).
//
// Cores: keyframes are decoded each alone on a decoder opened afresh for it (from one state, see
// src/media/keyframe_decoders.h), so `keyframe_threads` threads can decode them ahead while the
// sampler decides in file order which become samples: the samples, counts and errors are
// identical with 1 or N threads, even on a damaged stream. A long interval decoded in full is on
// one decoder (each picture needs the one before), opened afresh for it, so with threads
// intervals are decoded ahead too, beside each other and beside the keyframes
// (src/media/interval_decoding.h), the samples again those of one thread. What a thread keeps of
// a picture for the sampler is its extract (src/media/picture_stats.h, about 100 KB), measured
// against the pictures before it in file order.
//
// Times: a sample's t is in seconds from the file's first video timestamp (its first packet's
// decode timestamp, else presentation timestamp), the origin of MediaProbe::covered.
// Memory: a picture at a time (one a thread with a pool) plus the packets of the keyframe
// interval being read (capped in bytes) and, with a pool, what is queued ahead of the sampler
// (packets and extracts, about 96 MiB at most); nothing is kept of the whole file but the
// samples. Errors: a packet or frame the decoder refuses is skipped and counted; only a file that
// cannot be opened or has no decodable video stream gives an error. Never throws; libav's log
// stays off stderr. Thread-safe for different files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "records/media_facts.h"

namespace xk {

// Which way of sampling and measuring made a set of samples. Raised whenever a change makes the
// samples of some recording differ, so the catalog analyses stored recordings again
// (src/audit/recording_analysis.h MeasuredWith): 3, freezedetect's reference picture kept
// (diff_from_reference); 4, each keyframe decoded on a decoder opened afresh (damaged streams,
// parameter sets stated once).
inline constexpr int kPictureSamplingVersion = 4;

struct SamplerOptions {
  bool thorough = false;                // every frame, not only keyframes
  double keyframe_spacing = 1.5;        // seconds; a keyframe sooner than this after a sample is skipped
  double max_keyframe_gap = 2.5;        // seconds; longer keyframe intervals are decoded in full
  double dense_interval = 1.0;          // seconds between samples inside such an interval
  double black_pixel_threshold = 0.10;  // blackdetect's pix_th (AuditPolicy::black_pixel_threshold)
  double still_threshold = 0.001;       // freezedetect's n as a ratio (PictureMeasurer)
  int decoder_threads = 1;              // frame + slice threads of the decoder; 0: libav picks
  // Keyframe sampling: threads that decode keyframes ahead of the sampler, each keyframe alone
  // (src/media/keyframe_decoders.h), so one long recording uses several cores. The samples are
  // the same with any number: the sampler still decides on each keyframe in file order.
  int keyframe_threads = 1;
  // Pictures larger than these are not decoded (the file is reported, not allocated for).
  int64_t max_width = 8192;
  int64_t max_height = 8192;
  int64_t max_pixels = int64_t{8192} * 4320;
  int max_streams = 32;
};

struct FrameSampling {
  std::vector<PictureSample> samples;  // in presentation order
  int64_t frames_decoded = 0;          // pictures the decoder gave back
  int64_t decode_errors = 0;           // packets or pictures refused or flagged corrupt (skipped)
  int64_t dense_intervals = 0;         // keyframe intervals decoded in full
  int64_t intervals_ahead = 0;         // of those, decoded ahead on the keyframe threads and taken as they were
  std::string error;                   // "" or why nothing could be sampled, naming the file and quoting libav
};

FrameSampling SampleFrames(const std::string& path, const SamplerOptions& options);

}  // namespace xk
