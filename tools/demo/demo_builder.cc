#include "tools/demo/demo_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "records/civil_time.h"

namespace xk {

DemoDate AddDays(DemoDate date, int days) {
  Date d = DateFromYmd(date.year, date.month, date.day);
  d.days += days;
  DemoDate out{};
  YmdFromDate(d, &out.year, &out.month, &out.day);
  return out;
}

std::string ClockText(int minutes_of_day) {
  return fmt::format("{:02d}:{:02d}", minutes_of_day / 60, minutes_of_day % 60);
}

std::string DateText(DemoDate d, int style) {
  if (style == 1) return fmt::format("{}年{}月{}日", d.year, d.month, d.day);
  if (style == 2) return fmt::format("{}/{}/{}", d.year, d.month, d.day);
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

std::string ModeWord(const std::string& token, bool chinese) {
  if (!chinese) return token;
  if (token == "theory") return "理论";
  if (token == "practical") return "实操";
  if (token == "online") return "线上";
  if (token == "mock_exam") return "模拟考试";
  if (token == "exam") return "考试";
  return token;
}

// The room column of a timetable row.
static std::string RoomCell(const DemoSession& s, bool chinese) {
  if (!s.room_written) return "";
  if (!s.room.empty()) return s.room;
  return chinese ? "一号教室" : "Room 1";
}

std::vector<DemoBlock> StandardDay(const std::string& mode, const std::string& topic) {
  return {{"08:30", "10:00", mode, topic, "2"},
          {"10:15", "11:45", mode, topic, "2"},
          {"13:30", "15:00", mode, topic, "2"},
          {"15:15", "16:45", mode, topic, "2"}};
}

std::vector<std::string> AddTimetable(TrainingFolder* folder, const std::string& class_id, DemoDate first, int days,
                                      const std::vector<DemoBlock>& blocks, const std::string& teacher_id) {
  int next = 1;
  for (const auto& s : folder->sessions) {
    if (s.class_id == class_id) ++next;
  }
  std::vector<std::string> ids;
  for (int day = 0; day < days; ++day) {
    for (const auto& block : blocks) {
      std::string id = fmt::format("{}-{:03d}", class_id, next++);
      folder->sessions.push_back(DemoSession{class_id, id, AddDays(first, day), block, teacher_id});
      ids.push_back(id);
    }
  }
  return ids;
}

void SignInAll(TrainingFolder* folder, const std::string& class_id, const std::string& absent_trainee,
               const std::vector<std::string>& skip_sessions) {
  int date_style = folder->style.chinese_header ? (folder->style.encoding == ExportEncoding::kGb18030 ? 1 : 2) : 0;
  int t = 0;
  for (const auto& trainee : folder->trainees) {
    if (trainee.class_id != class_id) continue;
    ++t;
    for (const auto& s : folder->sessions) {
      if (s.class_id != class_id) continue;
      if (trainee.id == absent_trainee &&
          std::find(skip_sessions.begin(), skip_sessions.end(), s.session_id) != skip_sessions.end()) {
        continue;
      }
      int sh, sm, eh, em;
      std::sscanf(s.block.start.c_str(), "%d:%d", &sh, &sm);
      std::sscanf(s.block.end.c_str(), "%d:%d", &eh, &em);
      int in_seconds = sh * 3600 + sm * 60 - 60 * (1 + t % 9) - (t * 7) % 60;
      int out_seconds = eh * 3600 + em * 60 + 30 + (t * 11) % 200;
      auto hms = [](int v) { return fmt::format("{:02d}:{:02d}:{:02d}", v / 3600, v / 60 % 60, v % 60); };
      std::string date = DateText(s.date, date_style);
      folder->sign_ins.push_back(DemoSignIn{class_id, s.session_id, trainee.id, date + " " + hms(in_seconds),
                                            date + " " + hms(out_seconds),
                                            folder->style.chinese_header ? "人脸" : "face"});
    }
  }
}

void WriteTrainingFolder(const std::filesystem::path& root, const TrainingFolder& f) {
  const bool zh = f.style.chinese_header;
  const int date_style = zh ? (f.style.encoding == ExportEncoding::kGb18030 ? 1 : 2) : 0;
  std::filesystem::path dir = root / "training" / f.code;

  CsvTableWriter classes({{"class_id", "班级编号"},
                          {"category", "培训类别"},
                          {"industry", "行业"},
                          {"job_type", "作业类别"},
                          {"cycle", "培训性质"},
                          {"start_date", "开班日期"},
                          {"end_date", "结业日期"},
                          {"declared_hours", "申报学时"}},
                         f.style);
  for (const auto& row : f.classes) classes.AddRow(row);
  classes.Write(dir / "classes.csv");

  CsvTableWriter sessions({{"class_id", "班级编号"},
                           {"session_id", "课次"},
                           {"date", "日期"},
                           {"start", "开始时间"},
                           {"end", "结束时间"},
                           {"mode", "授课方式"},
                           {"topic", "课程内容"},
                           {"teacher_id", "教师身份证号"},
                           {"room", "教室"},
                           {"hours", "学时"}},
                          f.style);
  for (const auto& s : f.sessions) {
    sessions.AddRow({s.class_id, s.session_id, DateText(s.date, date_style), s.block.start, s.block.end,
                     ModeWord(s.block.mode, zh), s.block.topic, s.teacher_id, RoomCell(s, zh), s.block.claimed});
  }
  sessions.Write(dir / "sessions.csv");

  CsvTableWriter attendance({{"class_id", "班级编号"},
                             {"session_id", "课次"},
                             {"trainee_id", "身份证号"},
                             {"check_in", "签到时间"},
                             {"check_out", "签退时间"},
                             {"method", "签到方式"}},
                            f.style);
  for (const auto& a : f.sign_ins)
    attendance.AddRow({a.class_id, a.session_id, a.trainee_id, a.check_in, a.check_out, a.method});
  attendance.Write(dir / "attendance.csv");

  CsvTableWriter trainees(
      {{"class_id", "班级编号"}, {"trainee_id", "身份证号"}, {"name", "姓名"}, {"completed", "是否结业"}}, f.style);
  for (const auto& t : f.trainees) {
    trainees.AddRow({t.class_id, t.id, t.name, t.completed ? (zh ? "是" : "yes") : (zh ? "否" : "no")});
  }
  trainees.Write(dir / "trainees.csv");

  if (f.write_teachers) {
    CsvTableWriter teachers(
        {{"teacher_id", "身份证号"}, {"name", "姓名"}, {"qualification", "资格"}, {"years", "从业年限"}}, f.style);
    for (const auto& row : f.teachers) teachers.AddRow(row);
    teachers.Write(dir / "teachers.csv");
  }
}

}  // namespace xk
