// Everything the catalog learns from one recording's bytes, in one call: the probe (container,
// codec, timestamps), the picture statistics of its sampled frames, and its SHA-256. The same
// function runs inside the audit process (tests, benchmarks) and inside an isolated analysis
// worker (src/audit/analysis_worker.h), so both give the same facts.
#pragma once

#include <optional>
#include <string>

#include "records/input_limits.h"
#include "records/media_facts.h"

namespace xk {

struct AnalysisSpec {
  bool pictures = false;                // decode sampled frames (picture analysis)
  bool thorough = false;                // every frame, not keyframes only
  double black_pixel_threshold = 0.10;  // AuditPolicy::black_pixel_threshold
  double frozen_noise_db = -60;         // AuditPolicy::frozen_noise_db (freezedetect's n)
  bool hash = false;                    // SHA-256 of the whole file, right after the analysis read it
  // Cores for one file's pictures (keyframes decoded ahead on this many threads; thorough: the
  // decoder's frame threads, at least 2). The catalog gives the cores of --jobs that no other
  // file uses. The samples are the same with any number.
  int picture_threads = 1;
  InputLimits limits;  // what a recording may claim
};

// What samples analysed under `spec` are measured with: the sampling version
// (kPictureSamplingVersion) and the thresholds that shape the samples themselves
// (black_pixel_threshold, frozen_noise_db), e.g. "picture sampling 4; black_pixel_threshold 0.1;
// frozen_noise_db -60". A stored analysis made otherwise is made again.
std::string MeasuredWith(const AnalysisSpec& spec);

// The picture_threads each file gets when `jobs` cores analyse `files` files at once: the cores
// no file gets (a single long recording on --jobs 2 gets both).
int PictureThreadsFor(int jobs, size_t files);

// `absolute` is where the file is; `shown` its archive-relative name as reports show it. Every
// message in the result names the file by `shown`, never by the auditor's absolute path, and is
// valid UTF-8 whatever bytes the name holds. Never throws.
MediaProbe AnalyseRecording(const std::string& absolute, const std::string& shown, const AnalysisSpec& spec);

// What AnalyseRecording would say of a file that is still empty (a regular file of 0 bytes):
// EXM-VIDEO-UNREADABLE "empty", with the SHA-256 of nothing, found without opening the file,
// so the catalog needs no worker for it (thousands of empty files are a cheap way to slow an
// audit down). Nothing when the file is not, or no longer, an empty regular file.
std::optional<MediaProbe> JudgeEmptyRecording(const std::string& absolute, const std::string& shown,
                                              const AnalysisSpec& spec);

// The picture step alone, on a probe of a readable file: samples keyframes (or every frame when
// thorough) into probe->samples. A readable file of which not a single picture decodes is in
// truth unreadable (a corrupt stream): the probe says so, and the coverage rules then count its
// time as not covered.
void AnalysePictures(const std::string& absolute, const AnalysisSpec& spec, MediaProbe* probe);

}  // namespace xk
