// The demo generator: same seed, same archive, byte for byte; the key lists every rule family;
// a larger scale adds clean material (institutions, classes, exam days, cameras, resolution)
// and no expected finding.
#include "tools/demo/demo_archive.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "detectors/rule_table.h"
#include "src/media/probe.h"
#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> Snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), root).string()] = e2e::ReadFile(entry.path());
  }
  return files;
}

std::set<std::string> Rules(const DemoKey& key) {
  std::set<std::string> rules;
  for (const auto& e : key.expected) rules.insert(e.rule);
  return rules;
}

int FilesIn(const fs::path& dir) {
  if (!fs::is_directory(dir)) return 0;
  return static_cast<int>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

DemoScale TinyVideo() {
  DemoScale scale;
  scale.exam_minutes = 10;  // two segments a camera: enough to compare bytes, quick
  scale.video_fps = 2;
  scale.video_width = 160;
  scale.video_height = 90;
  return scale;
}

TEST(DemoArchive, SameSeedSameBytes) {
  fs::path dir = e2e::FreshDir("determinism");
  DemoScale scale = TinyVideo();
  DemoKey key = WriteDemoArchive(dir / "a", scale, 42);
  WriteDemoArchive(dir / "b", scale, 42);
  auto a = Snapshot(dir / "a"), b = Snapshot(dir / "b");
  ASSERT_GT(a.size(), 20u);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [path, bytes] : a) {
    ASSERT_TRUE(b.count(path)) << path;
    EXPECT_TRUE(bytes == b[path]) << path << " differs";
  }
  // The replayed segment is a byte copy of the day before's, filed under the exam day.
  const std::string copy = "exams/KS01/video/A/1/20220415/090000.mp4";
  const std::string source = "exams/KS01/video/A/1/20220414/090000.mp4";
  ASSERT_TRUE(a.count(copy) && a.count(source));
  EXPECT_TRUE(a[copy] == a[source]);
  EXPECT_FALSE(a["exams/KS01/video/A/1/20220415/090500.mp4"] == a["exams/KS01/video/A/1/20220414/090500.mp4"]);
  auto replay = std::find_if(key.expected.begin(), key.expected.end(),
                             [](const ExpectedFinding& e) { return e.rule == "EXM-VIDEO-REPLAY"; });
  ASSERT_NE(replay, key.expected.end());
  EXPECT_NE(std::find(replay->match.begin(), replay->match.end(), std::pair<std::string, std::string>{"file", copy}),
            replay->match.end());
  EXPECT_TRUE(Rules(key).count("EXM-VIDEO-CLOCK")) << "the copy keeps its creation_time";

  scale.video = false;
  WriteDemoArchive(dir / "c", scale, 43);
  EXPECT_NE(Snapshot(dir / "c")["training/PX01/trainees.csv"], a["training/PX01/trainees.csv"]);
}

TEST(DemoArchive, KeyCoversTheCatalogAndHasCleanSubjects) {
  fs::path dir = e2e::FreshDir("key");
  DemoScale scale;
  scale.video = false;
  scale.extra_institutions = 2;
  DemoKey key = WriteDemoArchive(dir, scale, 1);
  std::set<std::string> rules = Rules(key);
  // Every rule whose case needs no video (those are checked with video in DemoAudit).
  for (const RuleRow& row : RuleTable()) {
    const std::string code = row.code;
    const bool video_case = code.find("-VIDEO-") != std::string::npos && !code.ends_with("-VIDEO-MISSING");
    if (row.needs_history || video_case) continue;
    EXPECT_TRUE(rules.count(code)) << code;
  }
  EXPECT_GE(key.clean.size(), 5u);
  DemoKey round_trip = DemoKeyFromJson(e2e::ReadFile(dir / "key.json"));
  EXPECT_EQ(round_trip.expected.size(), key.expected.size());
  EXPECT_EQ(round_trip.clean.size(), key.clean.size());
  EXPECT_TRUE(fs::exists(dir / "training/PX11/classes.csv"));
  // Without video every required camera of every held session is missing: on S0 and
  // S1, B-1 and B-2 on S2, C-1 on S4.
  int missing = 0;
  for (const auto& e : key.expected) missing += e.rule == "EXM-VIDEO-MISSING";
  EXPECT_EQ(missing, 7);
}

TEST(DemoArchive, ALargerScaleAddsOnlyCleanMaterial) {
  fs::path dir = e2e::FreshDir("scale");
  DemoKey base = WriteDemoArchive(dir / "base", TinyVideo(), 5);
  DemoScale scale = TinyVideo();
  scale.extra_institutions = 2;
  scale.classes_per_extra = 2;
  scale.extra_exam_days = 2;
  scale.cameras_per_room = 3;
  DemoKey key = WriteDemoArchive(dir / "scaled", scale, 5);
  const fs::path archive = dir / "scaled";

  // The same expected findings; more clean subjects.
  ASSERT_EQ(key.expected.size(), base.expected.size());
  for (size_t i = 0; i < key.expected.size(); ++i) {
    EXPECT_EQ(key.expected[i].rule, base.expected[i].rule);
    EXPECT_EQ(key.expected[i].match, base.expected[i].match) << key.expected[i].rule;
  }
  EXPECT_EQ(key.clean.size(), base.clean.size() + 2 + 1 + 2);  // institutions, camera 3, days

  // Two more training institutions of two classes each.
  for (const char* code : {"PX10", "PX11"}) {
    std::string classes = e2e::ReadFile(archive / "training" / code / "classes.csv");
    EXPECT_EQ(std::count(classes.begin(), classes.end(), '\n'), 3) << code;  // header + 2 classes
  }
  EXPECT_FALSE(fs::exists(archive / "training/PX12"));
  // Exam days 2022-04-18 and 04-19 (sessions X01, X02) in the plan, held, and recorded by the
  // three cameras of room A; camera 3 of both rooms records the main day.
  std::string sessions = e2e::ReadFile(archive / "exams/KS01/sessions.csv");
  std::string plan = e2e::ReadFile(archive / "exams/KS01/plan.csv");
  for (const char* id : {"X01", "X02"}) {
    EXPECT_NE(sessions.find(id), std::string::npos) << id;
    EXPECT_NE(plan.find(id), std::string::npos) << id;
  }
  EXPECT_EQ(sessions.find("X03"), std::string::npos);
  const fs::path video = archive / "exams/KS01/video";
  for (const char* camera : {"1", "2", "3"}) {
    EXPECT_EQ(FilesIn(video / "A" / camera / "20220418"), 2) << camera;
    EXPECT_EQ(FilesIn(video / "A" / camera / "20220419"), 2) << camera;
    EXPECT_EQ(FilesIn(video / "A" / camera / "20220414"), 2) << camera;
  }
  EXPECT_EQ(FilesIn(video / "A/3/20220415"), 2);
  EXPECT_EQ(FilesIn(video / "B/3/20220415"), 2);
  EXPECT_FALSE(fs::exists(video / "B/2"));  // still never recorded
  EXPECT_FALSE(fs::exists(video / "A/4"));
  std::string cameras = e2e::ReadFile(archive / "exams/KS01/cameras.csv");
  EXPECT_EQ(std::count(cameras.begin(), cameras.end(), '\n'), 8);  // header + A-1..3, B-1..3, C-1

  // At the resolution and rate asked for.
  MediaProbe probe = ProbeRecording((video / "A/3/20220418/090500.mp4").string());
  EXPECT_EQ(probe.width, 160);
  EXPECT_EQ(probe.height, 90);
  EXPECT_NEAR(probe.fps, 2, 0.01);
  EXPECT_NEAR(probe.duration, 299.5, 1);
}

}  // namespace
}  // namespace xk
