// The picture rules' shared parts (detectors/picture.h is the interface): each camera's analysed
// footage as a track of sampled pictures in time order, the black and frozen stretches found in
// it, and the search for replayed footage (picture_replay.cc). Internal to detectors/picture*.cc.
#pragma once

#include <cstddef>
#include <string>
#include <tuple>
#include <vector>

#include "detectors/picture.h"

namespace xk::picture {

// A stretch still going on at the last sample is closed at the end of the footage when that is
// this close to the sample (the sampler leaves at most one keyframe interval undecoded), else
// at the last sample: what was not decoded is not reported.
inline constexpr double kMaxTailSeconds = 3.0;
// A frozen stretch this much inside black stretches is left to the black finding.
inline constexpr double kFrozenInsideBlackShare = 0.5;

using CameraKey = std::tuple<std::string, std::string, std::string>;  // institution, room, camera

bool IsBlack(const PictureSample& s, const AuditPolicy& policy);

// One sampled picture of a camera's footage.
struct Point {
  double t = 0;  // absolute seconds
  const PictureSample* sample = nullptr;
  int file = 0;          // index into Track::files
  int piece = 0;         // which stretch of video without a hole (numbered along the track)
  double piece_end = 0;  // absolute end of that stretch
  // The difference to the point before (freezedetect's measure): the sampler's own where both
  // lie in one file, else 0 for the same picture and infinity otherwise.
  double step = 0;
  // The difference to the sampler's reference picture (PictureSample::diff_from_reference) where
  // the point before lies in the same file; negative where unknown (then the steps since the
  // reference bound it).
  double to_reference = -1;
};

// Footage without a break: points [first, end) of the track, covering [start, end_time].
struct Segment {
  size_t first = 0, end = 0;
  double start = 0, end_time = 0;
};

// One camera's analysed footage in time order.
struct Track {
  std::string institution, room, camera;
  std::vector<const RecordingFacts*> files;
  std::vector<Point> points;
  std::vector<Segment> segments;
};

// A stretch found inside one segment, from point `first` on.
struct Run {
  size_t first = 0;
  double start = 0, end = 0;
  bool closed_at_end = false;
};

// Black and frozen stretches inside points [first, end) of one segment ending at `end_time`.
std::vector<Run> BlackRuns(const std::vector<Point>& points, size_t first, size_t end, double end_time,
                           const AuditPolicy& policy);
std::vector<Run> FrozenRuns(const std::vector<Point>& points, size_t first, size_t end, double end_time,
                            const AuditPolicy& policy);
// Every camera's analysed, placeable footage as tracks.
std::vector<Track> BuildTracks(const DetectorInput& input);
// The files of `track` that [start, end) lies in.
std::vector<const RecordingFacts*> FilesOver(const Track& track, double start, double end);
PictureStretch MakeStretch(PictureMarkKind kind, const Track& track, const Run& run);

// Footage of one camera repeated later on the same or another camera (see picture.h).
std::vector<PictureStretch> FindReplays(const std::vector<Track>& tracks, const AuditPolicy& policy);

}  // namespace xk::picture
