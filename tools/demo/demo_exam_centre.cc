#include "tools/demo/demo_exam_centre.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

#include "records/civil_time.h"
#include "tools/demo/cctv_video.h"
#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_builder.h"
#include "tools/demo/demo_people.h"

namespace xk {

namespace {

using Match = std::vector<std::pair<std::string, std::string>>;

const ExportStyle kExamStyle{ExportEncoding::kGb18030, true, true};

// The fixed exam days: S0 the day before the main day, S1/S2/S4 held on it, S3 planned on the
// next day and never held. The extra clean days (DemoScale::extra_exam_days) start after it.
constexpr DemoDate kPreviousDay{2022, 4, 14};
constexpr DemoDate kExamDay{2022, 4, 15};
constexpr DemoDate kPlannedDay{2022, 4, 16};
constexpr DemoDate kFirstExtraDay{2022, 4, 18};
constexpr int kSegmentMinutes = 5;       // the NVR starts a new file every 5 minutes
constexpr int kPreviousDayMinutes = 10;  // S0 is a short resit: two segments a camera

// Files a camera writes to cover `minutes` (the last one may run past the end).
int SegmentsFor(int minutes) { return std::max(1, (minutes + kSegmentMinutes - 1) / kSegmentMinutes); }

// One NVR segment to write.
struct Segment {
  std::string room, camera;
  DemoDate date = kExamDay;
  int start_minute = 0;    // local minutes of `date`
  double seconds = 299.5;  // length
  std::string container = "mp4";
  std::string codec = "h264";
  std::vector<CctvSpan> black, frozen, holes;
  bool dark_room = false, static_scene = false;
  int creation_offset_seconds = 0;  // creation_time minus the true start
  bool truncate = false;            // cut off the moov (power loss)
};

// "video/A/1/20220415/090000.mp4": where the NVR export puts a segment, under the centre's folder
// (a Dahua recorder's export: ".dav").
std::string RecordingPath(const std::string& room, const std::string& camera, DemoDate date, int start_minute,
                          const std::string& extension = "mp4") {
  return fmt::format("video/{}/{}/{:04d}{:02d}{:02d}/{:02d}{:02d}00.{}", room, camera, date.year, date.month, date.day,
                     start_minute / 60, start_minute % 60, extension);
}

// Every segment's own picture (people, their paths, sensor noise) from the demo seed and where
// and when it was recorded, so no two segments show the same footage unless one is a copy.
uint32_t SegmentSeed(uint32_t seed, const Segment& s) {
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : fmt::format("{}|{}|{}|{}|{}", seed, s.room, s.camera, DateText(s.date, 0), s.start_minute)) {
    hash = (hash ^ c) * 1099511628211ULL;
  }
  return static_cast<uint32_t>(hash ^ (hash >> 32));
}

// 200 kbit/s at 320x180 and 5 frames/s, in proportion to the pixels a second otherwise: the same
// bits per pixel keep the sensor noise (what tells a still room from a frozen picture) at every
// size, and keep a tiny test video tiny.
int64_t SegmentBitrate(const DemoScale& scale) {
  const double pixel_rate = static_cast<double>(scale.video_width) * scale.video_height * scale.video_fps;
  return std::max<int64_t>(10000, std::llround(200000.0 * pixel_rate / (320.0 * 180.0 * 5.0)));
}

void WriteSegment(const std::filesystem::path& exam_dir, const DemoScale& scale, uint32_t seed, const Segment& s) {
  TimeZone zone;
  Instant start = ToInstant(DateFromYmd(s.date.year, s.date.month, s.date.day), s.start_minute * 60, zone);
  CctvScript script;
  script.width = scale.video_width;
  script.height = scale.video_height;
  script.fps = scale.video_fps;
  script.gop = scale.video_fps * 5;
  script.bitrate = SegmentBitrate(scale);
  script.duration_s = s.seconds;
  script.container = s.container;
  script.codec = s.codec;
  script.seed = SegmentSeed(seed, s);
  script.osd_start = start;
  script.zone = zone;
  script.camera_name = s.room + "-" + s.camera;
  if (s.container == "mp4") script.creation_time = start + s.creation_offset_seconds;
  script.black = s.black;
  script.frozen = s.frozen;
  script.holes = s.holes;
  script.dark_room = s.dark_room;
  script.static_scene = s.static_scene;
  std::filesystem::path path =
      exam_dir / RecordingPath(s.room, s.camera, s.date, s.start_minute, s.container == "dhav" ? "dav" : "mp4");
  std::filesystem::create_directories(path.parent_path());
  std::string error = WriteCctvVideo(path.string(), script);
  if (!error.empty()) throw std::runtime_error(error);
  if (s.truncate) {  // keep ftyp + most of mdat, lose the moov at the end
    auto size = std::filesystem::file_size(path);
    std::filesystem::resize_file(path, size * 2 / 3);
  }
}

// A held session as sessions.csv lists it, and the cameras its room requires.
struct HeldSession {
  std::string id;
  DemoDate date;
  int start_minute = 0, minutes = 0;
  std::string room;
};

}  // namespace

void WriteDemoExamCentre(const std::filesystem::path& dir, const DemoScale& scale, uint32_t seed,
                         const DemoExamInputs& in, DemoKey* key) {
  const std::string code = "KS01";
  const std::filesystem::path exam_dir = dir / "exams" / code;
  auto expect = [&](const std::string& rule, Match match, const std::string& note) {
    key->expected.push_back(ExpectedFinding{rule, code, std::move(match), note});
  };
  auto clean = [&](Match match, const std::string& note) {
    key->clean.push_back(CleanSubject{code, std::move(match), note});
  };
  auto key_path = [&](const std::string& room, const std::string& camera, DemoDate date, int start_minute) {
    return "exams/" + code + "/" + RecordingPath(room, camera, date, start_minute);
  };
  const int m = scale.exam_minutes;
  const int m0 = std::min(m, kPreviousDayMinutes);
  const int s1 = 9 * 60, s2 = 14 * 60, s4 = 16 * 60;
  auto person = [&] { return DemoResidentId((*in.next_person)++); };
  std::string p1 = person(), p2 = person(), p3 = person(), e1 = person();

  std::vector<HeldSession> extra_days;
  for (int d = 0; d < scale.extra_exam_days; ++d) {
    extra_days.push_back(HeldSession{fmt::format("X{:02d}", d + 1), AddDays(kFirstExtraDay, d), s1, m, "A"});
  }

  CsvTableWriter plan({{"session_id", "场次"},
                       {"date", "日期"},
                       {"start", "开始时间"},
                       {"end", "结束时间"},
                       {"room", "考场"},
                       {"mode", "考试方式"},
                       {"subject", "科目"},
                       {"planned_candidates", "计划人数"}},
                      kExamStyle);
  plan.AddRow({"S0", DateText(kPreviousDay, 1), ClockText(s1), ClockText(s1 + m0), "A", "理论",
               "安全生产管理人员（补考）", "5"});
  plan.AddRow({"S1", DateText(kExamDay, 1), ClockText(s1), ClockText(s1 + m), "A", "理论",
               "安全生产管理人员 / 主要负责人", "10"});
  plan.AddRow({"S2", DateText(kExamDay, 1), ClockText(s2), ClockText(s2 + m), "B", "实操", "低压电工作业", "5"});
  plan.AddRow(
      {"S3", DateText(kPlannedDay, 1), ClockText(s1), ClockText(s1 + m), "A", "理论", "安全生产管理人员", "10"});
  for (const auto& x : extra_days) {
    plan.AddRow({x.id, DateText(x.date, 1), ClockText(x.start_minute), ClockText(x.start_minute + x.minutes), x.room,
                 "理论", "安全生产管理人员", "10"});
  }
  plan.Write(exam_dir / "plan.csv");
  expect("EXM-PLAN-DEVIATION", {{"session_id", "S3"}}, "planned, never held");
  expect("EXM-PLAN-DEVIATION", {{"session_id", "S4"}}, "held, not in the plan");

  CsvTableWriter sessions({{"session_id", "场次"},
                           {"date", "日期"},
                           {"start", "开始时间"},
                           {"end", "结束时间"},
                           {"room", "考场"},
                           {"proctors", "监考人员"},
                           {"examiners", "考评员"},
                           {"mode", "考试方式"}},
                          kExamStyle);
  sessions.AddRow(
      {"S0", DateText(kPreviousDay, 1), ClockText(s1), ClockText(s1 + m0), "A", p1 + "；" + p2, "", "理论"});
  sessions.AddRow({"S1", DateText(kExamDay, 1), ClockText(s1), ClockText(s1 + m), "A", p1 + "；" + p2, "", "理论"});
  sessions.AddRow(
      {"S2", DateText(kExamDay, 1), ClockText(s2), ClockText(s2 + m), "B", "", in.px01_teacher_for_conflict, "实操"});
  sessions.AddRow({"S4", DateText(kExamDay, 1), ClockText(s4), ClockText(s4 + m), "C", p1 + "；" + p3, "", "理论"});
  for (const auto& x : extra_days) {
    sessions.AddRow({x.id, DateText(x.date, 1), ClockText(x.start_minute), ClockText(x.start_minute + x.minutes),
                     x.room, p1 + "；" + p2, "", "理论"});
  }
  sessions.Write(exam_dir / "sessions.csv");
  expect("EXM-PROCTOR-SHORT", {{"session_id", "S2"}}, "one examiner for a practical exam");
  expect("EXM-PROCTOR-CONFLICT", {{"session_id", "S2"}}, "the examiner teaches at PX01, whose trainees sit S2");

  CsvTableWriter staff({{"staff_id", "身份证号"}, {"name", "姓名"}, {"role", "角色"}, {"employer", "所属单位"}},
                       kExamStyle);
  staff.AddRow({p1, DemoName(600), "监考", "衡阳市安全生产考试考核中心"});
  staff.AddRow({p2, DemoName(601), "监考", "衡阳市安全生产考试考核中心"});
  staff.AddRow({p3, DemoName(602), "监考", "衡阳市安全生产考试考核中心"});
  staff.AddRow({e1, DemoName(603), "考评员", "衡阳市安全生产考试考核中心"});
  staff.AddRow({in.px01_teacher_for_conflict, DemoName(207), "考评员", "衡阳市安全生产考试考核中心"});
  staff.Write(exam_dir / "staff.csv");

  // The optional columns category, job_type, attempt, started and submitted are filled where a
  // case needs them; elsewhere the subject comes from the named class.
  CsvTableWriter candidates({{"session_id", "场次"},
                             {"candidate_id", "身份证号"},
                             {"name", "姓名"},
                             {"training_institution", "培训机构编码"},
                             {"class_id", "班级编号"},
                             {"score", "成绩"},
                             {"result", "结果"},
                             {"category", "培训类别"},
                             {"job_type", "作业类别"},
                             {"attempt", "考试次数"},
                             {"started", "开考时间"},
                             {"submitted", "交卷时间"}},
                            kExamStyle);
  int n = 0;
  struct Extra {
    std::string category, job_type, attempt, started, submitted;
  };
  auto sit = [&](const std::string& session, const std::string& id, const std::string& training,
                 const std::string& class_id, int score, const Extra& extra = {}) {
    candidates.AddRow({session, id, DemoName(700 + n++), training, class_id, std::to_string(score),
                       score >= 80 ? "合格" : "不合格", extra.category, extra.job_type, extra.attempt, extra.started,
                       extra.submitted});
  };
  auto at = [](DemoDate date, const char* time) { return DateText(date, 1) + " " + time; };
  for (size_t i = 0; i < in.px01_c01_trainees.size(); ++i) {
    Extra extra;
    if (i < 2) extra.started = at(kExamDay, "09:01:00");
    if (i == 0) extra.submitted = at(kExamDay, "09:05:00");  // 4 minutes, passed
    if (i == 1) extra.submitted = at(kExamDay, "09:26:00");  // 25 minutes
    sit("S1", in.px01_c01_trainees[i], "PX01", "C01", 86, extra);
  }
  expect("EXM-SUBMIT-FAST", {{"trainee_id", in.px01_c01_trainees[0]}, {"session_id", "S1"}},
         "passed the computer exam handing in after 4 minutes");
  clean({{"rule", "EXM-SUBMIT-FAST"}, {"trainee_id", in.px01_c01_trainees[1]}}, "25 minutes: not implausible");
  for (size_t i = 0; i < in.px03_p01_trainees.size(); ++i) {
    bool wrong_result = i == 0;  // 75 marked as a pass
    candidates.AddRow({"S1", in.px03_p01_trainees[i], DemoName(700 + n++), "PX03", "P01", wrong_result ? "75" : "90",
                       "合格", "", "", "", "", ""});
    if (wrong_result) expect("EXM-CANDIDATE-DATA", {{"trainee_id", in.px03_p01_trainees[i]}}, "75 marked as a pass");
  }
  sit("S1", in.px02_k06_trainee, "PX02", "K06", 88);
  // A compound surname DemoName never gives: the name must not join the row to a C01 trainee
  // (the audit joins a mangled ID by a unique name in the class), whatever the seed.
  candidates.AddRow({"S1", "4.30402E+17", "欧阳晓", "PX01", "C01", "82", "合格", "", "", "", "", ""});
  ++n;
  expect("EXM-CANDIDATE-DATA", {{"trainee_id", "4.30402E+17"}}, "ID mangled by Excel");
  expect("EXM-CANDIDATE-UNTRAINED", {{"trainee_id", "4.30402E+17"}}, "no roster row under that ID");
  // The electricians of C05 pass the theory (S1) before the practical (S2); the last of them sits
  // the theory only after the practical, at S4.
  const std::vector<std::string>& c05 = in.px01_c05_trainees;
  for (size_t i = 0; i + 1 < c05.size(); ++i) sit("S1", c05[i], "PX01", "C05", 90);
  sit("S4", c05.back(), "PX01", "C05", 88);
  for (const auto& id : c05) sit("S2", id, "PX01", "C05", 92);
  expect("EXM-PRACTICAL-BEFORE-THEORY", {{"trainee_id", c05.back()}, {"session_id", "S2"}},
         "practical at 14:00, the theory passed only at 16:00 (S4)");
  clean({{"rule", "EXM-PRACTICAL-BEFORE-THEORY"}, {"trainee_id", c05.front()}}, "theory passed at 09:00 (S1)");
  std::string untrained = person();
  if (in.untrained_candidate) *in.untrained_candidate = untrained;
  const Extra electrician{"特种作业人员", "低压电工作业", "", "", ""};
  sit("S1", untrained, "PX01", "C09", 84, electrician);
  sit("S2", untrained, "PX01", "C09", 85, electrician);
  expect("EXM-CANDIDATE-UNTRAINED", {{"trainee_id", untrained}}, "no such class at PX01");
  // Resits: K04's first trainee sits a third time with no retraining in between (S0 and S1
  // failed, S4); the second passes at the second attempt (the one resit allowed).
  const std::vector<std::string>& k04 = in.px02_k04_trainees;
  sit("S0", k04[0], "PX02", "K04", 62, {"", "", "1", "", ""});
  sit("S1", k04[0], "PX02", "K04", 71, {"", "", "2", "", ""});
  sit("S4", k04[0], "PX02", "K04", 88, {"", "", "3", "", ""});
  sit("S0", k04[1], "PX02", "K04", 65, {"", "", "1", "", ""});
  sit("S1", k04[1], "PX02", "K04", 86, {"", "", "2", "", ""});
  expect("EXM-RESIT-EXCESS", {{"trainee_id", k04[0]}, {"session_id", "S4"}}, "a third sitting without retraining");
  clean({{"rule", "EXM-RESIT-EXCESS"}, {"trainee_id", k04[1]}}, "passed at the one resit allowed");
  // Principals: every one of PX05's 12 passes, while PX06's pass 3 of 15 sittings and PX03's 3
  // of 3 (too few to judge). PX06's last trainee also sits the same exam at KS02 that morning.
  for (const auto& id : in.px05_f01_trainees) sit("S1", id, "PX05", "F01", 91);
  const std::vector<std::string>& g01 = in.px06_g01_trainees;
  for (size_t i = 0; i + 1 < g01.size(); ++i) sit("S4", g01[i], "PX06", "G01", i < 2 ? 82 : 52 + static_cast<int>(i));
  sit("S1", g01.back(), "PX06", "G01", 58);
  key->expected.push_back(
      ExpectedFinding{"EXM-PASS-RATE", "PX05", {}, "PX05's principals pass 12 of 12, the rest of the city 6 of 18"});
  key->clean.push_back(CleanSubject{"PX01", {{"rule", "EXM-PASS-RATE"}}, "C01 passes 6 of 6: too few to judge"});
  key->clean.push_back(CleanSubject{"PX03", {{"rule", "EXM-PASS-RATE"}}, "P01 passes 3 of 3: too few to judge"});
  expect("EXM-DOUBLE-SITTING", {{"trainee_id", g01.back()}, {"session_id", "S1"}},
         "the principals' theory exam at KS01 S1 and KS02 N0 on 2022-04-15");
  candidates.Write(exam_dir / "candidates.csv");

  // Rooms A and B have cameras 1..N (1 at the front, 2 at the back, more along the sides); the
  // small room C (S4) has one, at the front.
  const int cameras_per_room = std::max(2, scale.cameras_per_room);
  std::vector<std::string> cameras_of_room;
  for (int c = 1; c <= cameras_per_room; ++c) cameras_of_room.push_back(std::to_string(c));
  CsvTableWriter cameras({{"room", "考场"}, {"camera", "摄像机"}, {"position", "位置"}}, kExamStyle);
  for (const char* room : {"A", "B"}) {
    for (const auto& camera : cameras_of_room) {
      cameras.AddRow({room, camera, camera == "1" ? "前方" : camera == "2" ? "后方" : "侧面"});
    }
  }
  cameras.AddRow({"C", "1", "前方"});
  cameras.Write(exam_dir / "cameras.csv");
  expect("EXM-VIDEO-MISSING", {{"session_id", "S2"}, {"room", "B"}, {"camera", "2"}}, "camera B-2 never recorded");

  std::vector<HeldSession> recorded = {{"S0", kPreviousDay, s1, m0, "A"},
                                       {"S1", kExamDay, s1, m, "A"},
                                       {"S2", kExamDay, s2, m, "B"},
                                       {"S4", kExamDay, s4, m, "C"}};
  recorded.insert(recorded.end(), extra_days.begin(), extra_days.end());
  if (!scale.video) {  // then no required camera has any recording
    for (const auto& s : recorded) {
      for (const auto& camera : s.room == "C" ? std::vector<std::string>{"1"} : cameras_of_room) {
        if (s.id == "S2" && camera == "2") continue;  // expected above
        expect("EXM-VIDEO-MISSING", {{"session_id", s.id}, {"room", s.room}, {"camera", camera}},
               "written without video (--no-video)");
      }
    }
    return;
  }

  // The cameras' footage. Where nothing is injected a camera records the whole session in
  // 5-minute files; camera 2 of room A looks at the back of the room, where nobody moves.
  std::vector<Segment> to_write;
  auto record_cleanly = [&](const HeldSession& s, const std::string& camera) {
    for (int i = 0; i < SegmentsFor(s.minutes); ++i) {
      Segment segment{s.room, camera, s.date, s.start_minute + kSegmentMinutes * i};
      segment.static_scene = s.room == "A" && camera == "2";
      if (s.room == "C") segment.container = "dhav";  // room C's recorder is a Dahua: DAV files
      to_write.push_back(segment);
    }
  };
  const int segments = SegmentsFor(m);

  // S0, the day before: clean on every camera of room A.
  for (const auto& camera : cameras_of_room) record_cleanly(recorded[0], camera);
  clean({{"session_id", "S0"}}, "the day before: clean footage (its 09:00 segment of A-1 is the source of a copy)");
  clean({{"rule", "EXM-VIDEO-REPLAY"}, {"room", "A"}, {"camera", "2"}},
        "the same static room on two days (only sensor noise and the clock change) is no replay");

  // S1, camera A-1: the 09:00 file is a byte copy of the day before's 09:00 file; lens covered a
  // minute in the 09:05 file; the last file dark but visible.
  for (int i = 1; i < segments; ++i) {
    Segment s{"A", "1", kExamDay, s1 + kSegmentMinutes * i};
    s.dark_room = i == segments - 1;
    if (i == 1) s.black = {{60, 120}};
    to_write.push_back(s);
  }
  const std::string copied = key_path("A", "1", kExamDay, s1);
  const std::string copy_source = key_path("A", "1", kPreviousDay, s1);
  expect("EXM-VIDEO-REPLAY", {{"session_id", "S1"}, {"room", "A"}, {"camera", "1"}, {"file", copied}},
         "the 09:00 segment is a byte copy of " + copy_source);
  expect("EXM-VIDEO-CLOCK", {{"file", copied}}, "the copy keeps the day before's creation_time (24 h off its name)");
  if (segments > 1)
    expect("EXM-VIDEO-BLACK", {{"room", "A"}, {"camera", "1"}}, "lens covered 60 s in the 09:05 segment");

  // S1, camera A-2 (static room): the 09:10 segment deleted, the 09:15 one cut off.
  for (int i = 0; i < segments; ++i) {
    if (i == 2) continue;
    Segment s{"A", "2", kExamDay, s1 + kSegmentMinutes * i};
    s.static_scene = true;
    s.truncate = i == 3;
    to_write.push_back(s);
  }
  if (segments > 2) {
    expect("EXM-VIDEO-GAP", {{"session_id", "S1"}, {"room", "A"}, {"camera", "2"}},
           "segment deleted, next one cut off");
  }
  if (segments > 3) {
    expect("EXM-VIDEO-UNREADABLE", {{"file", key_path("A", "2", kExamDay, s1 + 15)}}, "MP4 without moov");
  }

  // S2, camera B-1: a hole inside segment 1; PS under .mp4; H.265; a clock 2 h off; a freeze.
  for (int i = 0; i < segments; ++i) {
    Segment s{"B", "1", kExamDay, s2 + kSegmentMinutes * i};
    if (i == 1) s.holes = {{100, 140}};
    if (i == 2) s.container = "mpegps";
    if (i == 3) s.codec = "hevc";
    if (i == 4) s.creation_offset_seconds = 2 * 3600;
    if (i == 5) s.frozen = {{50, 80}};  // picture stuck for 30 s
    to_write.push_back(s);
  }
  if (segments > 1)
    expect("EXM-VIDEO-GAP", {{"session_id", "S2"}, {"room", "B"}, {"camera", "1"}}, "40 s hole inside a file");
  if (segments > 4) {
    expect("EXM-VIDEO-CLOCK", {{"file", key_path("B", "1", kExamDay, s2 + 20)}},
           "creation_time two hours off the name");
  }
  if (segments > 5)
    expect("EXM-VIDEO-FROZEN", {{"room", "B"}, {"camera", "1"}}, "picture stuck 30 s in the 14:25 segment");

  // Camera C-1 on S4, cameras 3.. of rooms A and B on S1 and S2, and the extra days: clean.
  record_cleanly(recorded[3], "1");
  clean({{"room", "C"}, {"camera", "1"}},
        "the one camera of room C records S4 (held, not in the plan) cleanly, on a Dahua recorder (DAV files)");
  for (size_t c = 2; c < cameras_of_room.size(); ++c) {
    record_cleanly(recorded[1], cameras_of_room[c]);
    record_cleanly(recorded[2], cameras_of_room[c]);
    clean({{"camera", cameras_of_room[c]}}, "an extra camera (--cameras), recording cleanly");
  }
  for (const auto& x : extra_days) {
    for (const auto& camera : cameras_of_room) record_cleanly(x, camera);
    clean({{"session_id", x.id}}, "an extra exam day (--exam-days), recorded cleanly");
  }

  for (const auto& s : to_write) WriteSegment(exam_dir, scale, seed, s);
  const std::filesystem::path copy = exam_dir / RecordingPath("A", "1", kExamDay, s1);
  std::filesystem::create_directories(copy.parent_path());
  std::filesystem::copy_file(exam_dir / RecordingPath("A", "1", kPreviousDay, s1), copy,
                             std::filesystem::copy_options::overwrite_existing);

  // Files that are not recordings at all, just after the last segment of the session.
  const int covered = kSegmentMinutes * segments;
  const std::string empty_file = RecordingPath("A", "1", kExamDay, s1 + covered + 1);
  const std::string text_file = RecordingPath("B", "1", kExamDay, s2 + covered + 5);
  std::ofstream(exam_dir / empty_file, std::ios::binary | std::ios::trunc);
  std::ofstream(exam_dir / text_file, std::ios::binary | std::ios::trunc)
      << "这不是录像文件：NVR 导出失败时留下的说明文字。\n";
  expect("EXM-VIDEO-UNREADABLE", {{"file", "exams/" + code + "/" + empty_file}}, "zero bytes");
  expect("EXM-VIDEO-UNREADABLE", {{"file", "exams/" + code + "/" + text_file}}, "a text file named .mp4");
}

}  // namespace xk
