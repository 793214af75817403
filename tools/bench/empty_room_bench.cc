// Error rates of the empty-room rule (TRN-VIDEO-EMPTY-ROOM) on generated classroom video. For
// each scene (tools/demo/classroom_scenes.h) it encodes --clips clips of --seconds seconds with
// seeds 1..N and sensor noise cycling through 1.5, 3, 4.5 and 6 levels, judges each with the real
// pipeline (probe, keyframe sampling, motion measure, coverage, picture and empty-room rules) and
// prints per scene how often the judgment was right, the motion measured (mean over the clips of
// each clip's mean) and, for the empty-room rule, the false findings on classes and the missed
// empty rooms.
//
//   build/xunkao_empty_room_bench [--clips N] [--seconds S] [--fps F]
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tools/demo/classroom_scenes.h"

namespace {

int IntOption(int argc, char** argv, const std::string& name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::atoi(argv[i + 1]);
  }
  return fallback;
}

bool Has(const std::vector<std::string>& rules, const std::string& code) {
  return std::find(rules.begin(), rules.end(), code) != rules.end();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace xk;
  const int clips = std::max(1, IntOption(argc, argv, "--clips", 20));
  const int seconds = std::max(12, IntOption(argc, argv, "--seconds", 40));
  const int fps = std::max(1, IntOption(argc, argv, "--fps", 5));
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "xunkao_empty_room_bench";
  std::filesystem::create_directories(dir);
  const AuditPolicy policy;
  const double noises[] = {1.5, 3.0, 4.5, 6.0};
  fmt::print(
      "empty-room rule on generated classroom video: {} clips a scene, {} s each, 320x180 at {} fps, "
      "H.264, keyframe every 2 s; motion threshold {:.2f} %, still share {:.0f} %\n",
      clips, seconds, fps, policy.empty_room_motion_ratio * 100, policy.empty_room_still_share * 100);
  fmt::print("{:<16} {:>6} {:>7} {:>12} {:>12} {:>14}\n", "scene", "right", "wrong", "empty-room", "mean motion",
             "still samples");
  for (ClassroomScene scene : AllClassroomScenes()) {
    int right = 0, empty_found = 0, errors = 0;
    double motion = 0, still = 0;
    for (int i = 0; i < clips; ++i) {
      const double noise = noises[i % 4];
      const ClassroomJudgment judgment =
          JudgeClassroomRecording((dir / "clip.mp4").string(),
                                  ClassroomScript(scene, static_cast<uint32_t>(i + 1), seconds, fps, noise), policy);
      if (!judgment.error.empty()) {
        ++errors;
        fmt::print(stderr, "{}: {}\n", ClassroomSceneName(scene), judgment.error);
        continue;
      }
      const std::string expected = ExpectedClassroomRule(scene);
      const bool ok =
          expected.empty() ? judgment.rules.empty() : judgment.rules.size() == 1 && judgment.rules[0] == expected;
      right += ok;
      empty_found += Has(judgment.rules, "TRN-VIDEO-EMPTY-ROOM");
      motion += judgment.mean_motion;
      still += judgment.still_share;
    }
    const int judged = clips - errors;
    fmt::print("{:<16} {:>6} {:>7} {:>12} {:>11.3f}% {:>13.0f}%\n", ClassroomSceneName(scene), right, judged - right,
               empty_found, judged ? 100 * motion / judged : 0.0, judged ? 100 * still / judged : 0.0);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
