// The archives catalog_bench measures, generated once into its folder and reused while their
// description is unchanged (catalog_bench.cc lists them): the recordings (20 distinct 36 s
// 1280x720 H.264 recordings, each as MP4 and as MPEG-PS, and 4 short 320x180 MP4 ones), written
// once; exam-centre archives of hard links to them in the default layout
// exams/<centre>/video/<room>/<camera>/<date>/<time>.<ext>, with the tables the pipeline needs
// (institutions, plan, sessions, candidates, staff, cameras); and the nightly archive, the small
// one plus the recordings of a new day.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "records/civil_time.h"

namespace xk::bench {

constexpr int kDistinct = 20;      // distinct big recordings
constexpr int kBigSeconds = 36;    // the length of each
constexpr int kSmallDistinct = 4;  // distinct small recordings
constexpr int kSmallSeconds = 30;  // the length of each

struct MediaSet {
  std::vector<std::filesystem::path> mp4;    // the big recordings as MP4
  std::vector<std::filesystem::path> ps;     // the same streams as MPEG-PS
  std::vector<std::filesystem::path> small;  // short low-resolution MP4 recordings
};

// The recordings in DIR/media-v1, writing those that are not there yet, `jobs` at a time
// (several minutes the first time; an interrupted generation resumes).
MediaSet EnsureMedia(const std::filesystem::path& dir, int jobs);

struct ArchiveSpec {
  std::string name;  // folder under DIR
  int centres = 1;
  int rooms = 2;
  int cameras = 2;
  int days = 1;
  int files_per_day = 50;  // per camera, consecutive from 09:00
  int file_seconds = kBigSeconds;
  std::string extension;
  std::vector<std::filesystem::path> sources;  // cycled through
  xk::Date first_day = xk::DateFromYmd(2024, 3, 15);

  int files() const { return centres * rooms * cameras * days * files_per_day; }
  // What the archive is built from, as its .complete marker holds it.
  std::string Describe() const;
};

struct Archive {
  std::filesystem::path root;
  std::string key;                           // what the archive was built from (ArchiveSpec::Describe)
  std::vector<std::filesystem::path> files;  // every recording, absolute
  int64_t bytes = 0;
  std::vector<std::filesystem::path> sample;  // first files of distinct sources (for ffprobe)
};

// The archive `spec` describes in DIR/<spec.name>, rebuilt when its description changed.
Archive EnsureArchive(const std::filesystem::path& dir, const ArchiveSpec& spec);

// DIR/archive-nightly: archive-small (hard links, tables copied) plus `nightly_new` recordings
// (the big MP4 ones) of a day after it; rebuilt when either changed.
std::filesystem::path EnsureNightlyArchive(const std::filesystem::path& dir, int nightly_new, const Archive& small,
                                           const MediaSet& media);

}  // namespace xk::bench
