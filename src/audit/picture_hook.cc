#include "src/audit/picture_hook.h"

#include "src/audit/recording_analysis.h"

namespace xk {

PictureAnalysisFn PictureAnalyser(const AuditPolicy& policy, bool thorough) {
  AnalysisSpec spec;
  spec.pictures = true;
  spec.thorough = thorough;
  spec.black_pixel_threshold = policy.black_pixel_threshold;
  spec.frozen_noise_db = policy.frozen_noise_db;
  spec.limits = policy.limits;
  return [spec](const std::string& absolute_path, MediaProbe* probe) { AnalysePictures(absolute_path, spec, probe); };
}

}  // namespace xk
