#include "src/media/sample_clock.h"

namespace xk {

std::optional<double> ChoosePicture(SampleClock* clock, const PictureFacts& facts, const SampleChoice& choice) {
  double t = clock->last_frame_time + clock->frame_duration;
  if (facts.has_timestamp && clock->has_origin) {
    t = static_cast<double>(facts.best_effort_timestamp - clock->origin) * clock->time_base;
  }
  clock->last_frame_time = t;
  if (choice.thorough || !clock->has_sample) return t;
  if (t <= clock->last_sample_time + 1e-9) return std::nullopt;  // a keyframe decoded again
  const bool keyframe = facts.key_frame && !choice.in_full_interval;
  if (!keyframe && t < clock->last_sample_time + choice.dense_interval - clock->frame_duration / 2) {
    return std::nullopt;
  }
  return t;
}

}  // namespace xk
