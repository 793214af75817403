// Decoding one long keyframe interval in full on a thread of its own, ahead of the frame sampler.
//
// An interval longer than the sampler's max_keyframe_gap is decoded picture by picture from its
// keyframe (src/media/frame_sampler.h). Each starts on a decoder opened afresh from the stream's
// KeyframeDecoderSetup, so its pictures depend on its own packets alone: intervals can be
// decoded on several threads at once. Which pictures become samples depends on what was sampled
// before the interval, known for certain only when the sampler reaches it in file order; the
// thread decides on a foreseen clock and keeps the extracts of the samples it foresees, with the
// facts of every picture. The sampler then checks the choice again on its real clock
// (PicturesCover) and measures the kept extracts, or, where the foresight was wrong, decodes the
// interval itself: the samples are those of one thread either way.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "src/media/av_handles.h"
#include "src/media/keyframe_decoders.h"
#include "src/media/picture_reading.h"
#include "src/media/sample_clock.h"

namespace xk {

// What a decoder gave back, in order: every picture's facts, and the extract of those foreseen
// as samples.
struct DecodedInterval {
  bool opened = false;  // false: no decoder could be opened (the sampler decodes it itself)
  std::vector<ReadyPicture> pictures;
  int64_t errors = 0;  // packets refused, pictures the decoder could not give
};

using IntervalPackets = std::vector<AvPacketPtr>;

// Decodes `packets` (a keyframe first) on a decoder opened afresh from `setup` with
// `decoder_threads` threads, draining it at the end, and keeps the pictures that `foreseen`
// (advanced as it goes) makes samples under `choice`, read for `black_pixel_threshold`.
DecodedInterval DecodeIntervalAlone(const KeyframeDecoderSetup& setup, const IntervalPackets& packets,
                                    SampleClock foreseen, const SampleChoice& choice, int decoder_threads,
                                    double black_pixel_threshold);

// Whether `decoded` holds the extract of every sample that `clock` (the sampler's real clock,
// not advanced) makes of it under `choice`: then measuring them in order gives the samples of
// decoding it there.
bool PicturesCover(const DecodedInterval& decoded, SampleClock clock, const SampleChoice& choice);

}  // namespace xk
