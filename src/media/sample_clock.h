// Which decoded pictures of a recording become samples, and at what time: the part of the frame
// sampler's decision that needs no pixels, so it can be made ahead on another thread (a keyframe
// interval decoded in full on a pool thread, src/media/interval_decoding.h) and checked again in
// file order on the sampler's own.
//
// A picture's time is its best-effort timestamp from the file's origin, or, without one, the
// previous picture's plus a frame. In keyframe sampling a keyframe decoded alone is a sample
// unless it was one already (decoded again); any other picture (one of an interval decoded in
// full) is a sample when at least `dense_interval` (less half a frame) has passed since the last
// sample. `thorough` samples every picture.
#pragma once

#include <cstdint>
#include <optional>

namespace xk {

// What the choice needs of a decoded picture.
struct PictureFacts {
  int64_t best_effort_timestamp = 0;
  bool has_timestamp = false;
  bool key_frame = false;
  bool corrupt = false;  // flagged corrupt or with decode errors: never a sample
};

// The sampler's clock: where the origin is and what was sampled last.
struct SampleClock {
  bool has_origin = false;
  int64_t origin = 0;
  double time_base = 0;          // seconds per timestamp unit
  double frame_duration = 0.04;  // the step for a picture without a timestamp
  double last_frame_time = 0;
  bool has_sample = false;
  double last_sample_time = 0;

  bool operator==(const SampleClock&) const = default;
};

struct SampleChoice {
  bool thorough = false;
  bool in_full_interval = false;  // the picture comes from an interval decoded in full
  double dense_interval = 1.0;
};

// The time of the (not corrupt) picture `facts` and whether it becomes a sample; advances
// `clock`'s last picture time (the caller records the sample when it makes one: Sampled).
std::optional<double> ChoosePicture(SampleClock* clock, const PictureFacts& facts, const SampleChoice& choice);

// Records a sample made at `t`.
inline void Sampled(SampleClock* clock, double t) {
  clock->has_sample = true;
  clock->last_sample_time = t;
}

}  // namespace xk
