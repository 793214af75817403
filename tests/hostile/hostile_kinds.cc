// The hostile catalogue's kinds (see hostile_kinds.h).
#include "tests/hostile/hostile_kinds.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <ostream>
#include <random>

#include "records/csv/csv_reader.h"
#include "records/csv/encoding.h"
#include "records/store/database.h"
#include "records/text_escape.h"
#include "tests/e2e/e2e_util.h"
#include "tests/hostile/crafted_media.h"
#include "tests/media/media_samples.h"
#include "tests/records/xlsx_workbook.h"

namespace xk::hostile {

namespace fs = std::filesystem;

fs::path Spare(const fs::path& archive, const std::string& camera) {
  return archive / "exams/KS01/video/Z" / camera / "20220415";
}

namespace {

std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
  return bytes;
}

// Appends to the CSV table `path` a copy of its first row with `changes` (column index -> value).
void AppendVariant(const fs::path& path, const std::map<size_t, std::string>& changes) {
  const std::string text = ReadBytes(path);
  CsvParseResult parsed = ParseCsv(text);
  ASSERT_GE(parsed.records.size(), 2u) << path;
  std::vector<std::string> row = parsed.records[1].fields;
  for (const auto& [column, value] : changes) row.at(column) = value;
  std::string line;
  for (size_t i = 0; i < row.size(); ++i) line += (i ? "," : "") + CsvEscape(row[i]);
  WriteBytes(path, text + (text.ends_with("\n") ? "" : "\n") + line + "\n");
}

std::string FastStartSample() {
  const std::string path = ScratchPath("faststart.mp4");
  EXPECT_EQ(RemuxRecording(SamplePath("short.mp4"), path, Remux{"mp4", 1, {}, "faststart"}), "");
  return ReadBytes(path);
}

void MakeFifo(const fs::path& path) {
  fs::create_directories(path.parent_path());
  fs::remove(path);
  ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0) << path;
}

void MakeSocket(const fs::path& path) {
  fs::create_directories(path.parent_path());
  const fs::path previous = fs::current_path();
  fs::current_path(path.parent_path());  // socket names are limited to 108 bytes: bind a relative one
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string name = path.filename().string();
  std::copy(name.begin(), name.end(), address.sun_path);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ::close(fd);
  fs::current_path(previous);
}

void Replace(const fs::path& path, const fs::path& link_target) {
  fs::remove(path);
  fs::create_symlink(link_target, path);
}

std::string Gbk(const std::string& utf8) { return Utf8ToGb18030(utf8); }

}  // namespace

std::vector<Spoil> Catalogue() {
  std::vector<Spoil> kinds;
  auto add = [&](Spoil spoil) { kinds.push_back(std::move(spoil)); };

  // ---- Names: any bytes.
  add({"gbk_folder_name", [](const fs::path& a) { WriteBytes(Spare(a, Gbk("摄像机甲")) / "090000.mp4", ""); },
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/摄像机甲/20220415/090000.mp4"), 1)
             << "a folder Excel named in GBK is shown decoded";
         store::Database db(run.db.string());
         store::Statement row(db, "SELECT path_bytes FROM media_files WHERE path LIKE '%摄像机甲%'");
         ASSERT_TRUE(row.Step()) << "catalogued under its decoded name";
         EXPECT_NE(row.Blob(0).find(Gbk("摄像机甲")), std::string::npos) << "the exact bytes are kept";
       }});
  add({"undecodable_name", [](const fs::path& a) { WriteBytes(Spare(a, "cam\xFF\xFE") / "090000.mp4", ""); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "cam\\xFF\\xFE"), 1); }});
  add({"control_characters_in_name", [](const fs::path& a) { WriteBytes(Spare(a, "ctl") / "0900\n00\t.mp4", ""); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/ctl/20220415/0900"), 1); }});

  // ---- Special files and links.
  add({"fifo_as_table",
       [](const fs::path& a) { MakeFifo(a / "training/PX03/teachers.csv"); },
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountIssues("training/PX03/teachers.csv", "命名管道"), 1);
         EXPECT_GE(run.CountFindings("TRN-ARCHIVE-INCOMPLETE", "teachers"), 1)
             << "an unreadable table is not handed over";
       },
       {"PX03"}});
  add({"fifo_in_video_folder", [](const fs::path& a) { MakeFifo(Spare(a, "fifo") / "090000.mp4"); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("Z/fifo/20220415/090000.mp4", "命名管道"), 1); }});
  add({"socket_in_video_folder", [](const fs::path& a) { MakeSocket(Spare(a, "sock") / "090000.mp4"); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("Z/sock/20220415/090000.mp4", "套接字"), 1); }});
  add({"link_to_device",
       [](const fs::path& a) { Replace(a / "training/PX03/attendance.csv", "/dev/zero"); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("training/PX03/attendance.csv", "档案目录之外"), 1); },
       {"PX03"}});
  add({"link_out_of_archive",
       [](const fs::path& a) { Replace(a / "training/PX02/teachers.csv", "/etc/passwd"); },
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountIssues("training/PX02/teachers.csv", "档案目录之外"), 1);
         EXPECT_EQ(ReadBytes(run.out / "findings.json").find("root:x:0"), std::string::npos);
         EXPECT_EQ(ReadBytes(run.out / "report.html").find("root:x:0"), std::string::npos);
       },
       {"PX02"}});
  add({"link_loop",
       [](const fs::path& a) {
         fs::create_directories(Spare(a, "loop"));
         fs::create_symlink("b.mp4", Spare(a, "loop") / "a.mp4");
         fs::create_symlink("a.mp4", Spare(a, "loop") / "b.mp4");
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("Z/loop/20220415/", "循环"), 2); }});
  add({"folder_loop",
       [](const fs::path& a) {
         fs::create_directories(Spare(a, "cycle"));
         fs::create_directory_symlink("../..", Spare(a, "cycle") / "back");
       },
       [](const AuditRun& run) { EXPECT_GE(run.CountIssues("Z/cycle/20220415/back", "循环"), 1); }});
  add({"link_inside_archive",
       [](const fs::path& a) {
         fs::create_directories(Spare(a, "inside"));
         fs::create_symlink("../../Z-1/20220415/090000.mp4", Spare(a, "inside") / "090000.mp4");
       },
       [](const AuditRun& run) {
         store::Database db(run.db.string());
         store::Statement row(db, "SELECT unreadable FROM media_files WHERE path LIKE '%Z/inside/%'");
         ASSERT_TRUE(row.Step()) << "a link inside the archive is followed";
         EXPECT_EQ(row.Text(0), "none");
       }});
  add({"deep_folders",
       [](const fs::path& a) {
         fs::path deep = Spare(a, "deep");
         for (int i = 0; i < 80; ++i) deep /= "d";
         WriteBytes(deep / "090000.mp4", "");
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("Z/deep/", "嵌套超过"), 1); }});

  // ---- Recordings.
  add({"empty_recording", [](const fs::path& a) { WriteBytes(Spare(a, "empty") / "090000.mp4", ""); },
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/empty/20220415/090000.mp4 无法读取：空文件"), 1);
       }});
  add({"random_bytes_recording",
       [](const fs::path& a) { WriteBytes(Spare(a, "noise") / "090000.mp4", RandomBytes(64 << 10, 7)); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/noise/"), 1); }});
  add({"dav_magic_then_random_bytes",  // Dahua's DAV is read (libav's dhav demuxer): its magic, then noise
       [](const fs::path& a) { WriteBytes(Spare(a, "dav") / "090000.mp4", "DHAV\xfd" + RandomBytes(64 << 10, 11)); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/dav/"), 1); }});
  add({"mp4_cut_before_index",
       [](const fs::path& a) {
         const std::string bytes = ReadBytes(SamplePath("short.mp4"));
         WriteBytes(Spare(a, "cut") / "090000.mp4", bytes.substr(0, bytes.size() * 6 / 10));
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/cut/"), 1); }});
  add({"mp4_cut_after_index",
       [](const fs::path& a) {
         const std::string bytes = FastStartSample();
         WriteBytes(Spare(a, "cut30") / "090000.mp4", bytes.substr(0, bytes.size() * 3 / 10));
       },
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "被截断：索引列出的最后"), 1)
             << "an index promising more than the file holds is reported as cut";
       }});
  add({"mp4_index_claims_two_billion_samples",
       [](const fs::path& a) {
         std::string bytes = FastStartSample();
         bytes = PatchBoxField(bytes, "stsz", 16, 0x80000000u);
         bytes = PatchBoxField(bytes, "stco", 12, 0x80000000u);
         WriteBytes(Spare(a, "claim") / "090000.mp4", bytes);
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/claim/"), 1); }});
  add({"sparse_two_gib_file",
       [](const fs::path& a) {
         WriteBytes(Spare(a, "sparse") / "090000.mp4", "");
         fs::resize_file(Spare(a, "sparse") / "090000.mp4", uintmax_t{2} << 30);
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/sparse/"), 1); }});
  add({"fifty_stream_ts",
       [](const fs::path& a) {
         fs::create_directories(Spare(a, "many"));
         EXPECT_EQ(RemuxRecording(SamplePath("short.mp4"), (Spare(a, "many") / "090000.mp4").string(),
                                  Remux{"mpegts", 50, {}, ""}),
                   "");
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/many/"), 1); }});
  add({"creation_time_in_year_9999",
       [](const fs::path& a) {
         fs::create_directories(Spare(a, "y9999"));
         EXPECT_EQ(RemuxRecording(SamplePath("short.mp4"), (Spare(a, "y9999") / "090000.mp4").string(),
                                  Remux{"mp4", 1, {{"creation_time", "9999-12-31T23:59:59.000000Z"}}, ""}),
                   "");
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-CLOCK", "Z/y9999/"), 1); }});
  add({"fragmented_mp4_claiming_83_million_samples",  // found by probe_fuzz: libav sizes its index to the claim
       [](const fs::path& a) {
         WriteBytes(Spare(a, "trun") / "090000.mp4",
                    ReadBytes(fs::path(XUNKAO_SOURCE_DIR) / "tools/fuzz/crashes/probe_fuzz-trun-index-2gib"));
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/trun/"), 1); }});
  add({"twenty_thousand_files_in_one_folder",
       [](const fs::path& a) {
         fs::create_directories(Spare(a, "flood"));
         for (int i = 0; i < 20000; ++i) {
           const int seconds = 9 * 3600 + i;
           std::ofstream(Spare(a, "flood") /
                         fmt::format("{:02d}{:02d}{:02d}.mp4", seconds / 3600, seconds / 60 % 60, seconds % 60));
         }
       },
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "camera-day:Z|flood|2022-04-15"), 1)
             << "one finding for the camera-day, not 20,000";
         EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/flood/"), 1);
         EXPECT_LT(fs::file_size(run.out / "findings.json"), uintmax_t{1} << 20) << "was 32 MiB";
         EXPECT_LT(fs::file_size(run.out / "report.html"), uintmax_t{2} << 20) << "was 19 MiB";
       }});

  // ---- Tables.
  add({"blank_lines_200_mb",
       [](const fs::path& a) {
         std::ofstream out(a / "training/PX01/attendance.csv", std::ios::app | std::ios::binary);
         const std::string blank(1 << 20, '\n');
         for (int i = 0; i < 200; ++i) out << blank;
       },
       [](const AuditRun& run) { EXPECT_EQ(run.IssuesOfFile("training/PX01/attendance.csv"), 0); }});
  add({"header_of_fifty_mb_of_commas",
       [](const fs::path& a) { WriteBytes(a / "training/PX03/classes.csv", std::string(50 << 20, ',') + "\n"); },
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountIssues("training/PX03/classes.csv", "line_max_bytes"), 1);
         EXPECT_EQ(run.CountIssues("training/PX03/classes.csv", "fields_max_per_row"), 1);
       },
       {"PX03"}});
  add({"table_past_the_size_limit",
       [](const fs::path& a) { fs::resize_file(a / "training/PX03/sessions.csv", uintmax_t{300} << 20); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("training/PX03/sessions.csv", "table_max_bytes"), 1); },
       {"PX03"}});
  add({"certificate_register_past_the_size_limit",  // bureau/certificates.csv is read like every table
       [](const fs::path& a) { fs::resize_file(a / "bureau/certificates.csv", uintmax_t{300} << 20); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("bureau/certificates.csv", "table_max_bytes"), 1); },
       {"bureau"}});
  add({"one_gbk_line_in_a_utf8_table",
       [](const fs::path& a) {
         AppendVariant(a / "training/PX01/trainees.csv", {{2, Gbk("张三")}});
       },
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountIssues("training/PX01/trainees.csv", "无法识别的字节"), 1)
             << "one bad line is that line's issue; the file stays UTF-8 and its roster loads";
       }});
  add({"one_gbk_line_after_a_bom",
       [](const fs::path& a) {
         AppendVariant(a / "training/PX03/trainees.csv", {{2, Gbk("李四")}});
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("training/PX03/trainees.csv", "无法识别的字节"), 1); }});
  add({"impossible_dates",
       [](const fs::path& a) {
         AppendVariant(a / "training/PX01/classes.csv", {{0, "BAD-DATE-1"}, {5, "2022-02-30"}});
         AppendVariant(a / "training/PX01/classes.csv", {{0, "BAD-DATE-2"}, {5, "0000-00-00"}});
       },
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountIssues("training/PX01/classes.csv", "“2022-02-30”不是有效日期"), 1);
         EXPECT_EQ(run.CountIssues("training/PX01/classes.csv", "“0000-00-00”不是有效日期"), 1);
       }});
  add({"ten_thousand_character_id",
       [](const fs::path& a) {
         AppendVariant(a / "training/PX01/classes.csv", {{0, std::string(10000, '4')}, {5, std::string(10000, '4')}});
       },
       [](const AuditRun& run) {
         EXPECT_GE(run.CountIssues("training/PX01/classes.csv", "共 10000 字节"), 1) << "shown shortened";
         for (const auto& issue : run.findings["load_issues"]) {
           EXPECT_LT(issue["message_zh"].get<std::string>().size(), 2000u);
         }
       }});
  add({"formula_and_script_values",
       [](const fs::path& a) {
         AppendVariant(a / "training/PX01/classes.csv", {{0, "=cmd|' /C calc'!A0"}});
         AppendVariant(a / "training/PX01/classes.csv", {{0, "<script>alert(1)</script>"}});
       },
       [](const AuditRun& run) {
         const std::string csv = ReadBytes(run.out / "findings.csv");
         EXPECT_NE(csv.find("'=cmd"), std::string::npos) << "the formula is neutralised";
         EXPECT_EQ(csv.find(",=cmd"), std::string::npos);
         EXPECT_EQ(csv.find(",\"=cmd"), std::string::npos);
         const std::string html = ReadBytes(run.out / "report.html");
         EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos) << "archive values are escaped";
         EXPECT_NE(html.find("&lt;script&gt;alert(1)"), std::string::npos);
       }});
  add({"recordings_index_leaving_the_archive",
       [](const fs::path& a) {
         WriteBytes(
             a / "exams/KS01/recordings.csv",
             "file,room,camera,start,end\n../../../../etc/passwd,A,A-1,2022-04-15 09:00:00,2022-04-15 09:30:00\n");
       },
       [](const AuditRun& run) {
         EXPECT_GE(run.CountIssues("exams/KS01/recordings.csv", ""), 1);
         EXPECT_EQ(ReadBytes(run.out / "findings.json").find("root:x:0"), std::string::npos);
       }});

  // ---- Classrooms: training/<code>/video and recordings.csv get what the exam rooms get.
  add({"classroom_recordings",
       [](const fs::path& a) {
         const fs::path room = a / "training/PX01/video" / Gbk("教室甲") / "cam1/20220415";
         WriteBytes(room / "090000.mp4", "");
         fs::create_directories(room.parent_path() / "20220416");
         fs::create_symlink("/etc/passwd", room.parent_path() / "20220416/090000.mp4");
         WriteBytes(a / "training/PX01/recordings.csv",
                    "file,room,camera,start,end\n../../../../etc/passwd,R1,R1-1,2022-04-15 09:00:00,2022-04-15 "
                    "09:30:00\n");
       },
       [](const AuditRun& run) {
         EXPECT_EQ(run.exit_code, 0);
         EXPECT_EQ(run.CountIssues("training/PX01/video/教室甲/cam1/20220416/090000.mp4", "档案目录之外"), 1)
             << "a link out of the archive is not followed";
         EXPECT_GE(run.CountIssues("training/PX01/recordings.csv", ""), 1) << "a path leaving the archive is refused";
         EXPECT_EQ(ReadBytes(run.out / "findings.json").find("root:x:0"), std::string::npos);
         store::Database db(run.db.string());
         store::Statement row(db,
                              "SELECT path_bytes, unreadable FROM media_files WHERE path LIKE "
                              "'training/PX01/video/教室甲/cam1/20220415/%'");
         ASSERT_TRUE(row.Step()) << "the classroom recording is catalogued under its decoded name";
         EXPECT_NE(row.Blob(0).find(Gbk("教室甲")), std::string::npos) << "the exact bytes are kept";
         EXPECT_EQ(row.Text(1), "empty");
       },
       {"PX01"}});

  // ---- Workbooks.
  add({"shared_strings_bomb",
       [](const fs::path& a) {
         // One row naming a 1 MiB shared string 300 times: 300 MiB of text from a file of a few KiB.
         std::string rows = "<row r=\"1\">";
         for (int c = 0; c < 300; ++c) rows += "<c t=\"s\"><v>0</v></c>";
         rows += "</row>";
         fs::remove(a / "training/PX04/teachers.csv");
         const std::string workbook = XlsxWorkbook(rows, {std::string(1 << 20, 'A')});
         EXPECT_LT(workbook.size(), 64u << 10) << "a small file";
         WriteBytes(a / "training/PX04/teachers.xlsx", workbook);
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("training/PX04/teachers.xlsx", "xlsx_max_text_bytes"), 1); },
       {"PX04"}});
  add({"workbook_part_unpacking_past_the_limit",
       [](const fs::path& a) {
         std::string rows = "<row r=\"1\"><c t=\"inlineStr\"><is><t>teacher_id</t></is></c></row>";
         rows += std::string(4 << 20, ' ');
         fs::remove(a / "training/PX04/trainees.csv");
         WriteBytes(a / "training/PX04/trainees.xlsx", XlsxWorkbook(rows, {}));
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("training/PX04/trainees.xlsx", "解压后超过"), 1); },
       {"PX04"},
       {"xlsx_max_unpacked_bytes = 2097152"}});
  add({"workbook_that_is_not_a_workbook",
       [](const fs::path& a) {
         fs::remove(a / "training/PX04/sessions.csv");
         WriteBytes(a / "training/PX04/sessions.xlsx", RandomBytes(20000, 11));
       },
       [](const AuditRun& run) {
         EXPECT_EQ(run.IssuesOfFile("training/PX04/sessions.xlsx"), 1) << "one issue, not one per line";
       },
       {"PX04"}});
  add({"workbook_with_a_dtd",
       [](const fs::path& a) {
         fs::remove(a / "training/PX04/attendance.csv");
         // The DTD goes into the sheet part: a workbook written by hand, as an attacker would.
         WriteBytes(a / "training/PX04/attendance.xlsx",
                    XlsxWorkbook("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]><row r=\"1\"><c><v>1</v></c></row>", {}));
       },
       [](const AuditRun& run) { EXPECT_GE(run.CountIssues("training/PX04/attendance.xlsx", ""), 1); },
       {"PX04"}});

  // ---- Configuration.
  add({"extreme_thresholds",
       [](const fs::path&) {},
       [](const AuditRun& run) {
         EXPECT_EQ(run.CountIssues("audit.toml", "min_proctors = -1 超出允许范围"), 1);
         EXPECT_EQ(run.CountIssues("audit.toml", "超出允许范围 0.5–24"), 1);
       },
       {},
       {},
       {"min_proctors = -1", "daily_cap_hours = 1e308"}});
  add({"unknown_threshold",
       [](const fs::path&) {},
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("audit.toml", "gap_min_seconds"), 1); },
       {},
       {},
       {"gap_min_secnds = 3"}});
  add({"unknown_limit",
       [](const fs::path&) {},
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("audit.toml", "table_max_bytes?"), 1); },
       {},
       {"table_max_byte = 5"}});
  add({"bad_name_pattern",
       [](const fs::path&) {},
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("audit.toml", "{rom}"), 1); },
       {},
       {},
       {},
       {"\"{rom}/{camera}/*\""}});
  add({"backtracking_name_pattern",
       [](const fs::path& a) {
         // A name of 250 letters a, no b: a backtracking matcher tries every way to split it.
         WriteBytes(a / "exams/KS01/video/Z/slow" / std::string(250, 'a'), "");
       },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "Z/slow/aaaa"), 1); },
       {},
       {},
       {},
       {"\"{room}/{camera}/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\""}});
  add({"unknown_section",
       [](const fs::path&) {},
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("audit.toml", "未知的配置项 thresold"), 1); },
       {},
       {},
       {},
       {},
       {"[thresold]", "x = 1"}});
  add({"invalid_toml",
       [](const fs::path& a) { WriteBytes(a / "audit.toml", "[thresholds\nmin_proctors = \n"); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("audit.toml", "TOML"), 1); },
       {},
       {},
       {},
       {},
       {},
       {},
       true});

  // ---- The analysis worker.
  // The empty file beside it would crash a worker too: it is judged without one.
  add({"worker_crashes",
       [](const fs::path& a) {
         CopySampleRecording(Spare(a, "crashme") / "090000.mp4");
         WriteBytes(Spare(a, "crashme") / "100000.mp4", "");
       },
       [](const AuditRun& run) {
         EXPECT_EQ(run.exit_code, 0) << "the run goes on";
         EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "分析进程崩溃"), 1);
         EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "crashme/20220415/100000.mp4 无法读取：空文件"), 1);
       },
       {},
       {},
       {},
       {},
       {},
       {{"XUNKAO_TEST_WORKER_FAULT", "crash:crashme"}}});
  return kinds;
}

std::vector<Spoil> AloneCatalogue() {
  std::vector<Spoil> kinds;
  // Found by toml_fuzz: toml++ 3.3.0 reaches an "unreachable" branch on U+FEF7 (and most other
  // non-ASCII code points outside a string) where it expects white space (fixed upstream in PR
  // #305); the released library gives a parse error.
  kinds.push_back({"toml_with_unicode_whitespace",
                   [](const fs::path& a) { WriteBytes(a / "audit.toml", "\xEF\xBB\xB7\n"); },
                   [](const AuditRun& run) { EXPECT_EQ(run.CountIssues("audit.toml", "TOML 格式错误"), 1); },
                   {},
                   {},
                   {},
                   {},
                   {},
                   {},
                   true});
  kinds.push_back({"worker_hangs",
                   [](const fs::path& a) { CopySampleRecording(Spare(a, "hangme") / "090000.mp4"); },
                   [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "分析超时"), 1); },
                   {},
                   {"worker_seconds_base = 5", "worker_seconds_per_gib = 0"},
                   {},
                   {},
                   {},
                   {{"XUNKAO_TEST_WORKER_FAULT", "hang:hangme"}},
                   true});
  kinds.push_back(
      {"worker_outgrows_memory",
       [](const fs::path& a) { CopySampleRecording(Spare(a, "hogme") / "090000.mp4"); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "worker_memory_mib"), 1); },
       {},
       {"worker_memory_mib = 400"},
       {},
       {},
       {},
       {{"XUNKAO_TEST_WORKER_FAULT", "oom:hogme"}},
       true});
  kinds.push_back(
      {"worker_answers_garbage",
       [](const fs::path& a) { CopySampleRecording(Spare(a, "junk") / "090000.mp4"); },
       [](const AuditRun& run) { EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "无法识别的结果"), 1); },
       {},
       {},
       {},
       {},
       {},
       {{"XUNKAO_TEST_WORKER_FAULT", "garbage:junk"}},
       true});
  kinds.push_back({"picture_beyond_the_size_limit",
                   [](const fs::path& a) { CopySampleRecording(Spare(a, "huge") / "090000.mp4"); },
                   [](const AuditRun& run) {
                     EXPECT_EQ(run.CountFindings("EXM-VIDEO-UNREADABLE", "picture_max_width"), 2)
                         << "this file and the clean archive's own recording are both larger than the limit";
                   },
                   {},
                   {"picture_max_width = 160"},
                   {},
                   {},
                   {},
                   {},
                   true});
  kinds.push_back({"rows_past_the_limit",
                   [](const fs::path& a) {
                     const fs::path table = a / "training/PX01/attendance.csv";
                     const std::string text = ReadBytes(table);
                     const std::string last = text.substr(text.rfind('\n', text.size() - 2) + 1);
                     std::string more;
                     for (int i = 0; i < 1200; ++i) more += last;
                     WriteBytes(table, text + more);
                   },
                   [](const AuditRun& run) {
                     EXPECT_EQ(run.CountIssues("training/PX01/attendance.csv", "rows_max_per_table = 1000"), 1);
                   },
                   {"PX01"},
                   {"rows_max_per_table = 1000"},
                   {},
                   {},
                   {},
                   {},
                   true});
  return kinds;
}

}  // namespace xk::hostile
