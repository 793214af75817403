// The person page's archive kept in the server: read once while it is unchanged, read again when a
// table changes, one archive at a time.
#include "src/serve/archive_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCachedPerson = "430402199001010011";  // named by ServeWorld's plain finding

TEST(ArchiveRecordsCacheTest, ThePersonPageReadsTheArchiveOnceUntilItChanges) {
  ServeWorld world;
  world.Start();
  Browser browser(world.port());
  const std::string path = std::string("/people/") + kCachedPerson;
  auto first = browser.Get(path);
  ASSERT_EQ(first->status, 200);
  EXPECT_NE(first->body.find("档案中没有此人"), std::string::npos);
  auto second = browser.Get(path);
  ASSERT_EQ(second->status, 200);
  EXPECT_EQ(second->body, first->body);
  EXPECT_EQ(world.workbench().archive_loads(), 1) << "the second request is served from the cache";

  // A table added to the archive: read again, and the page shows what it holds.
  fs::create_directories(fs::path(world.archive()) / "training" / "PX01");
  std::ofstream(fs::path(world.archive()) / "training" / "PX01" / "trainees.csv")
      << "班级编号,身份证号,姓名,是否结业\nC01," << kCachedPerson << ",张三,是\n";
  auto changed = browser.Get(path);
  ASSERT_EQ(changed->status, 200);
  EXPECT_EQ(world.workbench().archive_loads(), 2);
  EXPECT_NE(changed->body.find("张三"), std::string::npos) << changed->body;
  // The person's own page: their records open under a heading of the page's own, not the
  // report's numbered section.
  EXPECT_NE(changed->body.find("<h2>培训、考试和证书记录</h2>"), std::string::npos);
  EXPECT_NE(changed->body.find("<details class=\"person\" id=\""), std::string::npos);
  EXPECT_NE(changed->body.find("\" open><summary>"), std::string::npos);
  EXPECT_EQ(changed->body.find("七、人员链条"), std::string::npos);
  browser.Get(path);
  EXPECT_EQ(world.workbench().archive_loads(), 2);
}

TEST(ArchiveRecordsCacheTest, KeepsOneArchiveAndSeesEditsInPlace) {
  ServeWorld world;  // its archive, and a second one beside it
  const fs::path other = world.folder() / "other-archive";
  fs::create_directories(other);
  std::ofstream(other / "institutions.csv") << "code,name,kind\nPX07,另一所学校,training\n";
  ArchiveRecordsCache cache;
  const auto first = cache.Get(world.archive());
  EXPECT_EQ(cache.Get(world.archive()), first);
  EXPECT_EQ(cache.loads(), 1);
  const auto second = cache.Get(other);
  ASSERT_EQ(second->model.institutions.size(), 1u);
  EXPECT_EQ(second->model.institutions[0].code, "PX07");
  EXPECT_EQ(cache.Get(world.archive())->model.institutions.size(), 3u) << "the first archive was let go";
  EXPECT_EQ(cache.loads(), 3);

  // The same file rewritten with other content (its size and time change): read again.
  const std::string mark = ArchiveRecordsCache::ChangeMark(world.archive());
  std::ofstream(fs::path(world.archive()) / "institutions.csv") << "code,name,kind\nPX01,改名后的学校,training\n";
  EXPECT_NE(ArchiveRecordsCache::ChangeMark(world.archive()), mark);
  EXPECT_EQ(cache.Get(world.archive())->model.institutions.size(), 1u);
  EXPECT_EQ(cache.loads(), 4);
  // Recordings deeper down are not looked at.
  const std::string after = ArchiveRecordsCache::ChangeMark(world.archive());
  fs::create_directories(fs::path(world.archive()) / "exams" / "KS01" / "video" / "A");
  std::ofstream(fs::path(world.archive()) / "exams" / "KS01" / "video" / "A" / "x.mp4") << "video";
  const std::string with_exams = ArchiveRecordsCache::ChangeMark(world.archive());
  EXPECT_NE(with_exams, after) << "a new institution folder is a change";
  std::ofstream(fs::path(world.archive()) / "exams" / "KS01" / "video" / "A" / "y.mp4") << "video";
  EXPECT_EQ(ArchiveRecordsCache::ChangeMark(world.archive()), with_exams);
}

}  // namespace
}  // namespace xk::serve
