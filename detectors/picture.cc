#include "detectors/picture.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "detectors/rule_table.h"

namespace xk {

namespace {

// Pictures on both sides of a file boundary count as the same (for a freeze going on across
// it) within these: the statistics of two files hold no pixel difference.
constexpr int kSamePictureBits = 4;
constexpr double kSamePictureLuma = 2.0;
constexpr double kSamePictureBlackShare = 0.02;
// A stretch still going on at the last sample is closed at the end of the footage when that is
// this close to the sample (the sampler leaves at most one keyframe interval undecoded), else
// at the last sample: what was not decoded is not reported.
constexpr double kMaxTailSeconds = 3.0;
// A frozen stretch this much inside black stretches is left to the black finding.
constexpr double kFrozenInsideBlackShare = 0.5;

// Replay matching (see picture.h). A copy, even re-encoded, repeats the fingerprints almost
// exactly (0-2 bits apart, mostly 0); the same room at another time, even with people moving
// the same way, differs by a few bits here and there. Sensor noise flips at most 2 bits.
constexpr int kReplayNearBits = 4;          // a sample matches within this many bits
constexpr double kReplayMaxMeanBits = 1.0;  // and the stretch's samples are this close on average
constexpr int kReplayChangeBits = 6;        // the picture "changes" by at least this
constexpr int kReplayMinChanges = 3;        // activity: changes along the matched stretch
constexpr double kReplayMinMatchShare = 0.8;
constexpr double kReplayThinSeconds = 0.5;  // at most two samples a second take part
constexpr double kReplayTolerance = 0.6;    // seconds between a sample and its counterpart
constexpr double kReplayContinuity = 5.0;   // samples further apart are not continuous footage
constexpr size_t kReplayMaxBucket = 512;    // fingerprint bands shared this widely say nothing
constexpr size_t kReplayMinVotes = 3;
constexpr size_t kReplayMaxVotesPerPicture = 64;  // a picture seen more often than this is not distinctive
constexpr double kReplayVoteCluster = 0.5;        // seconds: votes for one offset

using CameraKey = std::tuple<std::string, std::string, std::string>;  // institution, room, camera

bool Placeable(const RecordingFacts& r) { return r.name_start.has_value() || r.probe.creation_time.has_value(); }

bool IsBlack(const PictureSample& s, const AuditPolicy& policy) { return s.black_ratio >= policy.black_picture_ratio; }

double FrozenThreshold(const AuditPolicy& policy) { return std::pow(10.0, policy.frozen_noise_db / 20.0); }

bool SamePicture(const PictureSample& a, const PictureSample& b) {
  return std::popcount(a.fingerprint ^ b.fingerprint) <= kSamePictureBits &&
         std::abs(a.mean_luma - b.mean_luma) <= kSamePictureLuma &&
         std::abs(a.black_ratio - b.black_ratio) <= kSamePictureBlackShare;
}

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

// freezedetect's rule over points [first, end) of a segment ending at `end_time`.
std::vector<Run> FrozenRuns(const std::vector<Point>& points, size_t first, size_t end, double end_time,
                            const AuditPolicy& policy) {
  std::vector<Run> runs;
  if (first >= end) return runs;
  const double threshold = FrozenThreshold(policy);
  size_t reference = first;
  double distance = 0;  // bound on the distance to the reference
  int still = 0;        // points after the reference within the threshold
  for (size_t i = first + 1; i < end; ++i) {
    distance += points[i].step;
    if (distance <= threshold) {
      ++still;
      continue;
    }
    const double freeze_end = EndBefore(points, i);
    if (still > 0 && freeze_end - points[reference].t >= policy.frozen_min_seconds) {
      runs.push_back(Run{reference, points[reference].t, freeze_end, false});
    }
    reference = i;
    distance = 0;
    still = 0;
  }
  const double closing = ClosingTime(points[end - 1].t, end_time);
  if (still > 0 && closing - points[reference].t >= policy.frozen_min_seconds) {
    runs.push_back(Run{reference, points[reference].t, closing, true});
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

// ---- Replay ----

struct ReplaySample {
  double t = 0;
  uint64_t hash = 0;
  size_t point = 0;        // index into the track's points
  double footage_end = 0;  // end of the segment it lies in
};

struct ReplayTrack {
  const Track* track = nullptr;
  std::vector<ReplaySample> samples;  // non-black, thinned, by time
};

struct Vote {
  uint32_t source = 0, copy = 0;  // replay track indices
  double offset = 0;              // source time minus copy time
  uint32_t copy_sample = 0;
};

struct ReplayRun {
  uint32_t source = 0, copy = 0;
  double offset = 0;
  size_t first = 0, last = 0;  // matched copy samples
  double start = 0, end = 0;
  int matched = 0;
  double mean_bits = 0;  // mean fingerprint distance of the compared samples
};

std::vector<ReplayTrack> ReplayTracks(const std::vector<Track>& tracks, const AuditPolicy& policy) {
  std::vector<ReplayTrack> out;
  for (const Track& track : tracks) {
    ReplayTrack replay;
    replay.track = &track;
    for (const Segment& segment : track.segments) {
      double last_kept = -std::numeric_limits<double>::infinity();
      for (size_t i = segment.first; i < segment.end; ++i) {
        const Point& point = track.points[i];
        if (IsBlack(*point.sample, policy)) continue;
        if (point.t - last_kept < kReplayThinSeconds) continue;
        last_kept = point.t;
        replay.samples.push_back(ReplaySample{point.t, point.sample->fingerprint, i, segment.end_time});
      }
    }
    std::stable_sort(replay.samples.begin(), replay.samples.end(),
                     [](const ReplaySample& a, const ReplaySample& b) { return a.t < b.t; });
    out.push_back(std::move(replay));
  }
  return out;
}

// Whether footage of `copy` at copy_t is the later one of a pair with `source` at source_t.
bool IsLater(const Track& copy, double copy_t, const Track& source, double source_t) {
  if (std::abs(copy_t - source_t) > kReplayVoteCluster) return copy_t > source_t;
  return std::tie(copy.institution, copy.room, copy.camera) > std::tie(source.institution, source.room, source.camera);
}

// The greedy count of picture changes along `hashes`.
int PictureChanges(const std::vector<uint64_t>& hashes) {
  if (hashes.empty()) return 0;
  int changes = 0;
  uint64_t state = hashes.front();
  for (uint64_t hash : hashes) {
    if (std::popcount(hash ^ state) >= kReplayChangeBits) {
      ++changes;
      state = hash;
    }
  }
  return changes;
}

// The sample of `track` nearest to time t (index), or size() when empty.
size_t Nearest(const ReplayTrack& track, double t) {
  const auto& s = track.samples;
  auto it = std::lower_bound(s.begin(), s.end(), t, [](const ReplaySample& a, double v) { return a.t < v; });
  size_t index = static_cast<size_t>(it - s.begin());
  if (index == s.size()) return s.empty() ? s.size() : s.size() - 1;
  if (index > 0 && t - s[index - 1].t < s[index].t - t) return index - 1;
  return index;
}

enum class Pairing { kMatch, kMiss, kNeutral, kBreak };

// How copy sample `i` compares with the source footage `offset` seconds away: its nearest
// sample there matches or misses; with none near enough the pairing is neutral inside
// continuous source footage and breaks the match where that footage ends.
Pairing Pair(const ReplayTrack& copy, size_t i, const ReplayTrack& source, double offset, int* bits = nullptr) {
  const auto& s = source.samples;
  const double target = copy.samples[i].t + offset;
  const size_t j = Nearest(source, target);
  if (j >= s.size()) return Pairing::kBreak;
  if (std::abs(s[j].t - target) <= kReplayTolerance) {
    const int distance = std::popcount(copy.samples[i].hash ^ s[j].hash);
    if (bits != nullptr) *bits += distance;
    return distance <= kReplayNearBits ? Pairing::kMatch : Pairing::kMiss;
  }
  const size_t upper = s[j].t >= target ? j : j + 1;  // first sample at or after the target
  if (upper == 0 || upper >= s.size()) return Pairing::kBreak;
  return s[upper].t - s[upper - 1].t <= kReplayContinuity ? Pairing::kNeutral : Pairing::kBreak;
}

// Grows a run of matches around copy sample `seed` (a match), both ways, through single
// misses and neutral samples; it stops at two misses in a row, at a break in either footage.
ReplayRun GrowRun(const ReplayTrack& copy, const ReplayTrack& source, double offset, size_t seed) {
  ReplayRun run;
  run.offset = offset;
  run.first = run.last = seed;
  for (int direction : {+1, -1}) {
    int misses_in_a_row = 0;
    size_t i = seed;
    for (;;) {
      if (direction > 0 ? i + 1 >= copy.samples.size() : i == 0) break;
      const size_t next = direction > 0 ? i + 1 : i - 1;
      if (std::abs(copy.samples[next].t - copy.samples[i].t) > kReplayContinuity) break;
      const Pairing pairing = Pair(copy, next, source, offset);
      if (pairing == Pairing::kBreak) break;
      i = next;
      if (pairing == Pairing::kMatch) {
        misses_in_a_row = 0;
        (direction > 0 ? run.last : run.first) = i;
      } else if (pairing == Pairing::kMiss && ++misses_in_a_row >= 2) {
        break;
      }
    }
  }
  int missed = 0, compared = 0, bits = 0;
  for (size_t i = run.first; i <= run.last; ++i) {
    const Pairing pairing = Pair(copy, i, source, offset, &bits);
    run.matched += pairing == Pairing::kMatch;
    missed += pairing == Pairing::kMiss;
    compared += pairing == Pairing::kMatch || pairing == Pairing::kMiss;
  }
  run.mean_bits = compared > 0 ? static_cast<double>(bits) / compared : 64.0;
  run.start = copy.samples[run.first].t;
  const bool continues = run.last + 1 < copy.samples.size() &&
                         copy.samples[run.last + 1].t - copy.samples[run.last].t <= kReplayContinuity;
  run.end = continues ? copy.samples[run.last + 1].t
                      : std::min(copy.samples[run.last].footage_end, copy.samples[run.last].t + kReplayContinuity);
  if (static_cast<double>(run.matched) < kReplayMinMatchShare * (run.matched + missed) ||
      run.mean_bits > kReplayMaxMeanBits) {
    run.matched = 0;
  }
  return run;
}

std::vector<PictureStretch> FindReplays(const std::vector<Track>& tracks, const AuditPolicy& policy) {
  const std::vector<ReplayTrack> replay = ReplayTracks(tracks, policy);

  // Index: the four 16-bit bands of every sample's fingerprint.
  struct Entry {
    uint32_t key;  // band << 16 | band value
    uint32_t track;
    uint32_t sample;
  };
  std::vector<Entry> index;
  for (uint32_t k = 0; k < replay.size(); ++k) {
    for (uint32_t i = 0; i < replay[k].samples.size(); ++i) {
      for (uint32_t band = 0; band < 4; ++band) {
        const auto value = static_cast<uint32_t>((replay[k].samples[i].hash >> (16 * band)) & 0xFFFF);
        index.push_back(Entry{band << 16 | value, k, i});
      }
    }
  }
  std::sort(index.begin(), index.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.key, a.track, a.sample) < std::tie(b.key, b.track, b.sample);
  });

  // Copy track by copy track (so the votes held are one track's): each picture change of the
  // copy looks up the footage that has its fingerprint and votes for the offset to it.
  std::vector<ReplayRun> runs;
  std::vector<Vote> votes;
  std::vector<Vote> query_votes;
  for (uint32_t c = 0; c < replay.size(); ++c) {
    const ReplayTrack& copy = replay[c];
    votes.clear();
    uint64_t state = 0;
    bool has_state = false;
    for (uint32_t i = 0; i < copy.samples.size(); ++i) {
      const ReplaySample& query = copy.samples[i];
      if (has_state && std::popcount(query.hash ^ state) < kReplayChangeBits) continue;
      state = query.hash;
      has_state = true;
      query_votes.clear();
      for (uint32_t band = 0; band < 4; ++band) {
        const uint32_t key = band << 16 | static_cast<uint32_t>((query.hash >> (16 * band)) & 0xFFFF);
        auto range = std::equal_range(index.begin(), index.end(), Entry{key, 0, 0},
                                      [](const Entry& a, const Entry& b) { return a.key < b.key; });
        if (static_cast<size_t>(range.second - range.first) > kReplayMaxBucket) continue;
        for (auto it = range.first; it != range.second; ++it) {
          const ReplaySample& other = replay[it->track].samples[it->sample];
          if (std::popcount(other.hash ^ query.hash) > kReplayNearBits) continue;
          const double offset = other.t - query.t;
          if (it->track == c && std::abs(offset) < policy.replay_min_seconds) continue;
          if (!IsLater(*copy.track, query.t, *replay[it->track].track, other.t)) continue;
          query_votes.push_back(Vote{it->track, c, offset, i});
        }
      }
      // A picture found all over the archive (the bare room) says nothing about where it came from.
      std::sort(query_votes.begin(), query_votes.end(), [](const Vote& a, const Vote& b) {
        return std::tie(a.source, a.offset) < std::tie(b.source, b.offset);
      });
      query_votes.erase(
          std::unique(query_votes.begin(), query_votes.end(),
                      [](const Vote& a, const Vote& b) { return a.source == b.source && a.offset == b.offset; }),
          query_votes.end());
      if (query_votes.size() > kReplayMaxVotesPerPicture) continue;
      votes.insert(votes.end(), query_votes.begin(), query_votes.end());
    }
    std::sort(votes.begin(), votes.end(),
              [](const Vote& a, const Vote& b) { return std::tie(a.source, a.offset) < std::tie(b.source, b.offset); });

    // Clusters of votes for one offset to one track, verified sample by sample.
    for (size_t begin = 0; begin < votes.size();) {
      size_t end = begin + 1;
      while (end < votes.size() && votes[end].source == votes[begin].source &&
             votes[end].offset - votes[end - 1].offset <= kReplayVoteCluster) {
        ++end;
      }
      std::vector<uint32_t> seeds;
      std::vector<double> offsets;
      for (size_t v = begin; v < end; ++v) {
        seeds.push_back(votes[v].copy_sample);
        offsets.push_back(votes[v].offset);
      }
      std::sort(seeds.begin(), seeds.end());
      seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
      if (seeds.size() >= kReplayMinVotes) {
        std::nth_element(offsets.begin(), offsets.begin() + static_cast<std::ptrdiff_t>(offsets.size() / 2),
                         offsets.end());
        const double offset = offsets[offsets.size() / 2];
        const ReplayTrack& source = replay[votes[begin].source];
        size_t covered_until = 0;
        bool any = false;
        for (uint32_t seed : seeds) {
          if (any && seed <= covered_until) continue;
          if (Pair(copy, seed, source, offset) != Pairing::kMatch) continue;
          ReplayRun run = GrowRun(copy, source, offset, seed);
          run.source = votes[begin].source;
          run.copy = c;
          covered_until = run.last;
          any = true;
          if (run.matched == 0 || run.end - run.start < policy.replay_min_seconds) continue;
          std::vector<uint64_t> hashes;
          for (size_t i = run.first; i <= run.last; ++i) {
            if (Pair(copy, i, source, offset) == Pairing::kMatch) hashes.push_back(copy.samples[i].hash);
          }
          if (PictureChanges(hashes) < kReplayMinChanges) continue;
          runs.push_back(run);
        }
      }
      begin = end;
    }
  }

  // One stretch per stretch of a copy: the longest match, the earliest source on a tie.
  std::sort(runs.begin(), runs.end(), [](const ReplayRun& a, const ReplayRun& b) {
    return std::tie(a.copy, a.start) < std::tie(b.copy, b.start);
  });
  std::vector<ReplayRun> kept;
  for (const ReplayRun& run : runs) {
    if (!kept.empty() && kept.back().copy == run.copy && run.start < kept.back().end) {
      ReplayRun& other = kept.back();
      const double run_length = run.end - run.start, other_length = other.end - other.start;
      if (run_length > other_length + 1e-9 ||
          (std::abs(run_length - other_length) <= 1e-9 && run.start + run.offset < other.start + other.offset)) {
        other = run;
      }
      continue;
    }
    kept.push_back(run);
  }

  std::vector<PictureStretch> out;
  for (const ReplayRun& run : kept) {
    const ReplayTrack& copy = replay[run.copy];
    const ReplayTrack& source = replay[run.source];
    Run as_run{copy.samples[run.first].point, run.start, run.end, false};
    PictureStretch s = MakeStretch(PictureMarkKind::kReplay, *copy.track, as_run);
    const Point& source_point = source.track->points[source.samples[Nearest(source, run.start + run.offset)].point];
    s.source = source.track->files[static_cast<size_t>(source_point.file)];
    s.source_room = source.track->room;
    s.source_camera = source.track->camera;
    s.source_start = run.start + run.offset;
    s.source_start_in_file = s.source_start - static_cast<double>(s.source->start);
    s.matched_samples = run.matched;
    out.push_back(std::move(s));
  }
  return out;
}

// ---- Findings ----

std::string Seconds(double seconds) { return fmt::format("{:.0f}", seconds); }

std::string FileList(const std::vector<const RecordingFacts*>& files) {
  std::string out;
  for (const auto* r : files) {
    if (!out.empty()) out += "、";
    out += r->path;
  }
  return out;
}

std::string FileListEn(const std::vector<const RecordingFacts*>& files) {
  std::string out;
  for (const auto* r : files) {
    if (!out.empty()) out += ", ";
    out += r->path;
  }
  return out;
}

}  // namespace

std::vector<PictureStretch> FindPictureStretches(const DetectorInput& input) {
  const AuditPolicy& policy = input.policy;
  const std::vector<Track> tracks = BuildTracks(input);
  std::vector<PictureStretch> out;
  for (const Track& track : tracks) {
    std::vector<PictureStretch> black, frozen;
    for (const Segment& segment : track.segments) {
      for (const Run& run : BlackRuns(track.points, segment.first, segment.end, segment.end_time, policy)) {
        black.push_back(MakeStretch(PictureMarkKind::kBlack, track, run));
      }
      for (const Run& run : FrozenRuns(track.points, segment.first, segment.end, segment.end_time, policy)) {
        frozen.push_back(MakeStretch(PictureMarkKind::kFrozen, track, run));
      }
    }
    for (PictureStretch& f : frozen) {
      double inside_black = 0;
      for (const PictureStretch& b : black) {
        inside_black += std::max(0.0, std::min(f.end, b.end) - std::max(f.start, b.start));
      }
      if (inside_black >= kFrozenInsideBlackShare * (f.end - f.start)) continue;
      out.push_back(std::move(f));
    }
    for (PictureStretch& b : black) out.push_back(std::move(b));
  }
  for (PictureStretch& r : FindReplays(tracks, policy)) out.push_back(std::move(r));
  std::sort(out.begin(), out.end(), [](const PictureStretch& a, const PictureStretch& b) {
    return std::tie(a.institution, a.room, a.camera, a.start, a.kind) <
           std::tie(b.institution, b.room, b.camera, b.start, b.kind);
  });
  return out;
}

std::vector<PictureMark> PictureMarks(const std::vector<PictureStretch>& stretches, const CameraCoverage& coverage) {
  std::vector<PictureMark> marks;
  if (coverage.session == nullptr) return marks;
  const ExamSession& s = *coverage.session;
  for (const PictureStretch& stretch : stretches) {
    if (stretch.institution != s.institution || stretch.room != s.room || stretch.camera != coverage.camera) continue;
    const auto start = std::max(static_cast<Instant>(std::floor(stretch.start)), coverage.window_start);
    const auto end = std::min(static_cast<Instant>(std::ceil(stretch.end)), coverage.window_end);
    if (end > start) marks.push_back(PictureMark{start, end, stretch.kind});
  }
  return marks;
}

void MarkPictures(const DetectorInput& input, std::vector<CameraCoverage>* coverages) {
  const std::vector<PictureStretch> stretches = FindPictureStretches(input);
  for (CameraCoverage& c : *coverages) c.picture_marks = PictureMarks(stretches, c);
}

std::vector<Finding> DetectPictureRules(const DetectorInput& input) {
  const AuditPolicy& policy = input.policy;
  const TimeZone& zone = policy.zone;
  const std::vector<PictureStretch> stretches = FindPictureStretches(input);
  std::vector<Finding> findings;
  if (stretches.empty()) return findings;

  for (const CameraCoverage& c : ComputeCoverage(input)) {
    const ExamSession& s = *c.session;
    for (const PictureStretch& stretch : stretches) {
      if (stretch.institution != s.institution || stretch.room != s.room || stretch.camera != c.camera) continue;
      const double start = std::max(stretch.start, static_cast<double>(c.window_start));
      const double end = std::min(stretch.end, static_cast<double>(c.window_end));
      const double seconds = end - start;
      const double minimum = stretch.kind == PictureMarkKind::kBlack    ? policy.black_min_seconds
                             : stretch.kind == PictureMarkKind::kFrozen ? policy.frozen_min_seconds
                                                                        : policy.replay_min_seconds;
      if (seconds < minimum) continue;

      const RecordingFacts& file = *stretch.files.front();
      const RuleId rule = stretch.kind == PictureMarkKind::kBlack    ? RuleId::kExmVideoBlack
                          : stretch.kind == PictureMarkKind::kFrozen ? RuleId::kExmVideoFrozen
                                                                     : RuleId::kExmVideoReplay;
      const char* kind_key = stretch.kind == PictureMarkKind::kBlack    ? "black"
                             : stretch.kind == PictureMarkKind::kFrozen ? "frozen"
                                                                        : "replay";
      Finding f = NewFinding(
          rule, s.institution,
          fmt::format("{}|{}|{:.0f}|session:{}", kind_key, file.path, std::floor(stretch.start_in_file), s.session_id),
          s.date);
      f.session_id = s.session_id;
      f.room = s.room;
      f.camera = c.camera;
      f.file = file.path;
      f.start = static_cast<Instant>(std::floor(start));
      f.end = static_cast<Instant>(std::ceil(end));
      f.measured = std::round(seconds * 10) / 10;
      f.required = minimum;
      f.unit = "s";
      f.rows.push_back(s.source);
      for (const RecordingFacts* r : stretch.files) f.evidence.push_back(Evidence{r->path, "", "录像文件 (recording)"});

      // "2022-04-15 09:06:00–09:07:00，录像文件 X 第 60 秒起" / "..., recording X from 60 s"
      const std::string when = fmt::format("{} {}–{}", FormatDate(LocalDate(*f.start, zone)),
                                           FormatLocalTime(*f.start, zone), FormatLocalTime(*f.end, zone));
      const bool several = stretch.files.size() > 1;
      const std::string where =
          when + (several ? fmt::format("，跨 {} 个录像文件：{}", stretch.files.size(), FileList(stretch.files))
                          : fmt::format("，录像文件 {} 第 {:.0f} 秒起", file.path, stretch.start_in_file));
      const std::string where_en =
          when + (several ? fmt::format(", across {} recordings: {}", stretch.files.size(), FileListEn(stretch.files))
                          : fmt::format(", recording {} from {:.0f} s", file.path, stretch.start_in_file));
      const bool to_end = stretch.closed_at_end && end >= stretch.end;
      const std::string lasting = to_end ? "，持续到录像结束" : "";
      const std::string lasting_en = to_end ? ", to the end of the footage" : "";
      const std::string head = fmt::format("考场 {} 摄像机 {} 场次 {} ", s.room, c.camera, s.session_id);
      const std::string head_en = fmt::format("room {} camera {} session {}: ", s.room, c.camera, s.session_id);
      switch (stretch.kind) {
        case PictureMarkKind::kBlack:
          f.basis += "；阈值取 FFmpeg blackdetect 默认值（黑像素占画面≥98%，黑像素为亮度不超过亮度范围10%的像素）";
          f.summary_zh = fmt::format("{}录像画面全黑 {} 秒（{}）{}：镜头被遮挡或无信号，该时段没有有效录像", head,
                                     Seconds(seconds), where, lasting);
          f.summary_en = fmt::format("{}black picture for {} s ({}){}: lens covered or no signal", head_en,
                                     Seconds(seconds), where_en, lasting_en);
          break;
        case PictureMarkKind::kFrozen:
          f.basis += "；阈值取 FFmpeg freezedetect（与参照帧的平均绝对差不超过 -60 dB）";
          f.summary_zh = fmt::format("{}录像画面冻结 {} 秒（{}）{}：画面与参照帧的差异不超过 {} dB，该时段没有录下现场",
                                     head, Seconds(seconds), where, lasting, policy.frozen_noise_db);
          f.summary_en = fmt::format("{}frozen picture for {} s ({}){}: the picture stays within {} dB of one frame",
                                     head_en, Seconds(seconds), where_en, lasting_en, policy.frozen_noise_db);
          break;
        case PictureMarkKind::kReplay: {
          const RecordingFacts& source = *stretch.source;
          const Instant source_start = static_cast<Instant>(std::floor(stretch.source_start));
          const bool same_camera = stretch.source_room == s.room && stretch.source_camera == c.camera;
          f.evidence.push_back(Evidence{source.path, "", "被重复的原始录像 (the footage repeated)"});
          const std::string source_camera =
              same_camera ? "同一摄像机"
                          : fmt::format("考场 {} 摄像机 {} ", stretch.source_room, stretch.source_camera);
          const std::string source_camera_en =
              same_camera ? "the same camera"
                          : fmt::format("room {} camera {}", stretch.source_room, stretch.source_camera);
          f.summary_zh = fmt::format(
              "{}有 {} 秒录像（{}）与{} {} 起的录像（录像文件 {} 第 {:.0f} 秒起）画面依次相同：是回放或复制的录像，"
              "不是考试现场",
              head, Seconds(seconds), where, source_camera, FormatLocal(source_start, zone), source.path,
              stretch.source_start_in_file);
          f.summary_en = fmt::format(
              "{}{} s of footage ({}) repeat, picture for picture, the footage of {} from {} (recording {} from "
              "{:.0f} s): replayed or copied video",
              head_en, Seconds(seconds), where_en, source_camera_en, FormatInstant(source_start, zone), source.path,
              stretch.source_start_in_file);
          break;
        }
      }
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

namespace {

// A one-file track for the file-level functions.
Track SingleFileTrack(const std::vector<PictureSample>& samples, double duration) {
  Track track;
  track.segments.push_back(Segment{0, samples.size(), 0, 0});
  for (size_t i = 0; i < samples.size(); ++i) {
    Point point;
    point.t = samples[i].t;
    point.sample = &samples[i];
    point.step = i == 0 ? 0.0 : samples[i].diff_from_prev;
    point.piece_end = duration;
    track.points.push_back(point);
  }
  return track;
}

std::vector<MediaInterval> ToIntervals(const std::vector<Run>& runs) {
  std::vector<MediaInterval> out;
  for (const Run& run : runs) out.push_back(MediaInterval{run.start, run.end});
  return out;
}

}  // namespace

std::vector<MediaInterval> BlackIntervals(const std::vector<PictureSample>& samples, double duration,
                                          const AuditPolicy& policy) {
  const Track track = SingleFileTrack(samples, duration);
  return ToIntervals(BlackRuns(track.points, 0, track.points.size(), duration, policy));
}

std::vector<MediaInterval> FrozenIntervals(const std::vector<PictureSample>& samples, double duration,
                                           const AuditPolicy& policy) {
  const Track track = SingleFileTrack(samples, duration);
  return ToIntervals(FrozenRuns(track.points, 0, track.points.size(), duration, policy));
}

}  // namespace xk
