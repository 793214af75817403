#include "src/audit/picture_hook.h"

#include "src/media/frame_sampler.h"

namespace xk {

// Samples keyframes (or every frame when thorough) with the policy's black pixel level. A
// readable file of which not a single picture decodes is in truth unreadable (a corrupt
// stream): the probe says so, and the coverage rules then count its time as not covered.
PictureAnalysisFn PictureAnalyser(const AuditPolicy& policy, bool thorough) {
  SamplerOptions options;
  options.thorough = thorough;
  options.black_pixel_threshold = policy.black_pixel_threshold;
  // Every frame decoded: frame threads overlap the decoding of consecutive frames (the catalog
  // already runs one file per core; a second thread keeps the cores busy where files end
  // unevenly). Keyframes alone gain nothing from them.
  options.decoder_threads = thorough ? 2 : 1;
  return [options](const std::string& absolute_path, MediaProbe* probe) {
    FrameSampling sampling = SampleFrames(absolute_path, options);
    if (sampling.samples.empty() && probe->frames > 0 &&
        (!sampling.error.empty() || sampling.decode_errors > 0 || sampling.frames_decoded == 0)) {
      probe->unreadable = UnreadableKind::kCorrupt;
      probe->reason = sampling.error.empty() ? absolute_path + ": not one of its " + std::to_string(probe->frames) +
                                                   " video frames can be decoded (corrupt stream)"
                                             : sampling.error;
      probe->samples.clear();
      probe->analysed = false;
      probe->thorough = false;
      return;
    }
    probe->samples = std::move(sampling.samples);
    probe->analysed = true;
    probe->thorough = options.thorough;
  };
}

}  // namespace xk
