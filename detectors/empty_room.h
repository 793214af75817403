// TRN-VIDEO-EMPTY-ROOM: a classroom camera that shows nobody for most of an offline session
// that the timetable and the sign-ins say was held. A pure function of the sampled motion
// measure (PictureSample::motion, measured by src/media/motion_measure.h).
//
// For each classroom coverage (detectors/media_analysis.h) of a session with at least one
// sign-in, the samples of its recordings inside the session window are taken, leaving out
// those not measured, black ones (TRN-VIDEO-BLACK's business: a dark room is a black picture,
// not an empty room) and those inside a frozen stretch (TRN-VIDEO-FROZEN's). A sample is still
// when its motion is under empty_room_motion_ratio. The room is empty when the samples left
// span at least half of the window and at least empty_room_still_share of them are still. A
// quiet class (seated people, small movements) moves beyond the noise in many samples; an
// empty room only where the OSD clock's slower digits change.
#pragma once

#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

std::vector<Finding> DetectEmptyRooms(const DetectorInput& input);

}  // namespace xk
