#include "tools/demo/demo_exam_centre.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

#include "records/civil_time.h"
#include "tools/demo/cctv_video.h"
#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_people.h"

namespace xk {

namespace {

using Match = std::vector<std::pair<std::string, std::string>>;

const ExportStyle kExamStyle{ExportEncoding::kGb18030, true, true};

std::string Hm(int minutes) { return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60); }

// One NVR segment to write.
struct Segment {
  std::string room, camera;
  int start_minute = 0;       // local minutes of 2022-04-15 (or of `day`)
  double seconds = 299.5;     // length
  std::string container = "mp4";
  std::string codec = "h264";
  std::vector<CctvSpan> black, frozen, holes;
  bool dark_room = false, static_scene = false;
  int creation_offset_seconds = 0;  // creation_time minus the true start
  bool truncate = false;            // cut off the moov (power loss)
  uint32_t seed = 1;
};

std::string SegmentPath(const std::filesystem::path& exam_dir, const Segment& s) {
  int second_of_day = s.start_minute * 60;
  return (exam_dir / "video" / s.room / s.camera / "20220415" /
          fmt::format("{:02d}{:02d}{:02d}.mp4", second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60))
      .string();
}

void WriteSegment(const std::filesystem::path& exam_dir, const DemoScale& scale, const Segment& s) {
  TimeZone zone;
  Instant start = ToInstant(DateFromYmd(2022, 4, 15), s.start_minute * 60, zone);
  CctvScript script;
  script.width = scale.video_width;
  script.height = scale.video_height;
  script.fps = scale.video_fps;
  script.gop = scale.video_fps * 5;
  script.bitrate = 200000;
  script.duration_s = s.seconds;
  script.container = s.container;
  script.codec = s.codec;
  script.seed = s.seed;
  script.osd_start = start;
  script.zone = zone;
  script.camera_name = s.room + "-" + s.camera;
  if (s.container == "mp4") script.creation_time = start + s.creation_offset_seconds;
  script.black = s.black;
  script.frozen = s.frozen;
  script.holes = s.holes;
  script.dark_room = s.dark_room;
  script.static_scene = s.static_scene;
  std::string path = SegmentPath(exam_dir, s);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::string error = WriteCctvVideo(path, script);
  if (!error.empty()) throw std::runtime_error(error);
  if (s.truncate) {  // keep ftyp + most of mdat, lose the moov at the end
    auto size = std::filesystem::file_size(path);
    std::filesystem::resize_file(path, size * 2 / 3);
  }
}

}  // namespace

void WriteDemoExamCentre(const std::filesystem::path& dir, const DemoScale& scale, uint32_t seed,
                         const DemoExamInputs& in, DemoKey* key) {
  const std::string code = "KS01";
  const std::filesystem::path exam_dir = dir / "exams" / code;
  auto expect = [&](const std::string& rule, Match match, const std::string& note) {
    key->expected.push_back(ExpectedFinding{rule, code, std::move(match), note});
  };
  const int m = scale.exam_minutes;
  const int s1 = 9 * 60, s2 = 14 * 60, s4 = 16 * 60;
  auto person = [&] { return DemoResidentId((*in.next_person)++); };
  std::string p1 = person(), p2 = person(), p3 = person(), e1 = person();

  CsvTableWriter plan({{"session_id", "场次"}, {"date", "日期"}, {"start", "开始时间"}, {"end", "结束时间"}, {"room", "考场"},
                       {"mode", "考试方式"}, {"subject", "科目"}, {"planned_candidates", "计划人数"}},
                      kExamStyle);
  plan.AddRow({"S1", "2022年4月15日", Hm(s1), Hm(s1 + m), "A", "理论", "安全生产管理人员 / 主要负责人", "10"});
  plan.AddRow({"S2", "2022年4月15日", Hm(s2), Hm(s2 + m), "B", "实操", "低压电工作业", "5"});
  plan.AddRow({"S3", "2022年4月16日", Hm(s1), Hm(s1 + m), "A", "理论", "安全生产管理人员", "10"});
  plan.Write(exam_dir / "plan.csv");
  expect("EXM-PLAN-DEVIATION", {{"session_id", "S3"}}, "planned, never held");
  expect("EXM-PLAN-DEVIATION", {{"session_id", "S4"}}, "held, not in the plan");

  CsvTableWriter sessions({{"session_id", "场次"}, {"date", "日期"}, {"start", "开始时间"}, {"end", "结束时间"},
                           {"room", "考场"}, {"proctors", "监考人员"}, {"examiners", "考评员"}, {"mode", "考试方式"}},
                          kExamStyle);
  sessions.AddRow({"S1", "2022年4月15日", Hm(s1), Hm(s1 + m), "A", p1 + "；" + p2, "", "理论"});
  sessions.AddRow({"S2", "2022年4月15日", Hm(s2), Hm(s2 + m), "B", "", in.px01_teacher_for_conflict, "实操"});
  sessions.AddRow({"S4", "2022年4月15日", Hm(s4), Hm(s4 + m), "C", p1 + "；" + p3, "", "理论"});
  sessions.Write(exam_dir / "sessions.csv");
  expect("EXM-PROCTOR-SHORT", {{"session_id", "S2"}}, "one examiner for a practical exam");
  expect("EXM-PROCTOR-CONFLICT", {{"session_id", "S2"}}, "the examiner teaches at PX01, whose trainees sit S2");

  CsvTableWriter staff({{"staff_id", "身份证号"}, {"name", "姓名"}, {"role", "角色"}, {"employer", "所属单位"}}, kExamStyle);
  staff.AddRow({p1, DemoName(600), "监考", "衡阳市安全生产考试考核中心"});
  staff.AddRow({p2, DemoName(601), "监考", "衡阳市安全生产考试考核中心"});
  staff.AddRow({p3, DemoName(602), "监考", "衡阳市安全生产考试考核中心"});
  staff.AddRow({e1, DemoName(603), "考评员", "衡阳市安全生产考试考核中心"});
  staff.AddRow({in.px01_teacher_for_conflict, DemoName(207), "考评员", "衡阳市安全生产考试考核中心"});
  staff.Write(exam_dir / "staff.csv");

  CsvTableWriter candidates({{"session_id", "场次"}, {"candidate_id", "身份证号"}, {"name", "姓名"},
                             {"training_institution", "培训机构编码"}, {"class_id", "班级编号"}, {"score", "成绩"},
                             {"result", "结果"}},
                            kExamStyle);
  int n = 0;
  for (const auto& id : in.px01_c01_trainees) candidates.AddRow({"S1", id, DemoName(700 + n++), "PX01", "C01", "86", "合格"});
  for (size_t i = 0; i < in.px03_p01_trainees.size(); ++i) {
    bool wrong_result = i == 0;  // 75 marked as a pass
    candidates.AddRow({"S1", in.px03_p01_trainees[i], DemoName(700 + n++), "PX03", "P01", wrong_result ? "75" : "90", "合格"});
    if (wrong_result) expect("EXM-CANDIDATE-DATA", {{"trainee_id", in.px03_p01_trainees[i]}}, "75 marked as a pass");
  }
  candidates.AddRow({"S1", in.px02_k06_trainee, DemoName(700 + n++), "PX02", "K06", "88", "合格"});
  candidates.AddRow({"S1", "4.30402E+17", DemoName(700 + n++), "PX01", "C01", "82", "合格"});
  expect("EXM-CANDIDATE-DATA", {{"trainee_id", "4.30402E+17"}}, "ID mangled by Excel");
  expect("EXM-CANDIDATE-UNTRAINED", {{"trainee_id", "4.30402E+17"}}, "no roster row under that ID");
  for (const auto& id : in.px01_c05_trainees) candidates.AddRow({"S2", id, DemoName(700 + n++), "PX01", "C05", "92", "合格"});
  std::string untrained = person();
  candidates.AddRow({"S2", untrained, DemoName(700 + n++), "PX01", "C09", "85", "合格"});
  expect("EXM-CANDIDATE-UNTRAINED", {{"trainee_id", untrained}}, "no such class at PX01");
  candidates.Write(exam_dir / "candidates.csv");

  CsvTableWriter cameras({{"room", "考场"}, {"camera", "摄像机"}, {"position", "位置"}}, kExamStyle);
  cameras.AddRow({"A", "1", "前方"});
  cameras.AddRow({"A", "2", "后方"});
  cameras.AddRow({"B", "1", "前方"});
  cameras.AddRow({"B", "2", "后方"});
  cameras.Write(exam_dir / "cameras.csv");
  expect("EXM-VIDEO-MISSING", {{"session_id", "S2"}, {"room", "B"}, {"camera", "2"}}, "camera B-2 never recorded");

  if (!scale.video) return;
  const int segments = std::max(1, m / 5);
  std::vector<Segment> plan_segments;
  for (int i = 0; i < segments; ++i) {  // clean; one dark-but-visible segment
    Segment s{"A", "1", s1 + 5 * i};
    s.seed = seed * 100 + static_cast<uint32_t>(i);
    s.dark_room = i == segments - 1;
    if (i == 1) s.black = {{60, 120}};  // lens covered for a minute
    plan_segments.push_back(s);
  }
  for (int i = 0; i < segments; ++i) {  // static room; segment 2 deleted, segment 3 cut off
    if (i == 2) continue;
    Segment s{"A", "2", s1 + 5 * i};
    s.seed = seed * 100 + 20 + static_cast<uint32_t>(i);
    s.static_scene = true;
    s.truncate = i == 3;
    plan_segments.push_back(s);
  }
  expect("EXM-VIDEO-GAP", {{"session_id", "S1"}, {"room", "A"}, {"camera", "2"}}, "segment deleted, next one cut off");
  expect("EXM-VIDEO-UNREADABLE", {{"file", fmt::format("exams/KS01/video/A/2/20220415/{}00.mp4", Hm(s1 + 15).replace(2, 1, ""))}},
         "MP4 without moov");
  for (int i = 0; i < segments; ++i) {  // B-1: a hole inside segment 1; PS under .mp4; a clock 2 h off
    Segment s{"B", "1", s2 + 5 * i};
    s.seed = seed * 100 + 40 + static_cast<uint32_t>(i);
    if (i == 1) s.holes = {{100, 140}};
    if (i == 2) s.container = "mpegps";
    if (i == 3) s.codec = "hevc";
    if (i == 4) s.creation_offset_seconds = 2 * 3600;
    if (i == 5) s.frozen = {{50, 80}};  // picture stuck for 30 s
    plan_segments.push_back(s);
  }
  expect("EXM-VIDEO-GAP", {{"session_id", "S2"}, {"room", "B"}, {"camera", "1"}}, "40 s hole inside a file");
  expect("EXM-VIDEO-BLACK", {{"room", "A"}, {"camera", "1"}}, "lens covered 60 s in the 09:05 segment");
  if (segments > 5) expect("EXM-VIDEO-FROZEN", {{"room", "B"}, {"camera", "1"}}, "picture stuck 30 s in the 14:25 segment");
  if (segments > 4) {
    expect("EXM-VIDEO-CLOCK", {{"file", fmt::format("exams/KS01/video/B/1/20220415/{}00.mp4", Hm(s2 + 20).replace(2, 1, ""))}},
           "creation_time two hours off the name");
  }
  for (const auto& s : plan_segments) WriteSegment(exam_dir, scale, s);

  // Files that are not recordings at all.
  std::ofstream(exam_dir / "video/A/1/20220415" / fmt::format("{}00.mp4", Hm(s1 + m + 1).replace(2, 1, "")),
                std::ios::binary | std::ios::trunc);
  std::ofstream(exam_dir / "video/B/1/20220415" / fmt::format("{}00.mp4", Hm(s2 + m + 5).replace(2, 1, "")),
                std::ios::binary | std::ios::trunc)
      << "这不是录像文件：NVR 导出失败时留下的说明文字。\n";
  expect("EXM-VIDEO-UNREADABLE", {{"file", fmt::format("exams/KS01/video/A/1/20220415/{}00.mp4", Hm(s1 + m + 1).replace(2, 1, ""))}},
         "zero bytes");
  expect("EXM-VIDEO-UNREADABLE", {{"file", fmt::format("exams/KS01/video/B/1/20220415/{}00.mp4", Hm(s2 + m + 5).replace(2, 1, ""))}},
         "a text file named .mp4");
}

}  // namespace xk
