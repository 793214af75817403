// Full-process recording (rules.md "Exam centres"): EXM-VIDEO-MISSING, EXM-VIDEO-GAP,
// EXM-VIDEO-UNREADABLE, EXM-VIDEO-CLOCK, and for classrooms (AQ 8011-2023) TRN-VIDEO-MISSING,
// TRN-VIDEO-GAP, TRN-VIDEO-UNREADABLE. For each session to be filmed (filmed_sessions.h) and each
// camera its room must have (cameras.csv), what the recordings really hold is laid over the
// session window and every uncovered stretch of at least the minimum gap is reported with its
// exact times. Classroom recordings have no clock rule: their names and times are not judged.
#pragma once

#include <string>
#include <vector>

#include "detectors/detector_input.h"
#include "detectors/filmed_sessions.h"
#include "detectors/rule_table.h"
#include "records/finding.h"

namespace xk {

struct TimeInterval {
  Instant start = 0;  // seconds; fractional precision is not needed for officers
  Instant end = 0;
};

enum class PictureMarkKind { kBlack, kFrozen, kReplay };
struct PictureMark {
  Instant start = 0;
  Instant end = 0;
  PictureMarkKind kind = PictureMarkKind::kBlack;
};

// What one required camera recorded during one session to be filmed (also drawn as the timeline).
struct CameraCoverage {
  FilmedSession session;
  std::string camera;
  Instant window_start = 0;  // session start minus padding
  Instant window_end = 0;
  std::vector<TimeInterval> covered;              // readable video inside the window, merged
  std::vector<TimeInterval> unreadable;           // time unreadable files should have covered
  std::vector<TimeInterval> gaps;                 // uncovered stretches >= the minimum gap
  std::vector<const RecordingFacts*> recordings;  // files touching the window, by start
  std::vector<PictureMark> picture_marks;         // black/frozen/replayed stretches in the window
};

// Where a recording's video lies in absolute time (covered intervals placed at its start), or
// nothing when it is unreadable or cannot be placed in time.
std::vector<TimeInterval> AbsoluteCoverage(const RecordingFacts& recording);

std::vector<CameraCoverage> ComputeCoverage(const DetectorInput& input);

// A finding of `rule` on one camera of a filmed session: the session's institution, date, class
// (classroom sessions), session id and room, the camera, and the session's row as evidence.
Finding CameraFinding(RuleId rule, const CameraCoverage& coverage, std::string subject);

std::vector<Finding> DetectCoverageRules(const DetectorInput& input);

}  // namespace xk
