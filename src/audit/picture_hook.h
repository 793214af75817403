// The picture-analysis step the catalog runs on each newly probed, readable recording: decodes
// sampled frames and stores their statistics in the probe (MediaProbe::samples).
#pragma once

#include <functional>
#include <string>

#include "records/media_facts.h"
#include "records/policy.h"

namespace xk {

using PictureAnalysisFn = std::function<void(const std::string& absolute_path, MediaProbe* probe)>;

// Empty when picture analysis is not available in this build.
PictureAnalysisFn PictureAnalyser(const AuditPolicy& policy, bool thorough);

}  // namespace xk
