// The picture-analysis step (src/audit/recording_analysis.h AnalysePictures) as a function of a
// path and a probe, for tests and benchmarks that probe files themselves: decodes
// sampled frames (keyframes, or every frame when thorough) and stores their statistics in the
// probe (MediaProbe::samples, analysed, thorough); a file of which no frame decodes becomes
// unreadable (corrupt).
#pragma once

#include <functional>
#include <string>

#include "records/media_facts.h"
#include "records/policy.h"

namespace xk {

using PictureAnalysisFn = std::function<void(const std::string& absolute_path, MediaProbe* probe)>;

PictureAnalysisFn PictureAnalyser(const AuditPolicy& policy, bool thorough);

}  // namespace xk
