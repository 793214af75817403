// The demo generator: same seed, same archive, byte for byte; the key lists every rule family.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/e2e/e2e_util.h"
#include "tools/demo/demo_archive.h"

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

TEST(DemoArchive, SameSeedSameBytes) {
  fs::path dir = e2e::FreshDir("determinism");
  DemoScale scale;
  scale.exam_minutes = 10;  // two segments a camera: enough to compare bytes, quick
  WriteDemoArchive(dir / "a", scale, 42);
  WriteDemoArchive(dir / "b", scale, 42);
  auto a = Snapshot(dir / "a"), b = Snapshot(dir / "b");
  ASSERT_GT(a.size(), 20u);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [path, bytes] : a) {
    ASSERT_TRUE(b.count(path)) << path;
    EXPECT_TRUE(bytes == b[path]) << path << " differs";
  }
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
  std::set<std::string> rules;
  for (const auto& e : key.expected) rules.insert(e.rule);
  for (const char* rule : {"TRN-PLAN-HOURS", "TRN-HOURS-SHORT", "TRN-HOURS-OVERCLAIM", "TRN-PRACTICAL-SHORT",
                           "TRN-OFFLINE-THEORY-SHORT", "TRN-MOCK-SUBSTITUTION", "TRN-DAILY-OVERLOAD", "TRN-SPAN-SHORT",
                           "TRN-TEACHER-CLASH", "TRN-TEACHER-UNQUALIFIED", "TRN-ATTENDANCE-SHORT", "TRN-PROXY-SIGNIN",
                           "TRN-ARCHIVE-INCOMPLETE", "TRN-EXAM-BEFORE-TRAINING", "EXM-PROCTOR-SHORT",
                           "EXM-PROCTOR-CONFLICT", "EXM-PLAN-DEVIATION", "EXM-CANDIDATE-DATA",
                           "EXM-CANDIDATE-UNTRAINED", "EXM-VIDEO-MISSING"}) {
    EXPECT_TRUE(rules.count(rule)) << rule;
  }
  EXPECT_GE(key.clean.size(), 5u);
  DemoKey round_trip = DemoKeyFromJson(e2e::ReadFile(dir / "key.json"));
  EXPECT_EQ(round_trip.expected.size(), key.expected.size());
  EXPECT_TRUE(fs::exists(dir / "training/PX11/classes.csv"));
}

}  // namespace
}  // namespace xk
