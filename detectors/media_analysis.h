// The media facts laid over the exam sessions, computed once per audit: what each required
// camera covered during each held session (with its black, frozen and replayed stretches marked)
// and the picture stretches themselves. The coverage and picture rules and the report's timelines
// all read this one computation.
#pragma once

#include <optional>
#include <vector>

#include "detectors/coverage.h"
#include "detectors/detector_input.h"
#include "detectors/picture.h"

namespace xk {

struct MediaAnalysis {
  std::vector<CameraCoverage> coverage;  // picture_marks filled in
  std::vector<PictureStretch> stretches;
};

MediaAnalysis AnalyseMedia(const DetectorInput& input);

// The analysis the pipeline computed (input.media), or, when a test feeds a detector without
// one, the analysis computed into `local`.
const MediaAnalysis& MediaOf(const DetectorInput& input, std::optional<MediaAnalysis>* local);

}  // namespace xk
