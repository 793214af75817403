// The demo archive: a synthetic city (training institutions and an exam centre) written in the
// archive format (the bureau's archive contract, README "The archive") with violations injected on purpose, and a key
// of what must be found and what must stay silent. Deterministic for a seed. Used by `xunkao demo`, the end-to-end
// tests and the benchmarks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace xk {

// How much the generator writes beside the fixed cast (whose injected violations the key
// lists). Everything added by a larger scale is clean: it adds no expected finding.
struct DemoScale {
  int extra_institutions = 0;  // clean training institutions PX10, PX11, ... beside the fixed cast
  int classes_per_extra = 3;   // clean classes of each extra institution, a week apart
  int extra_exam_days = 0;     // clean exam days from 2022-04-18 on: session X01, X02, ... in room A
  int cameras_per_room = 2;    // cameras of rooms A and B (at least 2); cameras 3.. record cleanly
  bool video = true;           // write the exam centre's CCTV recordings
  int exam_minutes = 30;       // length of each exam session (and its recordings); the day-before
                               // session S0 lasts at most 10 minutes
  int video_fps = 5;
  int video_width = 320;   // even, at least 16
  int video_height = 180;  // even, at least 16
};

// One expected finding: rule, institution and the findings.json fields that identify it.
struct ExpectedFinding {
  std::string rule;
  std::string institution;
  std::vector<std::pair<std::string, std::string>> match;  // field -> value
  std::string note;                                        // what was injected
};

// A subject on which no finding at all may appear (a clean negative).
struct CleanSubject {
  std::string institution;
  std::vector<std::pair<std::string, std::string>> match;
  std::string note;
};

struct DemoKey {
  std::vector<ExpectedFinding> expected;
  std::vector<CleanSubject> clean;
};

// Writes the archive into `dir` (created; existing files replaced) and its key as
// `dir`/key.json. Throws std::runtime_error naming the file it could not write.
DemoKey WriteDemoArchive(const std::filesystem::path& dir, const DemoScale& scale, uint32_t seed);

std::string DemoKeyJson(const DemoKey& key);
DemoKey DemoKeyFromJson(const std::string& json);

}  // namespace xk
