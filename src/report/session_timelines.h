// Builds the coverage timeline picture of every held exam session from the coverage computed
// by the coverage detector (and the picture-analysis stretches, when there are any).
#pragma once

#include <vector>

#include "detectors/detector_input.h"
#include "src/report/report_data.h"

namespace xk {

std::vector<SessionTimeline> DrawSessionTimelines(const DetectorInput& input);

}  // namespace xk
