#include "detectors/picture_tracks.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>

namespace xk::picture {

namespace {

// Pictures on both sides of a file boundary count as the same (for a freeze going on across
// it) within these: the statistics of two files hold no pixel difference.
constexpr int kSamePictureBits = 4;
constexpr double kSamePictureLuma = 2.0;
constexpr double kSamePictureBlackShare = 0.02;

bool Placeable(const RecordingFacts& r) { return r.name_start.has_value() || r.probe.creation_time.has_value(); }

double FrozenThreshold(const AuditPolicy& policy) { return FrozenNoiseRatio(policy.frozen_noise_db); }

bool SamePicture(const PictureSample& a, const PictureSample& b) {
  return std::popcount(a.fingerprint ^ b.fingerprint) <= kSamePictureBits &&
         std::abs(a.mean_luma - b.mean_luma) <= kSamePictureLuma &&
         std::abs(a.black_ratio - b.black_ratio) <= kSamePictureBlackShare;
}

}  // namespace

bool IsBlack(const PictureSample& s, const AuditPolicy& policy) { return s.black_ratio >= policy.black_picture_ratio; }

double ClosingTime(double last_sample, double end_time) {
  return end_time - last_sample <= kMaxTailSeconds ? std::max(end_time, last_sample) : last_sample;
}

// Where a stretch that point `i` no longer belongs to ends: at that point, or, where the point
// opens the next piece of video (after a rollover or a short hole), at the end of the piece
// before it.
double EndBefore(const std::vector<Point>& points, size_t i) {
  const Point& before = points[i - 1];
  return points[i].piece == before.piece ? points[i].t : ClosingTime(before.t, before.piece_end);
}

// blackdetect's rule over points [first, end) of a segment ending at `end_time`.
std::vector<Run> BlackRuns(const std::vector<Point>& points, size_t first, size_t end, double end_time,
                           const AuditPolicy& policy) {
  std::vector<Run> runs;
  bool in_black = false;
  Run run;
  for (size_t i = first; i < end; ++i) {
    const bool black = IsBlack(*points[i].sample, policy);
    if (black && !in_black) {
      run = Run{i, points[i].t, 0, false};
      in_black = true;
    } else if (!black && in_black) {
      run.end = EndBefore(points, i);
      in_black = false;
      if (run.end - run.start >= policy.black_min_seconds) runs.push_back(run);
    }
  }
  if (in_black) {
    run.end = ClosingTime(points[end - 1].t, end_time);
    run.closed_at_end = true;
    if (run.end - run.start >= policy.black_min_seconds) runs.push_back(run);
  }
  return runs;
}

// Where a stretch frozen on the picture at `reference` began. freezedetect sees every frame and
// takes as its reference the first frame of the stretch; samples meet a picture that settles
// slowly (an encoder refining a stuck picture for seconds) later. The samples before `reference`
// (down to `floor`) whose steps to it add up to no more than the threshold show the same picture.
size_t SettledFrom(const std::vector<Point>& points, size_t floor, size_t reference, double threshold) {
  double back = 0;
  size_t start = reference;
  while (start > floor) {
    back += points[start].step;
    if (back > threshold) break;
    --start;
  }
  return start;
}

// freezedetect's rule over points [first, end) of a segment ending at `end_time`.
std::vector<Run> FrozenRuns(const std::vector<Point>& points, size_t first, size_t end, double end_time,
                            const AuditPolicy& policy) {
  std::vector<Run> runs;
  if (first >= end) return runs;
  const double threshold = FrozenThreshold(policy);
  size_t floor = first;  // where the stretch after the last run begins
  size_t reference = first;
  double distance = 0;  // bound on the distance to the reference
  int still = 0;        // points after the reference within the threshold
  for (size_t i = first + 1; i < end; ++i) {
    distance += points[i].step;
    // The sampler measured the distance to the reference itself (it keeps freezedetect's reference
    // picture, by the same threshold): a ticking OSD clock or a keyframe coded afresh changes a
    // still picture a little each time, which the sum of the steps would pile up.
    const double to_reference = points[i].to_reference >= 0 ? points[i].to_reference : distance;
    if (to_reference <= threshold) {
      ++still;
      continue;
    }
    const double freeze_end = EndBefore(points, i);
    if (still > 0 && freeze_end - points[reference].t >= policy.frozen_min_seconds) {
      const size_t start = SettledFrom(points, floor, reference, threshold);
      runs.push_back(Run{start, points[start].t, freeze_end, false});
      floor = i;
    }
    reference = i;
    distance = 0;
    still = 0;
  }
  const double closing = ClosingTime(points[end - 1].t, end_time);
  if (still > 0 && closing - points[reference].t >= policy.frozen_min_seconds) {
    const size_t start = SettledFrom(points, floor, reference, threshold);
    runs.push_back(Run{start, points[start].t, closing, true});
  }
  return runs;
}

// The analysed footage of every camera, joined across rollovers.
std::vector<Track> BuildTracks(const DetectorInput& input) {
  const AuditPolicy& policy = input.policy;
  std::map<CameraKey, std::vector<const RecordingFacts*>> by_camera;
  for (const auto& r : input.recordings) {
    if (r.probe.unreadable != UnreadableKind::kNone || !r.probe.analysed || !Placeable(r)) continue;
    by_camera[{r.institution, r.room, r.camera}].push_back(&r);
  }
  std::vector<Track> tracks;
  for (auto& [key, files] : by_camera) {
    std::sort(files.begin(), files.end(), [](const RecordingFacts* a, const RecordingFacts* b) {
      return std::tie(a->start, a->path) < std::tie(b->start, b->path);
    });
    Track track;
    std::tie(track.institution, track.room, track.camera) = key;
    track.files = files;

    // The pieces: each covered interval of each file, with its samples.
    struct Piece {
      double start = 0, end = 0;
      int file = 0;
      std::vector<const PictureSample*> samples;
    };
    std::vector<Piece> pieces;
    for (size_t f = 0; f < files.size(); ++f) {
      const RecordingFacts& r = *files[f];
      std::vector<MediaInterval> covered = r.probe.covered;
      if (covered.empty()) covered.push_back(MediaInterval{0, r.probe.duration});
      size_t next_sample = 0;
      for (size_t c = 0; c < covered.size(); ++c) {
        Piece piece;
        piece.file = static_cast<int>(f);
        piece.start = static_cast<double>(r.start) + covered[c].start;
        piece.end = static_cast<double>(r.start) + covered[c].end;
        const double limit = c + 1 < covered.size() ? covered[c + 1].start : std::numeric_limits<double>::infinity();
        while (next_sample < r.probe.samples.size() && r.probe.samples[next_sample].t < limit) {
          piece.samples.push_back(&r.probe.samples[next_sample]);
          ++next_sample;
        }
        pieces.push_back(std::move(piece));
      }
    }
    std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.start < b.start; });

    const Piece* previous = nullptr;
    int piece_number = 0;
    for (const Piece& piece : pieces) {
      ++piece_number;
      const bool joined = previous != nullptr && !previous->samples.empty() && !piece.samples.empty() &&
                          piece.start - previous->end <= policy.gap_min_seconds &&
                          piece.start >= previous->end - 1.0;  // overlapping files are not joined
      if (!joined) track.segments.push_back(Segment{track.points.size(), track.points.size(), piece.start, piece.end});
      Segment& segment = track.segments.back();
      for (const PictureSample* sample : piece.samples) {
        Point point;
        point.t = static_cast<double>(files[static_cast<size_t>(piece.file)]->start) + sample->t;
        point.sample = sample;
        point.file = piece.file;
        point.piece = piece_number;
        point.piece_end = piece.end;
        if (track.points.size() > segment.first) {
          const Point& before = track.points.back();
          point.step = before.file == point.file              ? sample->diff_from_prev
                       : SamePicture(*before.sample, *sample) ? 0.0
                                                              : std::numeric_limits<double>::infinity();
          if (before.file == point.file) point.to_reference = sample->diff_from_reference;
        }
        track.points.push_back(point);
      }
      segment.end = track.points.size();
      segment.end_time = std::max(segment.end_time, piece.end);
      previous = &piece;
    }
    tracks.push_back(std::move(track));
  }
  return tracks;
}

// The files of `track` that [start, end) lies in.
std::vector<const RecordingFacts*> FilesOver(const Track& track, double start, double end) {
  std::vector<const RecordingFacts*> out;
  for (const RecordingFacts* r : track.files) {
    const double file_start = static_cast<double>(r->start);
    const double file_end = file_start + r->probe.duration;
    if (file_start < end && file_end > start) out.push_back(r);
  }
  if (out.empty() && !track.files.empty()) {  // a stretch of zero length at a file's edge
    for (const RecordingFacts* r : track.files) {
      if (static_cast<double>(r->start) <= start) out = {r};
    }
  }
  return out;
}

PictureStretch MakeStretch(PictureMarkKind kind, const Track& track, const Run& run) {
  PictureStretch s;
  s.kind = kind;
  s.institution = track.institution;
  s.room = track.room;
  s.camera = track.camera;
  s.start = run.start;
  s.end = run.end;
  s.closed_at_end = run.closed_at_end;
  const RecordingFacts* first_file = track.files[static_cast<size_t>(track.points[run.first].file)];
  s.files = FilesOver(track, run.start, run.end);
  if (s.files.empty() || s.files.front() != first_file) s.files.insert(s.files.begin(), first_file);
  s.start_in_file = run.start - static_cast<double>(first_file->start);
  return s;
}

}  // namespace xk::picture
