#include "src/packet/bagit_writer.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <set>

#include "records/hashing.h"
#include "src/packet/bag_verify.h"
#include "src/packet/record_excerpts.h"
#include "src/packet/safe_path.h"
#include "tests/packet/bag_test_util.h"
#include "tests/packet/packet_world.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

TEST(BagPaths, ArchiveNamesBecomeOneHarmlessComponent) {
  for (const char* hostile : {"../../evil", "..", ".", "/etc/passwd", "a/b\\c", "班/../x", "", "...."}) {
    std::string safe = SafeComponent(hostile);
    EXPECT_EQ(safe.find('/'), std::string::npos) << hostile;
    EXPECT_EQ(safe.find('\\'), std::string::npos) << hostile;
    EXPECT_EQ(safe.find(".."), std::string::npos) << hostile;
    EXPECT_FALSE(safe.empty());
    EXPECT_NE(safe.front(), '.') << hostile;
    EXPECT_TRUE(IsSafeRelativePath(safe)) << hostile;
  }
  EXPECT_EQ(SafeComponent("班/../x"), "班__._x");  // Chinese stays readable
  EXPECT_EQ(SafeComponent("KS01"), "KS01");
  EXPECT_EQ(SafeComponent("a\xFF\xFE"
                          "b"),
            "a__b");  // not UTF-8: replaced
  EXPECT_LE(SafeComponent(std::string(300, 'x')).size(), 80u);
}

TEST(BagPaths, RelativePathsThatClimbOrStartAtRootAreRefused) {
  EXPECT_TRUE(IsSafeRelativePath("stills/a.jpg"));
  EXPECT_FALSE(IsSafeRelativePath("../a"));
  EXPECT_FALSE(IsSafeRelativePath("a/../../b"));
  EXPECT_FALSE(IsSafeRelativePath("/abs"));
  EXPECT_FALSE(IsSafeRelativePath("a//b"));
  EXPECT_FALSE(IsSafeRelativePath("a\\..\\b"));
  EXPECT_FALSE(ResolveUnder("/archive", "../outside.csv").has_value());
  EXPECT_FALSE(ResolveUnder("/archive", "/etc/passwd").has_value());
  EXPECT_EQ(ResolveUnder("/archive", "training/PX01/a.csv")->string(), "/archive/training/PX01/a.csv");
}

class BagWriterTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = testing::TempDir() + "xunkao_bag_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(BagWriterTest, WritesTagFilesAndPercentEncodesOddNames) {
  BagWriter bag;
  ASSERT_EQ(bag.Open(dir_ / "bag"), "");
  ASSERT_EQ(bag.AddFile("b.txt", "bee\n"), "");
  ASSERT_EQ(bag.AddFile("a/z.txt", "zed"), "");
  ASSERT_EQ(bag.AddFile("odd%name\r\n.txt", "odd"), "");
  EXPECT_NE(bag.AddFile("../escape.txt", "x"), "");
  EXPECT_NE(bag.AddFile("/abs.txt", "x"), "");
  EXPECT_FALSE(fs::exists(dir_ / "escape.txt"));
  BagInfo info{"应急管理局", "2026-11-28", {"id-1", "id-2"}, {{"X-Xunkao-Version", "0.1.0"}}};
  ASSERT_EQ(bag.Finish(info), "");

  const fs::path root = dir_ / "bag";
  EXPECT_EQ(ReadBytes(root / "manifest-sha256.txt"), Sha256Hex("zed") + "  data/a/z.txt\n" + Sha256Hex("bee\n") +
                                                         "  data/b.txt\n" + Sha256Hex("odd") +
                                                         "  data/odd%25name%0D%0A.txt\n");
  EXPECT_EQ(ReadBytes(root / "bag-info.txt"),
            "Source-Organization: 应急管理局\nBagging-Date: 2026-11-28\nPayload-Oxum: 10.3\n"
            "External-Identifier: id-1\nExternal-Identifier: id-2\nX-Xunkao-Version: 0.1.0\n");
  EXPECT_EQ(CheckBagItRules(root), "");
  VerifyResult verified = VerifyBag(root);
  EXPECT_TRUE(verified.ok) << verified.first_problem;
}

TEST_F(BagWriterTest, ZipHoldsOneTopFolderWithoutClimbingNames) {
  BagWriter bag;
  ASSERT_EQ(bag.Open(dir_ / "xunkao-packet-x"), "");
  ASSERT_EQ(bag.AddFile("stills/a.jpg", std::string(100, 'j')), "");
  ASSERT_EQ(bag.AddFile("summary.html", "<html></html>"), "");
  ASSERT_EQ(bag.Finish(BagInfo{"xunkao", "2026-11-28", {"id"}, {}}), "");
  ASSERT_EQ(WriteBagZip(dir_ / "xunkao-packet-x", dir_ / "p.zip"), "");

  int error = 0;
  zip_t* archive = zip_open((dir_ / "p.zip").c_str(), ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr);
  std::set<std::string> names;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    names.insert(zip_get_name(archive, static_cast<zip_uint64_t>(i), 0));
  }
  zip_discard(archive);
  EXPECT_TRUE(names.count("xunkao-packet-x/data/stills/a.jpg"));
  EXPECT_TRUE(names.count("xunkao-packet-x/manifest-sha256.txt"));
  for (const auto& name : names) {
    EXPECT_EQ(name.rfind("xunkao-packet-x/", 0), 0u) << name;
    EXPECT_EQ(name.find(".."), std::string::npos) << name;
  }
  VerifyResult verified = VerifyBag(dir_ / "p.zip");
  EXPECT_TRUE(verified.ok) << verified.first_problem;

  // The same bag zips to the same bytes (fixed dates and permissions).
  ASSERT_EQ(WriteBagZip(dir_ / "xunkao-packet-x", dir_ / "q.zip"), "");
  EXPECT_EQ(ReadBytes(dir_ / "p.zip"), ReadBytes(dir_ / "q.zip"));
}

TEST_F(BagWriterTest, ExcerptKeepsOriginalBytesOfMultiLineRecords) {
  const std::string bytes = "h1,h2\r\n1,a\r\n2,\"x\r\ny\"\r\n3,c";
  WriteBytes(dir_ / "t.csv", bytes);
  RecordExcerpt excerpt = ReadRecordRows((dir_ / "t.csv").string(), {5, 3, 3, 99});
  ASSERT_EQ(excerpt.error, "");
  EXPECT_EQ(excerpt.header, "h1,h2\r\n");
  ASSERT_EQ(excerpt.rows.size(), 2u);
  EXPECT_EQ(excerpt.rows[0].second, "2,\"x\r\ny\"\r\n");
  EXPECT_EQ(excerpt.rows[1].second, "3,c");
  EXPECT_EQ(excerpt.missing, std::vector<int>{99});
  EXPECT_EQ(ExcerptCsv(excerpt), "h1,h2\r\n2,\"x\r\ny\"\r\n3,c\r\n");
}

}  // namespace
}  // namespace xk
