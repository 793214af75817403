// A decoded picture read as the measurer reads it (8-bit planar Y'CbCr or gray, converted when
// it is not), and made ready for the frame sampler on the thread that decoded it: its facts and,
// where it is (or is foreseen to be) a sample, its extract (src/media/picture_stats.h), so that
// only about 100 KB of it waits for the sampler, not the picture.
#pragma once

#include <optional>

#include "src/media/av_handles.h"
#include "src/media/picture_stats.h"
#include "src/media/sample_clock.h"

namespace xk {

// Views decoded pictures (one thread at a time; the view lasts until the next call).
class PictureReader {
 public:
  // The frame's planes, converted to 8-bit 4:2:0 when they are not readable as they are.
  // False when the picture cannot be read (no size, a format libswscale cannot convert).
  bool View(const AVFrame* frame, PictureView* view);

 private:
  AvFramePtr converted_;
  SwsContextPtr converter_;
};

// The facts of a decoded picture.
PictureFacts FactsOf(const AVFrame* frame);

// A decoded picture as it waits for the sampler.
struct ReadyPicture {
  PictureFacts facts;
  bool unreadable = false;                // PictureReader::View refused it
  std::optional<PictureExtract> extract;  // where it was read
};

// `frame` made ready; its extract taken when `read` (and the picture is not corrupt).
ReadyPicture MakeReady(const AVFrame* frame, bool read, PictureReader* reader, PictureExtractor* extractor);

}  // namespace xk
