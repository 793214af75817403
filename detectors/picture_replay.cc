// Replayed footage: a camera's pictures repeated later on the same or another camera, found by
// voting on fingerprint offsets and growing each candidate run (see picture.h).
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>

#include "detectors/picture_tracks.h"

namespace xk::picture {

namespace {

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

}  // namespace

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

}  // namespace xk::picture
