#include "detectors/media_analysis.h"

namespace xk {

MediaAnalysis AnalyseMedia(const DetectorInput& input) {
  MediaAnalysis media;
  media.coverage = ComputeCoverage(input);
  media.stretches = FindPictureStretches(input);
  for (CameraCoverage& c : media.coverage) c.picture_marks = PictureMarks(media.stretches, c);
  return media;
}

const MediaAnalysis& MediaOf(const DetectorInput& input, std::optional<MediaAnalysis>* local) {
  if (input.media) return *input.media;
  if (!*local) *local = AnalyseMedia(input);
  return **local;
}

}  // namespace xk
