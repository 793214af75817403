#include "tests/packet/packet_world.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <memory>

#include "records/csv/encoding.h"
#include "records/finding.h"
#include "records/hashing.h"
#include "records/media_facts.h"
#include "records/store/media_store.h"
#include "src/media/probe.h"
#include "tools/demo/cctv_video.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

void WriteFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Encodes a recording and catalogues it as the audit would (probe of the real file).
std::string MakeRecording(const PacketWorld& world, const std::string& relative, Instant start, double seconds,
                          std::vector<CctvSpan> black, RecordingFacts* facts) {
  const fs::path path = world.archive / relative;
  fs::create_directories(path.parent_path());
  CctvScript script;
  script.width = 160;
  script.height = 120;
  script.fps = 10;
  script.gop = 10;
  script.duration_s = seconds;
  script.osd_start = start;
  script.zone = world.zone;
  script.camera_name = "A-1";
  script.creation_time = start;
  script.black = std::move(black);
  if (std::string error = WriteCctvVideo(path.string(), script); !error.empty()) return error;
  facts->institution = "KS01";
  facts->room = "A";
  facts->camera = "1";
  facts->path = relative;
  facts->size = static_cast<int64_t>(fs::file_size(path));
  facts->mtime = 1650000000;
  facts->name_start = start;
  facts->name_start_origin = "name";
  facts->start = start;
  facts->probe = ProbeRecording(path.string());
  if (facts->probe.unreadable != UnreadableKind::kNone) return relative + ": " + facts->probe.reason;
  facts->probe.sha256 = Sha256File(path.string()).value_or("");
  return "";
}

PacketWorld* Build() {
  auto* world = new PacketWorld;
  std::string pattern = testing::TempDir() + "xunkao_packet_XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    world->setup_error = "cannot create a temporary folder";
    return world;
  }
  world->root = pattern;
  world->archive = world->root / "archive";
  world->db_path = world->root / "xunkao.db";
  std::atexit([] {
    std::error_code ignored;
    fs::remove_all(PacketWorld::Get().root, ignored);
  });
  const TimeZone& zone = world->zone;
  auto at = [&](int hour, int minute, int second) {
    return ToInstant(DateFromYmd(2022, 4, 15), hour * 3600 + minute * 60 + second, zone);
  };

  // GB18030, CRLF; the record of line 5 runs over two physical lines (a quoted line break).
  world->timetable_bytes = Utf8ToGb18030(
      "班级编号,场次编号,日期,开始,结束,课程,教师\r\n"
      "C2022-01,S1,2022-03-01,08:00,12:00,安全生产法律法规,张三\r\n"
      "C2022-01,S2,2022-03-01,13:00,23:30,危险化学品安全,李四\r\n"
      "C2022-01,S3,2022-03-02,08:00,12:00,事故案例,张三\r\n"
      "C2022-01,S4,2022-03-02,13:00,17:00,\"应急预案\r\n（续）\",王五\r\n"
      "C2022-01,S5,2022-03-03,08:00,12:00,复习,张三\r\n");
  WriteFile(world->archive / world->timetable, world->timetable_bytes);
  WriteFile(world->archive / world->chinese_timetable, "班级编号,日期\n班/../x,2022-03-01\n");
  WriteFile(world->root / "outside.csv", "secret\n" + world->outside_marker + "\n");
  fs::create_directories(world->archive / "training/PX09");
  fs::create_symlink(world->root / "outside.csv", world->archive / world->symlinked_timetable);

  world->gap_start = at(9, 0, 14);
  world->gap_end = at(9, 0, 20);
  world->black_start = at(9, 0, 22);
  world->black_end = at(9, 0, 25);
  std::vector<RecordingFacts> recordings(2);
  std::string error = MakeRecording(*world, world->video_before, at(9, 0, 0), 14, {}, &recordings[0]);
  if (error.empty()) error = MakeRecording(*world, world->video_after, at(9, 0, 20), 8, {{2, 5}}, &recordings[1]);
  if (!error.empty()) {
    world->setup_error = error;
    return world;
  }

  std::vector<Finding> findings;
  {
    Finding f;
    f.rule = "TRN-HOURS-SHORT";
    f.severity = Severity::kHigh;
    f.institution = "PX01";
    f.subject = "class:C2022-01";
    f.class_id = "C2022-01";
    f.measured = 32;
    f.required = 48;
    f.unit = "学时";
    f.summary_zh = "班级 C2022-01 有记录支撑的学时为 32.0，低于大纲要求的 48 学时";
    f.summary_en = "class C2022-01 has 32.0 backed hours of 48";
    f.basis = "《安全生产培训管理办法》第十二条";
    f.people = {"110105199003070017"};
    f.rows = {SourceRef{world->timetable, 3}, SourceRef{world->timetable, 5}};
    f.evidence = {Evidence{world->timetable, "", "课表 (timetable)"}};
    findings.push_back(f);
  }
  {
    Finding f;
    f.rule = "EXM-VIDEO-GAP";
    f.severity = Severity::kHigh;
    f.institution = "KS01";
    f.subject = "session:S20220415-1|room:A|camera:1|gap:09:00:14";
    f.session_id = "S20220415-1";
    f.room = "A";
    f.camera = "1";
    f.file = world->video_before;
    f.start = world->gap_start;
    f.end = world->gap_end;
    f.measured = 6;
    f.required = 0;
    f.unit = "s";
    f.summary_zh = "考场 A 摄像机 1 场次 S20220415-1 录像中断 6 秒（2022-04-15 09:00:14–09:00:20）";
    f.basis = "考试全过程录像";
    f.evidence = {Evidence{world->video_before, "", "与中断相邻的录像"},
                  Evidence{world->video_after, "", "与中断相邻的录像"}};
    findings.push_back(f);
  }
  {
    Finding f;
    f.rule = "EXM-VIDEO-BLACK";
    f.severity = Severity::kHigh;
    f.institution = "KS01";
    f.subject = "session:S20220415-1|room:A|camera:1|black:09:00:22";
    f.session_id = "S20220415-1";
    f.room = "A";
    f.camera = "1";
    f.file = world->video_after;
    f.start = world->black_start;
    f.end = world->black_end;
    f.measured = 3;
    f.unit = "s";
    f.summary_zh = "考场 A 摄像机 1 画面全黑 3 秒";
    f.basis = "考试全过程录像";
    findings.push_back(f);
  }
  {
    Finding f;
    f.rule = "TRN-HOURS-SHORT";
    f.institution = "../../evil";
    f.subject = "class:班/../x";
    f.class_id = "班/../x";
    f.start = ToInstant(DateFromYmd(2022, 3, 1), 8 * 3600, zone);
    f.summary_zh = "<script>alert('x')</script> 班级 班/../x 学时不足";
    f.rows = {SourceRef{world->chinese_timetable, 2}, SourceRef{"../outside.csv", 2},
              SourceRef{world->symlinked_timetable, 2}};
    f.evidence = {Evidence{"/etc/passwd", "", "absolute path from the archive"}};
    findings.push_back(f);
  }
  world->hours_id = findings[0].Id();
  world->gap_id = findings[1].Id();
  world->black_id = findings[2].Id();
  world->evil_id = findings[3].Id();

  try {
    store::AuditStore store(world->db_path.string());
    const int64_t run = store.BeginRun("2022-05-10T02:00:00+08:00", world->archive.string(), "{}");
    store::SaveMediaFacts(store.db(), recordings, run);
    store::RunResults results;
    results.findings = findings;
    results.finished = "2022-05-10T02:05:00+08:00";
    results.files_scanned = 2;
    results.files_analysed = 2;
    store.CompleteRun(run, results, zone);
  } catch (const std::exception& failure) {
    world->setup_error = failure.what();
  }
  return world;
}

}  // namespace

const PacketWorld& PacketWorld::Get() {
  static const PacketWorld* world = Build();
  return *world;
}

fs::path PacketWorld::FreshDir(const std::string& name) const {
  fs::path dir = root / name;
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  fs::create_directories(dir);
  return dir;
}

}  // namespace xk
