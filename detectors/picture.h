// What the picture of a full-process recording shows (rules.md "Exam centres"):
// EXM-VIDEO-BLACK, EXM-VIDEO-FROZEN, EXM-VIDEO-REPLAY. Pure functions of the sampled picture
// statistics (MediaProbe::samples, see src/media/frame_sampler.h); no file or libav access.
//
// Each camera's recordings are laid end to end in absolute time (recording start + sample t),
// split where a recording has a hole. Pieces whose ends lie within gap_min_seconds of each
// other are joined (segment rollover), so a stretch continues across files and is reported
// once. A stretch that runs to the end of the joined pieces is closed there (FFmpeg's
// freezedetect never closes such a freeze). Samples are as dense as the sampling made them
// (keyframes, 1-2 s apart, or every frame): edges are those of the first sample in and the
// first sample out, so they are exact with thorough sampling and within one keyframe interval
// otherwise.
//
//  - black (blackdetect's rule): a sample is black when its black_ratio >= black_picture_ratio;
//    a stretch runs from the first black sample to the first sample that is not.
//  - frozen (freezedetect's rule): the first sample of a candidate freeze is the reference; the
//    freeze goes on while the picture stays within 10^(frozen_noise_db/20) of the reference.
//    The distance to the reference is bounded by the sum of the sample-to-sample differences
//    since it (triangle inequality), so a stretch reported frozen is frozen by freezedetect's
//    rule too, and a slow drift never passes as a freeze. Across files, where the statistics
//    hold no difference, the pictures on both sides must have the same fingerprint (within 4
//    bits) and brightness (within 2 levels). A frozen stretch mostly inside a black one is left
//    to the black finding.
//  - replay: a stretch of one camera whose fingerprints match, sample for sample and in order,
//    footage of another time (>= replay_min_seconds away) of the same camera or of any time of
//    another camera: at least 80 % of its samples within 4 bits of the other footage's sample
//    at the same offset and 1 bit apart on average (a copy, even re-encoded, repeats them
//    almost exactly; the same room at another time differs by a few bits here and there), no
//    two misses in a row, black pictures left out. The match must show activity: along the
//    matched stretch the picture changes by 6 bits or more (sensor noise flips at most 2) at
//    least 3 times, so a static room (only sensor noise and the clock) never matches another
//    day of the same static room. Reported on the later copy (the other footage is the
//    source); copies made at the same instant on two cameras are reported on the camera that
//    sorts last.
//
// Findings are made for the part of a stretch inside a held session of a camera the room
// requires (cameras.csv), padded as the coverage rules pad it, when that part reaches the
// minimum duration. Recordings not analysed (MediaProbe::analysed false) give no stretches.
#pragma once

#include <vector>

#include "detectors/coverage.h"
#include "detectors/detector_input.h"
#include "records/finding.h"
#include "records/media_facts.h"

namespace xk {

// One black, frozen or replayed stretch of one camera's footage, archive-wide (not yet
// matched to sessions).
struct PictureStretch {
  PictureMarkKind kind = PictureMarkKind::kBlack;
  std::string institution, room, camera;
  double start = 0;  // absolute seconds since the epoch (recording start + sample t)
  double end = 0;
  // The recordings the stretch lies in, first to last (pointers into DetectorInput::recordings).
  std::vector<const RecordingFacts*> files;
  double start_in_file = 0;    // seconds from the start of files.front()
  bool closed_at_end = false;  // ran to the end of the footage (not to a picture change)
  // Replay only: where the repeated footage is.
  const RecordingFacts* source = nullptr;
  std::string source_room, source_camera;
  double source_start = 0;          // absolute
  double source_start_in_file = 0;  // seconds from the start of `source`
  int matched_samples = 0;
};

// Every stretch in the recordings, sorted by institution, room, camera, start, kind.
std::vector<PictureStretch> FindPictureStretches(const DetectorInput& input);

// EXM-VIDEO-BLACK, EXM-VIDEO-FROZEN and EXM-VIDEO-REPLAY for the held sessions.
std::vector<Finding> DetectPictureRules(const DetectorInput& input);

// The stretches of `coverage`'s camera inside its window, for the session timeline.
std::vector<PictureMark> PictureMarks(const std::vector<PictureStretch>& stretches, const CameraCoverage& coverage);

// Fills picture_marks of every coverage (FindPictureStretches once, then PictureMarks).
void MarkPictures(const DetectorInput& input, std::vector<CameraCoverage>* coverages);

// The same rules on the samples of a single file, in seconds from its start (for comparing
// with FFmpeg's blackdetect and freezedetect on one file). `duration` closes a stretch that
// runs to the end. Holes are not considered.
std::vector<MediaInterval> BlackIntervals(const std::vector<PictureSample>& samples, double duration,
                                          const AuditPolicy& policy);
std::vector<MediaInterval> FrozenIntervals(const std::vector<PictureSample>& samples, double duration,
                                           const AuditPolicy& policy);

}  // namespace xk
