#include "src/audit/recording_analysis.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>

#include "records/archive_files.h"
#include "records/csv/encoding.h"
#include "records/hashing.h"
#include "records/policy.h"
#include "src/media/av_handles.h"
#include "src/media/frame_sampler.h"
#include "src/media/probe.h"

namespace xk {

std::string MeasuredWith(const AnalysisSpec& spec) {
  return fmt::format("picture sampling {}; black_pixel_threshold {}; frozen_noise_db {}", kPictureSamplingVersion,
                     spec.black_pixel_threshold, spec.frozen_noise_db);
}

int PictureThreadsFor(int jobs, size_t files) {
  jobs = std::max(1, jobs);
  const size_t at_once = std::max<size_t>(1, std::min(static_cast<size_t>(jobs), files));
  return std::max(1, jobs / static_cast<int>(at_once));
}

void AnalysePictures(const std::string& absolute, const AnalysisSpec& spec, MediaProbe* probe) {
  SamplerOptions options;
  options.thorough = spec.thorough;
  options.black_pixel_threshold = spec.black_pixel_threshold;
  options.still_threshold = FrozenNoiseRatio(spec.frozen_noise_db);
  // Every frame decoded: frame threads overlap the decoding of consecutive frames (the catalog
  // already runs one file per core; a second thread keeps the cores busy where files end
  // unevenly). Keyframes: each decoded alone, several at once when the file has cores to itself.
  options.decoder_threads = spec.thorough ? std::max(2, spec.picture_threads) : 1;
  options.keyframe_threads = std::max(1, spec.picture_threads);
  options.max_width = spec.limits.picture_max_width;
  options.max_height = spec.limits.picture_max_height;
  options.max_pixels = spec.limits.picture_max_pixels;
  options.max_streams = static_cast<int>(spec.limits.streams_max_per_file);
  FrameSampling sampling = SampleFrames(absolute, options);
  if (sampling.samples.empty() && probe->frames > 0 &&
      (!sampling.error.empty() || sampling.decode_errors > 0 || sampling.frames_decoded == 0)) {
    probe->unreadable = UnreadableKind::kCorrupt;
    probe->reason = sampling.error.empty() ? absolute + ": not one of its " + std::to_string(probe->frames) +
                                                 " video frames can be decoded (corrupt stream)"
                                           : sampling.error;
    probe->samples.clear();
    probe->analysed = false;
    probe->thorough = false;
    return;
  }
  probe->samples = std::move(sampling.samples);
  probe->frames_decoded = sampling.frames_decoded;
  probe->analysed = true;
  probe->thorough = spec.thorough;
  probe->measured_with = MeasuredWith(spec);
}

std::optional<MediaProbe> JudgeEmptyRecording(const std::string& absolute, const std::string& shown,
                                              const AnalysisSpec& spec) {
  struct stat status;
  if (::stat(absolute.c_str(), &status) != 0 || !S_ISREG(status.st_mode) || status.st_size != 0) return std::nullopt;
  MediaProbe probe = EmptyFileProbe(absolute);
  if (spec.hash) probe.sha256 = Sha256Hex("");
  probe.reason = DisplayName(WithArchivePath(std::move(probe.reason), absolute, shown));
  return probe;
}

MediaProbe AnalyseRecording(const std::string& absolute, const std::string& shown, const AnalysisSpec& spec) {
  // No single block of libav's may take more than half the worker's memory.
  CapLibavAllocation(static_cast<size_t>(spec.limits.worker_memory_mib) << 19);
  MediaProbe probe = ProbeRecording(absolute, spec.limits);
  if (spec.pictures && probe.unreadable == UnreadableKind::kNone) AnalysePictures(absolute, spec, &probe);
  if (spec.hash && probe.unreadable != UnreadableKind::kMissing) probe.sha256 = Sha256File(absolute).value_or("");
  // Named by `shown`, then made valid UTF-8 (a name on disk need not be).
  probe.reason = DisplayName(WithArchivePath(std::move(probe.reason), absolute, shown));
  return probe;
}

}  // namespace xk
