#include "src/packet/packet_builder.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "records/hashing.h"
#include "records/store/database.h"
#include "src/media/probe.h"
#include "src/media/still_image.h"
#include "src/packet/bag_verify.h"
#include "src/packet/bagit_writer.h"
#include "tests/packet/bag_test_util.h"
#include "tests/packet/packet_world.h"
#include "tests/records/xlsx_workbook.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

class PacketTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(world_.setup_error, "");
    store_ = std::make_unique<store::AuditStore>(world_.db_path.string());
  }

  PacketRequest Request(const std::string& out_name) const {
    PacketRequest request;
    request.archive_root = world_.archive;
    request.out_dir = world_.FreshDir(out_name);
    request.zone = world_.zone;
    return request;
  }

  const PacketWorld& world_ = PacketWorld::Get();
  std::unique_ptr<store::AuditStore> store_;
};

std::vector<std::string> WithPrefix(const std::vector<std::string>& files, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& file : files) {
    if (file.rfind(prefix, 0) == 0) out.push_back(file);
  }
  return out;
}

TEST_F(PacketTest, PacketOfChosenFindingsHoldsRecordsStillsClipsAndSources) {
  PacketRequest request = Request("chosen");
  request.finding_ids = {world_.gap_id, world_.hours_id, world_.black_id};
  PacketResult result = BuildPacket(*store_, request);
  ASSERT_EQ(result.status.message, "");
  EXPECT_EQ(result.bag, request.out_dir / ("xunkao-packet-findings-" + world_.gap_id));
  EXPECT_EQ(result.finding_ids, request.finding_ids);

  VerifyResult verified = VerifyBag(result.bag);
  EXPECT_TRUE(verified.ok) << verified.first_problem;
  EXPECT_EQ(CheckBagItRules(result.bag), "");
  const std::string info = ReadBytes(result.bag / "bag-info.txt");
  for (const auto& id : request.finding_ids)
    EXPECT_NE(info.find("External-Identifier: " + id + "\n"), std::string::npos);
  EXPECT_NE(info.find("X-Xunkao-Version: "), std::string::npos);
  EXPECT_NE(info.find("X-Xunkao-Run: 1\n"), std::string::npos);

  const fs::path data = result.bag / "data";
  // The timetable rows, byte for byte in GB18030 with CRLF, under the header; line 5 spans two lines.
  const std::string& original = world_.timetable_bytes;
  auto physical_line = [&](int number) {
    size_t start = 0;
    for (int i = 1; i < number; ++i) start = original.find('\n', start) + 1;
    return original.substr(start, original.find('\n', start) + 1 - start);
  };
  EXPECT_EQ(ReadBytes(data / "records/training__PX01__sessions.csv"),
            physical_line(1) + physical_line(3) + physical_line(5) + physical_line(6));
  EXPECT_EQ(ReadBytes(data / "records/excerpts.txt"), "training/PX01/sessions.csv:3\ntraining/PX01/sessions.csv:5\n");

  // Stills at both gap edges and inside the black stretch, captioned and enlarged.
  std::vector<std::string> files = FilesUnder(data);
  std::vector<std::string> stills = WithPrefix(files, "stills/");
  ASSERT_EQ(stills.size(), 5u) << testing::PrintToString(files);
  for (const auto& still : stills) {
    cv::Mat picture = DecodeImage(ReadBytes(data / still));
    ASSERT_FALSE(picture.empty()) << still;
    EXPECT_GE(picture.cols, 640) << still;
  }
  for (const char* kind : {"-1-before-gap.jpg", "-2-after-gap.jpg"}) {
    EXPECT_TRUE(fs::exists(data / "stills" / (world_.gap_id + kind))) << kind;
  }
  for (const char* kind : {"-1-inside-black.jpg", "-2-inside-black.jpg", "-3-inside-black.jpg"}) {
    EXPECT_TRUE(fs::exists(data / "stills" / (world_.black_id + kind))) << kind;
  }

  // Clips of the real stream around each edge, playable, no longer than ~10 s.
  std::vector<std::string> clips = WithPrefix(files, "clips/");
  ASSERT_EQ(clips.size(), 2u);
  for (const auto& clip : clips) {
    MediaProbe probe = ProbeRecording((data / clip).string());
    EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << clip << ": " << probe.reason;
    EXPECT_EQ(probe.codec, "h264");
    // 10 s of the 14-s file before the gap; the 8-s file after it whole.
    EXPECT_NEAR(probe.duration, clip.find("before-gap") != std::string::npos ? 10.0 : 8.0, 0.15) << clip;
  }
  ASSERT_EQ(WithPrefix(files, "timelines/").size(), 1u);
  EXPECT_FALSE(DecodeImage(ReadBytes(data / WithPrefix(files, "timelines/")[0])).empty());

  // findings.json: the three findings, the stills' frame times, archive evidence hashed.
  nlohmann::json json = nlohmann::json::parse(ReadBytes(data / "findings.json"));
  ASSERT_EQ(json["findings"].size(), 3u);
  EXPECT_EQ(json["findings"][0]["id"], world_.gap_id);
  EXPECT_EQ(json["findings"][0]["status"], "open");
  const std::string video_hash = *Sha256File((world_.archive / world_.video_before).string());
  std::string evidence = json["findings"][0]["evidence"].dump();
  EXPECT_NE(evidence.find(video_hash), std::string::npos);
  EXPECT_NE(evidence.find("中断前最后一帧 2022-04-15 09:00:13.9"), std::string::npos) << evidence;
  EXPECT_NE(evidence.find("中断后第一帧 2022-04-15 09:00:20.0"), std::string::npos) << evidence;

  // sources.txt: the timetable and both recordings with size and SHA-256; videos not copied.
  const std::string sources = ReadBytes(data / "sources.txt");
  for (const auto& path : {world_.timetable, world_.video_before, world_.video_after}) {
    const fs::path absolute = world_.archive / path;
    EXPECT_NE(sources.find(path + "\t"), std::string::npos) << path;
    EXPECT_NE(sources.find("\t" + std::to_string(fs::file_size(absolute)) + "\t"), std::string::npos) << path;
    EXPECT_NE(sources.find(*Sha256File(absolute.string())), std::string::npos) << path;
    EXPECT_EQ(WithPrefix(files, "exams/").size(), 0u);
  }
  EXPECT_NE(sources.find("+08:00\t"), std::string::npos);

  const std::string summary = ReadBytes(data / "summary.html");
  EXPECT_NE(summary.find("班级 C2022-01 有记录支撑的学时为 32.0，低于大纲要求的 48 学时"), std::string::npos);
  EXPECT_NE(summary.find("48 学时"), std::string::npos);
  EXPECT_NE(summary.find("size: A4"), std::string::npos);
  EXPECT_NE(summary.find("page-break-before: always"), std::string::npos);
  EXPECT_NE(summary.find("stills/" + world_.gap_id + "-1-before-gap.jpg"), std::string::npos);

  store::Statement packets(store_->db(), "SELECT count(*) FROM packets WHERE path=?1");
  packets.Bind(1, fs::absolute(result.bag).string());
  ASSERT_TRUE(packets.Step());
  EXPECT_EQ(packets.Int(0), 1);
}

TEST_F(PacketTest, InstitutionAndHalfYearSelectOpenFindings) {
  PacketRequest request = Request("by-institution");
  request.institution = "KS01";
  request.period = "2022H1";
  PacketResult result = BuildPacket(*store_, request);
  ASSERT_EQ(result.status.message, "");
  EXPECT_EQ(result.bag.filename(), "xunkao-packet-KS01-2022H1");
  EXPECT_EQ(result.finding_ids, (std::vector<std::string>{world_.black_id, world_.gap_id}));

  // The hours finding has no start: the run that found it (2022-05-10) places it in 2022H1.
  request.institution = "PX01";
  result = BuildPacket(*store_, request);
  ASSERT_EQ(result.status.message, "");
  EXPECT_EQ(result.finding_ids, std::vector<std::string>{world_.hours_id});
  int counted = 0;
  for (const auto& [key, packets] : store_->PacketCounts()) {
    if (key.period == "2022H1" && (key.institution == "KS01" || key.institution == "PX01")) counted += packets;
  }
  EXPECT_EQ(counted, 2);

  request.period = "2022H2";
  result = BuildPacket(*store_, request);
  EXPECT_NE(result.status.message.find("no open findings"), std::string::npos) << result.status.message;
  EXPECT_FALSE(fs::exists(request.out_dir / "xunkao-packet-PX01-2022H2"));

  request.period = "2022H3";
  EXPECT_NE(BuildPacket(*store_, request).status.message.find("half-year"), std::string::npos);
  request.period.reset();
  request.finding_ids = {"0000000000000000"};
  const PacketResult unknown = BuildPacket(*store_, request);
  EXPECT_NE(unknown.status.message.find("no finding with id 0000000000000000"), std::string::npos);
  EXPECT_EQ(unknown.status.failure, Failure::kUsage) << "a request for what is not there is a usage error";

  // An output folder that cannot be made is an I/O failure, not a usage error (exit 3, not 2).
  request.finding_ids.clear();
  request.period = "2022H1";
  const fs::path blocker = request.out_dir / "a-file";
  std::ofstream(blocker) << "not a folder";
  request.out_dir = blocker / "packets";
  const PacketResult unwritable = BuildPacket(*store_, request);
  EXPECT_EQ(unwritable.status.failure, Failure::kCannotComplete) << unwritable.status.message;
}

// A recording whose content differs from what the audit catalogued is flagged in sources.txt and
// summary.html; one that is unchanged carries no note.
TEST_F(PacketTest, RecordingChangedSinceTheAuditIsNamed) {
  const std::string audited(64, 'a');
  store::Statement tamper(store_->db(), "UPDATE media_files SET sha256=?1 WHERE path=?2");
  tamper.Bind(1, audited).Bind(2, world_.video_after).Run();
  PacketRequest request = Request("changed");
  request.finding_ids = {world_.gap_id};
  PacketResult result = BuildPacket(*store_, request);
  store::Statement restore(store_->db(), "UPDATE media_files SET sha256=?1 WHERE path=?2");
  restore.Bind(1, *Sha256File((world_.archive / world_.video_after).string())).Bind(2, world_.video_after).Run();
  ASSERT_EQ(result.status.message, "");

  const std::string sources = ReadBytes(result.bag / "data/sources.txt");
  EXPECT_EQ(sources.rfind("path\tkind\tsize\tmtime\tsha256\tnote\n", 0), 0u) << sources;
  const size_t changed = sources.find(world_.video_after + "\t");
  ASSERT_NE(changed, std::string::npos);
  const std::string line = sources.substr(changed, sources.find('\n', changed) - changed);
  EXPECT_NE(line.find("内容与审查时不同，审查时 SHA-256 为 " + audited), std::string::npos) << line;
  const size_t unchanged = sources.find(world_.video_before + "\t");
  ASSERT_NE(unchanged, std::string::npos);
  EXPECT_TRUE(sources.substr(unchanged, sources.find('\n', unchanged) - unchanged).ends_with("\t")) << sources;
  EXPECT_NE(ReadBytes(result.bag / "data/summary.html").find("content changed since the audit"), std::string::npos);
}

TEST_F(PacketTest, SamePacketTwiceGivesTheSameManifest) {
  PacketRequest first = Request("twice-1");
  first.finding_ids = {world_.gap_id, world_.black_id, world_.hours_id};
  PacketRequest second = Request("twice-2");
  second.finding_ids = first.finding_ids;
  PacketResult a = BuildPacket(*store_, first);
  PacketResult b = BuildPacket(*store_, second);
  ASSERT_EQ(a.status.message, "");
  ASSERT_EQ(b.status.message, "");
  const std::string manifest = ReadBytes(a.bag / "manifest-sha256.txt");
  EXPECT_NE(manifest.find("data/clips/"), std::string::npos);
  EXPECT_EQ(manifest, ReadBytes(b.bag / "manifest-sha256.txt"));

  // Building again into the same folder replaces the earlier bag.
  PacketResult again = BuildPacket(*store_, first);
  ASSERT_EQ(again.status.message, "");
  EXPECT_EQ(ReadBytes(again.bag / "manifest-sha256.txt"), manifest);
  EXPECT_EQ(FilesUnder(first.out_dir).size(), FilesUnder(a.bag).size());  // no staging left behind
}

TEST_F(PacketTest, ZippedPacketVerifiesAndNamesAChangedFile) {
  PacketRequest request = Request("zipped");
  request.finding_ids = {world_.gap_id};
  request.zip = true;
  PacketResult result = BuildPacket(*store_, request);
  ASSERT_EQ(result.status.message, "");
  ASSERT_TRUE(result.zip.has_value());
  EXPECT_EQ(result.zip->filename(), result.bag.filename().string() + ".zip");
  VerifyResult verified = VerifyBag(*result.zip);
  EXPECT_TRUE(verified.ok) << verified.first_problem;

  // A zip of a tampered copy fails, naming the file.
  const fs::path copy = request.out_dir / "copy" / result.bag.filename();
  fs::create_directories(copy.parent_path());
  fs::copy(result.bag, copy, fs::copy_options::recursive);
  WriteBytes(copy / "data/findings.json", ReadBytes(copy / "data/findings.json") + " ");
  ASSERT_EQ(WriteBagZip(copy, request.out_dir / "tampered.zip"), "");
  verified = VerifyBag(request.out_dir / "tampered.zip");
  EXPECT_FALSE(verified.ok);
  EXPECT_EQ(verified.first_problem.rfind("data/findings.json: checksum mismatch", 0), 0u) << verified.first_problem;
}

TEST_F(PacketTest, HostileInstitutionClassAndFileNamesStayInsideThePacket) {
  PacketRequest request = Request("hostile/out");
  request.institution = "../../evil";
  request.period = "2022H1";
  request.zip = true;
  const fs::path root = request.out_dir.parent_path();  // world/hostile
  PacketResult result = BuildPacket(*store_, request);
  ASSERT_EQ(result.status.message, "");
  EXPECT_EQ(result.finding_ids, std::vector<std::string>{world_.evil_id});
  EXPECT_EQ(result.bag.parent_path(), request.out_dir);
  EXPECT_EQ(result.bag.filename().string().find(".."), std::string::npos);

  // Nothing outside out/: no "evil" anywhere above it, and only the bag and its zip inside.
  EXPECT_FALSE(fs::exists(root / "evil"));
  EXPECT_FALSE(fs::exists(world_.root / "evil"));
  EXPECT_FALSE(fs::exists(world_.root.parent_path() / "evil"));
  for (const auto& entry : fs::directory_iterator(root)) EXPECT_EQ(entry.path(), request.out_dir);
  std::vector<fs::path> top;
  for (const auto& entry : fs::directory_iterator(request.out_dir)) top.push_back(entry.path());
  EXPECT_EQ(top.size(), 2u);

  const fs::path data = result.bag / "data";
  EXPECT_EQ(ReadBytes(data / "records/training__班级__课表.csv"), "班级编号,日期\n班/../x,2022-03-01\n");
  // The row cited in a file outside the archive is not read, only listed as refused.
  for (const auto& file : FilesUnder(result.bag)) {
    EXPECT_EQ(ReadBytes(result.bag / file).find(world_.outside_marker), std::string::npos) << file;
  }
  const std::string sources = ReadBytes(data / "sources.txt");
  EXPECT_NE(sources.find("../outside.csv\trecord\t-\t-\t-\toutside the archive"), std::string::npos) << sources;
  EXPECT_NE(sources.find("/etc/passwd\trecord\t-\t-\t-\toutside the archive"), std::string::npos) << sources;
  EXPECT_NE(sources.find(world_.symlinked_timetable + "\trecord\t-\t-\t-\toutside the archive through a symbolic link"),
            std::string::npos)
      << sources;

  const std::string summary = ReadBytes(data / "summary.html");
  EXPECT_EQ(summary.find("<script>alert"), std::string::npos);
  EXPECT_NE(summary.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(summary.find("班/../x"), std::string::npos);
  EXPECT_TRUE(VerifyBag(result.bag).ok);
  EXPECT_TRUE(VerifyBag(*result.zip).ok);
}

TEST_F(PacketTest, AWorkbookSavedUnderACsvNameIsNotExcerptedAsLines) {
  PacketRequest request = Request("workbook");
  const fs::path copy = request.out_dir.parent_path() / "workbook-archive";
  fs::remove_all(copy);
  fs::copy(world_.archive, copy, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  {
    std::ofstream out(copy / "training/PX01/sessions.csv", std::ios::binary | std::ios::trunc);
    out << XlsxWorkbook("<row r=\"1\"><c t=\"inlineStr\"><is><t>class_id</t></is></c></row>", {});
  }
  request.archive_root = copy;
  request.finding_ids = {world_.hours_id};
  PacketResult result = BuildPacket(*store_, request);
  ASSERT_EQ(result.status.message, "");
  const fs::path data = result.bag / "data";
  EXPECT_FALSE(fs::exists(data / "records/training__PX01__sessions.csv")) << "zip bytes are no rows";
  EXPECT_NE(ReadBytes(data / "summary.html").find("training/PX01/sessions.csv 为 Excel 表格，未摘录"),
            std::string::npos);
  EXPECT_TRUE(VerifyBag(result.bag).ok);
}

}  // namespace
}  // namespace xk
