// Empty-room detection on generated classroom video: each of the five scenes (an empty room
// with sensor noise and the OSD clock, a quiet class of seated people with small movements, a
// busy class, a dark room, a frozen picture) is encoded with H.264, probed, sampled and measured
// as the audit does, and the coverage, picture and empty-room rules must judge it right.
#include "tools/demo/classroom_scenes.h"

#include <gtest/gtest.h>

#include "tests/media/media_temp_dir.h"

namespace xk {
namespace {

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += item + "\n";
  return out;
}

class ClassroomSceneTest : public ::testing::TestWithParam<ClassroomScene> {};

TEST_P(ClassroomSceneTest, JudgedRight) {
  const ClassroomScene scene = GetParam();
  MediaTempDir dir;
  const AuditPolicy policy;
  for (uint32_t seed : {1u, 2u}) {
    const ClassroomJudgment judgment =
        JudgeClassroomRecording(dir.File("clip.mp4"), ClassroomScript(scene, seed, 40), policy);
    ASSERT_EQ(judgment.error, "");
    EXPECT_GE(judgment.samples, 15);
    const std::string expected = ExpectedClassroomRule(scene);
    const std::vector<std::string> wanted =
        expected.empty() ? std::vector<std::string>{} : std::vector<std::string>{expected};
    EXPECT_EQ(judgment.rules, wanted) << ClassroomSceneName(scene) << " seed " << seed << ": mean motion "
                                      << judgment.mean_motion << ", still share " << judgment.still_share << "\n"
                                      << Joined(judgment.summaries_zh);
    if (scene == ClassroomScene::kQuietClass || scene == ClassroomScene::kBusyClass) {
      EXPECT_LT(judgment.still_share, policy.empty_room_still_share) << ClassroomSceneName(scene);
    }
    if (scene == ClassroomScene::kBusyClass) {
      EXPECT_GT(judgment.mean_motion, 0.01);
    }
    if (scene == ClassroomScene::kEmptyRoom) {
      EXPECT_LT(judgment.mean_motion, policy.empty_room_motion_ratio);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Scenes, ClassroomSceneTest, ::testing::ValuesIn(AllClassroomScenes()),
                         [](const ::testing::TestParamInfo<ClassroomScene>& info) {
                           std::string name = ClassroomSceneName(info.param);
                           for (char& c : name) {
                             if (c == ' ') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace xk
