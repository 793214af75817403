#include "src/packet/bag_verify.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zip.h>

#include <array>
#include <cstring>

#include "records/zip_handles.h"
#include "src/packet/bagit_writer.h"
#include "src/packet/packet_builder.h"
#include "tests/packet/bag_test_util.h"
#include "tests/packet/packet_world.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

// Bits packed as deflate (RFC 1951) packs them: fields least significant bit first, Huffman codes
// most significant bit first.
class BitWriter {
 public:
  void Field(uint32_t value, int count) {
    for (int i = 0; i < count; ++i) Bit((value >> i) & 1);
  }
  void Code(uint32_t code, int length) {
    for (int i = length - 1; i >= 0; --i) Bit((code >> i) & 1);
  }
  std::string Take() { return std::move(bytes_); }

 private:
  void Bit(uint32_t bit) {
    if (used_ == 0) bytes_.push_back(0);
    bytes_.back() = static_cast<char>(bytes_.back() | (bit << used_));
    used_ = (used_ + 1) % 8;
  }
  std::string bytes_;
  int used_ = 0;
};

// A raw deflate stream of 1 + 258 * matches zero bytes, written by hand because zlib would take
// seconds to compress a gigabyte: one dynamic-Huffman block whose codes are literal 0 ("10"),
// end of block ("11"), length 258 ("0") and distance 1 ("0"), so each further 258 zeros cost two
// bits, 1032 zeros a byte: the best ratio deflate allows, what a real zip bomb uses.
std::string DeflatedZeros(uint64_t matches) {
  BitWriter w;
  w.Field(1, 1);          // BFINAL
  w.Field(2, 2);          // dynamic Huffman
  w.Field(286 - 257, 5);  // HLIT: literal/length codes 0..285
  w.Field(2 - 1, 5);      // HDIST: distance codes 0..1
  w.Field(18 - 4, 4);     // HCLEN: code-length codes in the order below
  // Code-length code: 18 (a run of zeros) "0", 1 "10", 2 "11"; the others unused.
  for (int symbol : {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1}) {
    w.Field(symbol == 18 ? 1 : symbol == 1 || symbol == 2 ? 2 : 0, 3);
  }
  auto length_one = [&] { w.Code(0b10, 2); };
  auto length_two = [&] { w.Code(0b11, 2); };
  auto zeros = [&](int count) {  // 11..138 unused symbols
    w.Code(0, 1);
    w.Field(static_cast<uint32_t>(count - 11), 7);
  };
  // Literal/length lengths: 0 -> 2, 1..255 unused, 256 -> 2, 257..284 unused, 285 -> 1;
  // distance lengths: 0 -> 1, 1 -> 1.
  length_two();
  zeros(138);
  zeros(117);
  length_two();
  zeros(28);
  length_one();
  length_one();
  length_one();
  w.Code(0b10, 2);                                      // literal 0
  for (uint64_t i = 0; i < matches; ++i) w.Code(0, 2);  // length 258, distance 1
  w.Code(0b11, 2);                                      // end of block
  return w.Take();
}

// CRC-32 of `count` zero bytes in O(log count): the register's update by one zero byte is linear
// over GF(2), so it is a 32x32 bit matrix raised to the count by squaring (zlib's crc32_combine).
uint32_t Crc32OfZeros(uint64_t count) {
  using Matrix = std::array<uint32_t, 32>;  // column i: the image of bit i
  auto times = [](const Matrix& m, uint32_t v) {
    uint32_t product = 0;
    for (int i = 0; v != 0; ++i, v >>= 1) {
      if (v & 1) product ^= m[i];
    }
    return product;
  };
  auto square = [&](const Matrix& m) {
    Matrix result;
    for (int i = 0; i < 32; ++i) result[i] = times(m, m[i]);
    return result;
  };
  Matrix step;  // one zero bit
  step[0] = 0xEDB88320u;
  for (int i = 1; i < 32; ++i) step[i] = 1u << (i - 1);
  for (int i = 0; i < 3; ++i) step = square(step);  // one zero byte
  uint32_t reg = 0xFFFFFFFFu;
  for (; count != 0; count >>= 1, step = square(step)) {
    if (count & 1) reg = times(step, reg);
  }
  return reg ^ 0xFFFFFFFFu;
}

// Already-deflated bytes for libzip to store as they are, with the sizes and CRC it is told:
// libzip copies a source that says it is compressed. `declared_size` may lie.
struct DeflatedEntry {
  std::string deflated;
  uint64_t declared_size = 0;
  uint32_t crc = 0;
  size_t read_at = 0;
};

zip_int64_t DeflatedEntrySource(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto* entry = static_cast<DeflatedEntry*>(state);
  switch (command) {
    case ZIP_SOURCE_OPEN:
      entry->read_at = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const size_t n = std::min<size_t>(length, entry->deflated.size() - entry->read_at);
      std::memcpy(data, entry->deflated.data() + entry->read_at, n);
      entry->read_at += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_STAT: {
      auto* stat = static_cast<zip_stat_t*>(data);
      zip_stat_init(stat);
      stat->size = entry->declared_size;
      stat->comp_size = entry->deflated.size();
      stat->comp_method = ZIP_CM_DEFLATE;
      stat->crc = entry->crc;
      stat->valid |= ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
      return sizeof(*stat);
    }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_ERROR:
      return 2 * sizeof(int);
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

// A zip of one entry `name` holding 1 + 258 * matches zeros, its central directory declaring
// `declared_size` (the truth when 0). Returns "" or libzip's words.
std::string WriteZerosZip(const fs::path& path, const std::string& name, uint64_t matches, uint64_t declared_size = 0) {
  DeflatedEntry entry{DeflatedZeros(matches), 1 + 258 * matches, Crc32OfZeros(1 + 258 * matches)};
  if (declared_size != 0) entry.declared_size = declared_size;
  int code = 0;
  ZipArchivePtr archive(zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code));
  if (archive == nullptr) return "cannot create " + path.string();
  ZipSourcePtr source(zip_source_function(archive.get(), DeflatedEntrySource, &entry));
  if (source == nullptr || zip_file_add(archive.get(), name.c_str(), source.get(), 0) < 0) {
    return ZipErrorText(archive.get());
  }
  source.release();
  return CloseZip(&archive);
}

struct PlainEntry {
  std::string name;
  std::string bytes;
  zip_uint32_t unix_mode = 0100644;
};

// A zip of small entries, each with its Unix mode (S_IFLNK makes a symbolic link whose target is
// the bytes). Returns "" or libzip's words.
std::string WritePlainZip(const fs::path& path, const std::vector<PlainEntry>& entries) {
  int code = 0;
  ZipArchivePtr archive(zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code));
  if (archive == nullptr) return "cannot create " + path.string();
  for (const auto& entry : entries) {
    ZipSourcePtr source(zip_source_buffer(archive.get(), entry.bytes.data(), entry.bytes.size(), 0));
    if (source == nullptr) return ZipErrorText(archive.get());
    const zip_int64_t index = zip_file_add(archive.get(), entry.name.c_str(), source.get(), ZIP_FL_ENC_UTF_8);
    if (index < 0) return ZipErrorText(archive.get());
    source.release();
    if (zip_file_set_external_attributes(archive.get(), static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                         entry.unix_mode << 16) != 0) {
      return ZipErrorText(archive.get());
    }
  }
  return CloseZip(&archive);
}

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
    build_error_ = new std::string(result.status.message);
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

TEST_F(VerifyBagTest, ZippedPacketPassesTheCaps) {
  const fs::path zip_path = bag_.parent_path() / "packet.zip";
  ASSERT_EQ(WriteBagZip(bag_, zip_path), "");
  VerifyResult result = VerifyBag(zip_path);
  EXPECT_TRUE(result.ok) << result.first_problem;
}

// A 0.9 MB zip whose one entry unpacks to 950 MB of zeros: refused from the central directory,
// before a byte is written.
TEST_F(VerifyBagTest, ZipBombIsRefusedBeforeExtracting) {
  const fs::path zip_path = bag_.parent_path() / "bomb.zip";
  const uint64_t matches = 3682000;  // 949,956,001 zeros
  ASSERT_EQ(WriteZerosZip(zip_path, "bag/data/zeros.bin", matches), "");
  ASSERT_LT(fs::file_size(zip_path), 1000000u);
  {  // the bomb is real: it unpacks to zeros as far as anyone reads
    int code = 0;
    ZipArchivePtr archive(zip_open(zip_path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
    ASSERT_NE(archive, nullptr);
    zip_stat_t stat;
    ASSERT_EQ(zip_stat_index(archive.get(), 0, 0, &stat), 0);
    EXPECT_EQ(stat.size, 949956001u);
    ZipFilePtr file(zip_fopen_index(archive.get(), 0, 0));
    ASSERT_NE(file, nullptr);
    std::string start(1 << 20, 'x');
    ASSERT_EQ(zip_fread(file.get(), start.data(), start.size()), static_cast<zip_int64_t>(start.size()));
    EXPECT_EQ(start, std::string(1 << 20, '\0'));
  }

  const fs::path destination = bag_.parent_path() / "bomb-out";
  fs::create_directories(destination);
  const std::string problem = ExtractZipSafely(zip_path, destination);
  EXPECT_EQ(problem.rfind("bag/data/zeros.bin: refused zip entry (unpacks to 949956001 bytes from ", 0), 0u) << problem;
  EXPECT_NE(problem.find("more than 100:1"), std::string::npos) << problem;
  EXPECT_TRUE(fs::is_empty(destination)) << "something was extracted";

  VerifyResult result = VerifyBag(zip_path);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_problem, problem);
}

// The central directory says 100,000 bytes (too small for the ratio cap to apply); the entry
// unpacks to 2.6 MB. Extraction stops where the declared size runs out.
TEST_F(VerifyBagTest, ZipEntryLargerThanDeclaredIsStopped) {
  const fs::path zip_path = bag_.parent_path() / "liar.zip";
  ASSERT_EQ(WriteZerosZip(zip_path, "bag/data/zeros.bin", 10000, 100000), "");
  const fs::path destination = bag_.parent_path() / "liar-out";
  fs::create_directories(destination);
  EXPECT_EQ(ExtractZipSafely(zip_path, destination),
            "bag/data/zeros.bin: refused zip entry (unpacks to more than the 100000 bytes the zip's central "
            "directory declares: a zip bomb?)");
  std::error_code code;
  EXPECT_LE(fs::file_size(destination / "bag/data/zeros.bin", code), 100000u);
  EXPECT_FALSE(VerifyBag(zip_path).ok);
}

TEST_F(VerifyBagTest, ZipPastTheTotalOrEntryCapIsRefused) {
  const fs::path zip_path = bag_.parent_path() / "many.zip";
  const std::string kilobyte(1000, 'k');
  ASSERT_EQ(WritePlainZip(zip_path, {{"bag/a.txt", kilobyte}, {"bag/b.txt", kilobyte}, {"bag/c.txt", kilobyte}}), "");
  const fs::path destination = bag_.parent_path() / "many-out";
  fs::create_directories(destination);

  ZipLimits small_total;
  small_total.max_total_bytes = 2500;
  EXPECT_EQ(ExtractZipSafely(zip_path, destination, small_total),
            "bag/c.txt: refused zip entry (with it the zip unpacks to more than 2500 bytes in all)");
  EXPECT_TRUE(fs::is_empty(destination));

  ZipLimits few_entries;
  few_entries.max_entries = 2;
  EXPECT_EQ(ExtractZipSafely(zip_path, destination, few_entries),
            "many.zip: refused zip (3 entries, more than the 2 a packet may hold: a zip bomb?)");
  EXPECT_TRUE(fs::is_empty(destination));

  EXPECT_EQ(ExtractZipSafely(zip_path, destination), "");
  EXPECT_EQ(FilesUnder(destination), (std::vector<std::string>{"bag/a.txt", "bag/b.txt", "bag/c.txt"}));
}

TEST_F(VerifyBagTest, ZipSymbolicLinkIsRefused) {
  const fs::path zip_path = bag_.parent_path() / "link.zip";
  ASSERT_EQ(WritePlainZip(zip_path, {{"bag/bagit.txt", "BagIt-Version: 1.0\n"},
                                     {"bag/data/passwd", "/etc/passwd", S_IFLNK | 0777}}),
            "");
  const fs::path destination = bag_.parent_path() / "link-out";
  fs::create_directories(destination);
  EXPECT_EQ(ExtractZipSafely(zip_path, destination), "bag/data/passwd: refused zip entry (symbolic link)");
  EXPECT_TRUE(fs::is_empty(destination)) << "entries before the link were extracted";
  VerifyResult result = VerifyBag(zip_path);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_problem, "bag/data/passwd: refused zip entry (symbolic link)");
}

TEST_F(VerifyBagTest, ZipParentAndAbsolutePathsAreRefused) {
  const fs::path destination = bag_.parent_path() / "paths-out";
  fs::create_directories(destination / "inner");
  const fs::path absolute = bag_.parent_path() / "absolute-target.txt";
  for (const std::string& name : {std::string("../x"), absolute.string()}) {
    SCOPED_TRACE(name);
    const fs::path zip_path = bag_.parent_path() / "paths.zip";
    ASSERT_EQ(WritePlainZip(zip_path, {{"bag/bagit.txt", "BagIt-Version: 1.0\n"}, {name, "pwned"}}), "");
    EXPECT_EQ(ExtractZipSafely(zip_path, destination / "inner"),
              name + ": refused zip entry (absolute path, \"..\" or backslash)");
    EXPECT_TRUE(fs::is_empty(destination / "inner"));
    EXPECT_FALSE(fs::exists(destination / "x"));
    EXPECT_FALSE(fs::exists(absolute));
    VerifyResult result = VerifyBag(zip_path);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_problem, name + ": refused zip entry (absolute path, \"..\" or backslash)");
  }
}

TEST_F(VerifyBagTest, MissingBagIsReported) {
  VerifyResult result = VerifyBag(bag_ / "nope");
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.first_problem.find("no such bag"), std::string::npos);
}

}  // namespace
}  // namespace xk
