#include "src/packet/bag_verify.h"

#include <gtest/gtest.h>
#include <zip.h>

#include "src/packet/packet_builder.h"
#include "tests/packet/bag_test_util.h"
#include "tests/packet/packet_world.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

// One real packet (the gap finding, with stills and clips), built once; each test works on a copy.
class VerifyBagTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    const PacketWorld& world = PacketWorld::Get();
    if (!world.setup_error.empty()) return;
    store::AuditStore store(world.db_path.string());
    PacketRequest request;
    request.finding_ids = {world.gap_id, world.hours_id};
    request.archive_root = world.archive;
    request.out_dir = world.FreshDir("verify-original");
    request.zone = world.zone;
    PacketResult result = BuildPacket(store, request);
    build_error_ = new std::string(result.error);
    original_ = new fs::path(result.bag);
  }
  static void TearDownTestSuite() {
    delete build_error_;
    delete original_;
  }

  void SetUp() override {
    ASSERT_EQ(PacketWorld::Get().setup_error, "");
    ASSERT_EQ(*build_error_, "");
    bag_ = PacketWorld::Get().FreshDir(std::string("verify-") +
                                       testing::UnitTest::GetInstance()->current_test_info()->name()) /
           original_->filename();
    fs::copy(*original_, bag_, fs::copy_options::recursive);
  }

  static std::string* build_error_;
  static fs::path* original_;
  fs::path bag_;
};

std::string* VerifyBagTest::build_error_ = nullptr;
fs::path* VerifyBagTest::original_ = nullptr;

TEST_F(VerifyBagTest, IntactCopyPasses) {
  VerifyResult result = VerifyBag(bag_);
  EXPECT_TRUE(result.ok) << result.first_problem;
  EXPECT_EQ(result.first_problem, "");
  EXPECT_EQ(CheckBagItRules(bag_), "");
}

TEST_F(VerifyBagTest, OneChangedByteIsNamed) {
  const std::string still = "data/stills/" + PacketWorld::Get().gap_id + "-1-before-gap.jpg";
  std::string bytes = ReadBytes(bag_ / still);
  ASSERT_GT(bytes.size(), 1000u);
  bytes[bytes.size() / 2] ^= 0x01;
  WriteBytes(bag_ / still, bytes);
  VerifyResult result = VerifyBag(bag_);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_problem.rfind(still + ": checksum mismatch", 0), 0u) << result.first_problem;
}

TEST_F(VerifyBagTest, RemovedFileIsNamed) {
  fs::remove(bag_ / "data/sources.txt");
  VerifyResult result = VerifyBag(bag_);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_problem, "data/sources.txt: listed in manifest-sha256.txt but missing");
}

TEST_F(VerifyBagTest, AddedFileIsNamed) {
  WriteBytes(bag_ / "data/records/extra.csv", "a,b\n");
  VerifyResult result = VerifyBag(bag_);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_problem, "data/records/extra.csv: not listed in manifest-sha256.txt (added file)");
}

TEST_F(VerifyBagTest, EditedTagFileIsNamed) {
  WriteBytes(bag_ / "bag-info.txt", ReadBytes(bag_ / "bag-info.txt") + "External-Identifier: forged\n");
  VerifyResult result = VerifyBag(bag_);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_problem.rfind("bag-info.txt: checksum mismatch", 0), 0u) << result.first_problem;
}

TEST_F(VerifyBagTest, SymbolicLinkInPayloadIsRefused) {
  fs::create_symlink("/etc/hostname", bag_ / "data/link");
  VerifyResult result = VerifyBag(bag_);
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.first_problem.find("data/link"), std::string::npos) << result.first_problem;
}

TEST_F(VerifyBagTest, ZipEntriesThatClimbOutAreRefused) {
  const fs::path zip_path = bag_.parent_path() / "evil.zip";
  int error = 0;
  zip_t* archive = zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  static const char kText[] = "pwned";
  zip_source_t* source = zip_source_buffer(archive, kText, sizeof(kText) - 1, 0);
  ASSERT_GE(zip_file_add(archive, "bag/../../escaped.txt", source, 0), 0);
  ASSERT_EQ(zip_close(archive), 0);

  VerifyResult result = VerifyBag(zip_path);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_problem.rfind("bag/../../escaped.txt: refused zip entry", 0), 0u) << result.first_problem;
  EXPECT_FALSE(fs::exists(fs::temp_directory_path() / "escaped.txt"));
  EXPECT_FALSE(fs::exists(bag_.parent_path().parent_path() / "escaped.txt"));
}

TEST_F(VerifyBagTest, MissingBagIsReported) {
  VerifyResult result = VerifyBag(bag_ / "nope");
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.first_problem.find("no such bag"), std::string::npos);
}

}  // namespace
}  // namespace xk
