// The province archive (see the header): a plan per class computed from its number alone
// (province_plan.h), so the training folders and the exam centres (which need each class's
// trainees and end date) are written independently, one institution at a time, in bounded memory.
#include "tools/bench/province_archive.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "tools/bench/province_plan.h"
#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_people.h"

namespace xk {

namespace fs = std::filesystem;

namespace province {

namespace {

// ---------------------------------------------------------------- training folders

const std::vector<ExportColumn> kClassColumns = {
    {"class_id", "班级编号"}, {"category", "培训类别"},   {"industry", "行业"},     {"job_type", "作业类别"},
    {"cycle", "培训性质"},    {"start_date", "开班日期"}, {"end_date", "结业日期"}, {"declared_hours", "申报学时"}};
const std::vector<ExportColumn> kSessionColumns = {
    {"class_id", "班级编号"}, {"session_id", "课次"}, {"date", "日期"},      {"start", "开始时间"},
    {"end", "结束时间"},      {"mode", "授课方式"},   {"topic", "课程内容"}, {"teacher_id", "教师身份证号"},
    {"room", "教室"},         {"hours", "学时"}};
const std::vector<ExportColumn> kAttendanceColumns = {{"class_id", "班级编号"},   {"session_id", "课次"},
                                                      {"trainee_id", "身份证号"}, {"check_in", "签到时间"},
                                                      {"check_out", "签退时间"},  {"method", "签到方式"}};
const std::vector<ExportColumn> kTraineeColumns = {
    {"class_id", "班级编号"}, {"trainee_id", "身份证号"}, {"name", "姓名"}, {"completed", "是否结业"}};
const std::vector<ExportColumn> kTeacherColumns = {
    {"teacher_id", "身份证号"}, {"name", "姓名"}, {"qualification", "资格"}, {"years", "从业年限"}};

// The tables of one training institution, filled class by class.
struct TrainingTables {
  explicit TrainingTables(const ExportStyle& style)
      : classes(kClassColumns, style),
        sessions(kSessionColumns, style),
        attendance(kAttendanceColumns, style),
        trainees(kTraineeColumns, style),
        teachers(kTeacherColumns, style) {}
  CsvTableWriter classes, sessions, attendance, trainees, teachers;
};

// One timetable row as the sign-ins need it.
struct PlannedSession {
  std::string id;
  Date date;
  int start_minute = 0;
  int end_minute = 0;
  int day = 0;  // teaching day within the class (the final exam: teaching_days)
  bool final_exam = false;
};

std::vector<PlannedSession> WriteTimetable(const ClassPlan& plan, const Style& style, TrainingTables* tables) {
  const bool zh = style.file.chinese_header;
  const ClassType& type = *plan.type;
  const int institution = plan.institution;
  const std::string theory_teacher = TeacherId(institution, plan.local % kTheoryTeachers);
  const std::string practical_teacher =
      TeacherId(institution, kTheoryTeachers + plan.local % (kTeachersPerInstitution - kTheoryTeachers));
  // A guest teacher of the next institution, timetabled here at the hour he teaches there.
  const bool clash = plan.local == 0 && institution % 50 == 11;
  const std::string room =
      zh ? fmt::format("{}号教室", plan.local % 4 + 1) : fmt::format("Room {}", plan.local % 4 + 1);
  const int last_theory_day = (type.theory_sessions - 1) / kSessionsPerDay;

  std::vector<PlannedSession> planned;
  const int total = type.theory_sessions + type.practical_sessions;
  for (int s = 0; s < total; ++s) {
    const int day = s / kSessionsPerDay;
    if (plan.compressed && day == plan.teaching_days - 1) break;
    const bool theory = s < type.theory_sessions;
    const auto [start, end] = kBlocks[static_cast<size_t>(s % kSessionsPerDay)];
    std::string topic = theory ? type.theory_topic : type.practical_topic;
    if (theory && plan.mock && day == last_theory_day) topic = "考前冲刺：题库刷题";
    std::string teacher = theory ? theory_teacher : practical_teacher;
    if (clash && s == 0) teacher = TeacherId(institution + 1, 0);
    PlannedSession session{
        fmt::format("{}-{:03d}", plan.class_id, s + 1), AddDays(plan.start, day), start, end, day, false};
    tables->sessions.AddRow({plan.class_id, session.id, DayText(session.date, style.date_style), Hm(start), Hm(end),
                             theory ? Word(zh, "theory", "理论") : Word(zh, "practical", "实操"), topic, teacher, room,
                             "2"});
    planned.push_back(std::move(session));
  }
  PlannedSession final_exam{fmt::format("{}-{:03d}", plan.class_id, total + 1),
                            plan.end,
                            kFinalExamStart,
                            kFinalExamEnd,
                            plan.teaching_days,
                            true};
  tables->sessions.AddRow({plan.class_id, final_exam.id, DayText(final_exam.date, style.date_style),
                           Hm(kFinalExamStart), Hm(kFinalExamEnd), Word(zh, "exam", "考试"), "结业考试", theory_teacher,
                           room, ""});
  planned.push_back(std::move(final_exam));
  return planned;
}

// Every trainee signs in to every session, a few minutes early with distinct seconds, and out a
// little after the end; trainee 24 drops out before the final exam (and is not completed).
int64_t WriteSignIns(const ClassPlan& plan, const Style& style, const std::vector<PlannedSession>& sessions,
                     TrainingTables* tables) {
  const bool zh = style.file.chinese_header;
  const std::string method = plan.institution % 3 == 1 ? Word(zh, "fingerprint", "指纹") : Word(zh, "face", "人脸");
  std::vector<std::string> ids;
  for (int t = 0; t < kTraineesPerClass; ++t) ids.push_back(ProvinceResidentId(TraineeIndex(plan.number, t)));
  int64_t rows = 0;
  for (size_t k = 0; k < sessions.size(); ++k) {
    const PlannedSession& s = sessions[k];
    const std::string date = DayText(s.date, style.date_style);
    for (int t = 0; t < kTraineesPerClass; ++t) {
      if (s.final_exam && t == kTraineesPerClass - 1) continue;
      if (plan.absentee && t == 3 && s.day == 1) continue;
      int check_in = s.start_minute * 60 - (30 + 13 * t);
      if (plan.same_second && k == 4 && t < 6) check_in = s.start_minute * 60 - 300;
      const int check_out = s.end_minute * 60 + 20 + 7 * t;
      std::string check_in_text = date + " " + Hms(check_in);
      if (plan.bad_date && k == 0 && t == kTraineesPerClass - 1) {
        check_in_text = (style.date_style == 1 ? "2022年2月30日 " : "2022-02-30 ") + Hms(check_in);
      }
      tables->attendance.AddRow({plan.class_id, s.id, ids[static_cast<size_t>(t)], std::move(check_in_text),
                                 date + " " + Hms(check_out), method});
      ++rows;
    }
  }
  return rows;
}

void WriteClass(const ClassPlan& plan, const Style& style, TrainingTables* tables, ProvinceCounts* counts) {
  const bool zh = style.file.chinese_header;
  const ClassType& type = *plan.type;
  tables->classes.AddRow({plan.class_id, zh ? type.category_zh : type.category_en, type.industry, type.job_type,
                          Word(zh, "initial", "初训"), DayText(plan.start, style.date_style),
                          DayText(plan.end, style.date_style), type.declared_hours});
  std::vector<PlannedSession> sessions = WriteTimetable(plan, style, tables);
  for (int t = 0; t < kTraineesPerClass; ++t) {
    const int64_t person = TraineeIndex(plan.number, t);
    const bool completed = t != kTraineesPerClass - 1;
    tables->trainees.AddRow({plan.class_id, ProvinceResidentId(person), DemoName(static_cast<int>(person % 100000)),
                             completed ? Word(zh, "yes", "是") : Word(zh, "no", "否")});
  }
  counts->classes += 1;
  counts->sessions += static_cast<int64_t>(sessions.size());
  counts->trainees += kTraineesPerClass;
  counts->sign_ins += WriteSignIns(plan, style, sessions, tables);
}

void WriteTrainingInstitution(const fs::path& root, int institution, const Layout& layout, ProvinceCounts* counts) {
  const Style style = TrainingStyle(institution);
  TrainingTables tables(style.file);
  for (int64_t number = institution; number < layout.classes; number += layout.training) {
    WriteClass(PlanClass(number, layout), style, &tables, counts);
  }
  for (int t = 0; t < kTeachersPerInstitution; ++t) {
    // One institution in forty has a teacher with three years' practice (AQ 8011 asks five).
    const bool junior = institution % 40 == 5 && t == 3;
    tables.teachers.AddRow({TeacherId(institution, t), DemoName(1 + institution * kTeachersPerInstitution + t),
                            t < kTheoryTeachers ? "注册安全工程师" : "高级技师",
                            junior ? "3" : std::to_string(6 + (institution + t) % 15)});
  }
  const fs::path dir = root / "training" / TrainingCode(institution);
  tables.classes.Write(dir / "classes.csv");
  tables.sessions.Write(dir / "sessions.csv");
  tables.attendance.Write(dir / "attendance.csv");
  tables.trainees.Write(dir / "trainees.csv");
  // One institution in ninety lost its teachers' file (TRN-ARCHIVE-INCOMPLETE).
  if (institution % 90 != 17) tables.teachers.Write(dir / "teachers.csv");
}

// ---------------------------------------------------------------- exam centres

const std::vector<ExportColumn> kPlanColumns = {
    {"session_id", "场次"}, {"date", "日期"},     {"start", "开始时间"}, {"end", "结束时间"},
    {"room", "考场"},       {"mode", "考试方式"}, {"subject", "科目"},   {"planned_candidates", "计划人数"}};
const std::vector<ExportColumn> kExamSessionColumns = {
    {"session_id", "场次"}, {"date", "日期"},         {"start", "开始时间"},   {"end", "结束时间"},
    {"room", "考场"},       {"proctors", "监考人员"}, {"examiners", "考评员"}, {"mode", "考试方式"}};
const std::vector<ExportColumn> kCandidateColumns = {{"session_id", "场次"},   {"candidate_id", "身份证号"},
                                                     {"name", "姓名"},         {"training_institution", "培训机构编码"},
                                                     {"class_id", "班级编号"}, {"score", "成绩"},
                                                     {"result", "结果"}};
const std::vector<ExportColumn> kStaffColumns = {
    {"staff_id", "身份证号"}, {"name", "姓名"}, {"role", "角色"}, {"employer", "所属单位"}};
const std::vector<ExportColumn> kCameraColumns = {{"room", "考场"}, {"camera", "摄像机"}, {"position", "位置"}};

struct CentreTables {
  explicit CentreTables(const ExportStyle& style)
      : plan(kPlanColumns, style),
        sessions(kExamSessionColumns, style),
        candidates(kCandidateColumns, style),
        staff(kStaffColumns, style),
        cameras(kCameraColumns, style) {}
  CsvTableWriter plan, sessions, candidates, staff, cameras;
};

// Where and when a class sits its exam: a free (room, half-day) a few days after the class ends.
struct ExamSlot {
  Date date;
  int room = 0;
  int start_minute = 0;
};

class ExamCalendar {
 public:
  ExamSlot Book(const ClassPlan& plan) {
    if (plan.exam_early) return ExamSlot{AddDays(plan.end, -1), 0, kFinalExamStart};
    Date date = AddDays(plan.end, 3 + static_cast<int>(plan.number % 5));
    while (used_[date.days] >= 2 * kExamRooms) date = AddDays(date, 1);
    const int slot = used_[date.days]++;
    return ExamSlot{date, slot % kExamRooms, slot < kExamRooms ? 9 * 60 : 14 * 60};
  }

 private:
  std::map<int32_t, int> used_;  // day -> slots booked
};

std::string RoomName(int room, bool zh) {
  return zh ? fmt::format("第{}考场", room + 1) : fmt::format("Room {}", room + 1);
}

// Two proctors (theory) or two examiners (practical) of the room; one class in 89 got only one.
std::string ExamStaffList(const Layout& layout, int centre, int room, bool practical, bool short_staffed) {
  const int first = (practical ? 2 * kExamRooms : 0) + 2 * room;
  std::string list = StaffId(layout, centre, first);
  if (!short_staffed) list += ";" + StaffId(layout, centre, first + 1);
  return list;
}

void WriteCandidates(const ClassPlan& plan, const std::string& session_id, const Style& style, CentreTables* tables) {
  const bool zh = style.file.chinese_header;
  for (int t = 0; t < kCandidatesPerClass; ++t) {
    const int64_t number = plan.number * kCandidatesPerClass + t;  // over the archive
    const int64_t person = TraineeIndex(plan.number, t);
    std::string id = ProvinceResidentId(person);
    std::string name = DemoName(static_cast<int>(person % 100000));
    if (number % 2003 == 11) {  // someone who never trained in the class
      id = ProvinceResidentId(100'000'000 + number);
      name = DemoName(static_cast<int>(number % 7919));
    }
    if (number % 1009 == 4) id = "4.30405E+17";  // Excel turned the ID into a number
    const int score = 62 + static_cast<int>((number * 37) % 39);
    bool passed = score >= 80;
    std::string score_text = std::to_string(score);
    if (number % 1499 == 8) {  // recorded as passed below the pass mark
      score_text = "75";
      passed = true;
    }
    tables->candidates.AddRow({session_id, id, name, TrainingCode(plan.institution), plan.class_id, score_text,
                               passed ? Word(zh, "pass", "合格") : Word(zh, "fail", "不合格")});
  }
}

void WriteExamCentre(const fs::path& root, int centre, const Layout& layout, ProvinceCounts* counts) {
  const Style style = CentreStyle(centre);
  const bool zh = style.file.chinese_header;
  CentreTables tables(style.file);
  ExamCalendar calendar;
  int sessions = 0;
  for (int64_t number = centre; number < layout.classes; number += layout.exam) {
    const ClassPlan plan = PlanClass(number, layout);
    const ExamSlot slot = calendar.Book(plan);
    const bool practical = plan.type->practical_sessions > 0 && plan.type->job_type[0] != '\0';
    const std::string id = fmt::format("E{:04d}", ++sessions);
    const std::string date = DayText(slot.date, style.date_style);
    const std::string room = RoomName(slot.room, zh);
    const std::string mode = practical ? Word(zh, "practical", "实操") : Word(zh, "theory", "理论");
    const std::string subject = practical ? std::string(plan.type->job_type) + "实际操作"
                                          : std::string(plan.type->category_zh) + "安全生产知识";
    tables.plan.AddRow({id, date, Hm(slot.start_minute), Hm(slot.start_minute + 120), room, mode, subject,
                        std::to_string(kCandidatesPerClass)});
    // One session in 211 began 40 minutes after its plan said (EXM-PLAN-DEVIATION).
    const int held = slot.start_minute + (number % 211 == 9 ? 40 : 0);
    const std::string staff = ExamStaffList(layout, centre, slot.room, practical, number % 89 == 3);
    tables.sessions.AddRow(
        {id, date, Hm(held), Hm(held + 120), room, practical ? "" : staff, practical ? staff : "", mode});
    WriteCandidates(plan, id, style, &tables);
    counts->candidates += kCandidatesPerClass;
  }
  counts->exam_sessions += sessions;
  for (int member = 0; member < kStaffPerCentre; ++member) {
    const bool examiner = member >= 2 * kExamRooms;
    tables.staff.AddRow({StaffId(layout, centre, member), DemoName(4000 + centre * kStaffPerCentre + member),
                         examiner ? Word(zh, "examiner", "考评员") : Word(zh, "proctor", "监考"),
                         "衡阳市应急管理局考试中心"});
  }
  const fs::path dir = root / "exams" / CentreCode(centre);
  tables.plan.Write(dir / "plan.csv");
  tables.sessions.Write(dir / "sessions.csv");
  tables.candidates.Write(dir / "candidates.csv");
  tables.staff.Write(dir / "staff.csv");
  tables.cameras.Write(dir / "cameras.csv");  // no camera: a records-only archive
}

void WriteInstitutions(const fs::path& root, const Layout& layout) {
  CsvTableWriter institutions({{"code", "机构编码"}, {"name", "机构名称"}, {"kind", "机构类型"}, {"county", "县市区"}},
                              {ExportEncoding::kUtf8Bom, true, true});
  for (int i = 0; i < layout.training; ++i) {
    const char* county = kCounties[static_cast<size_t>(i) % kCounties.size()].second;
    institutions.AddRow({TrainingCode(i), fmt::format("{}第{}安全技术培训学校", county, i + 1), "培训机构", county});
  }
  for (int j = 0; j < layout.exam; ++j) {
    const char* county = kCounties[static_cast<size_t>(j) % kCounties.size()].second;
    institutions.AddRow({CentreCode(j), fmt::format("{}安全生产考试点{}", county, j + 1), "考试点", county});
  }
  institutions.Write(root / "institutions.csv");
}

int64_t BytesUnder(const fs::path& root) {
  int64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) bytes += static_cast<int64_t>(entry.file_size());
  }
  return bytes;
}

}  // namespace

}  // namespace province

ProvinceCounts WriteProvinceArchive(const fs::path& dir, double scale) {
  const province::Layout layout = province::LayoutFor(scale);
  if (layout.training * province::kTeachersPerInstitution + layout.exam * province::kStaffPerCentre >=
      province::kDemoIdPeople) {
    throw std::runtime_error("too many teachers and exam staff for DemoResidentId's 6,300 numbers");
  }
  fs::create_directories(dir);
  ProvinceCounts counts;
  counts.training_institutions = layout.training;
  counts.exam_centres = layout.exam;
  counts.institutions = layout.training + layout.exam;
  province::WriteInstitutions(dir, layout);
  for (int i = 0; i < layout.training; ++i) province::WriteTrainingInstitution(dir, i, layout, &counts);
  for (int j = 0; j < layout.exam; ++j) province::WriteExamCentre(dir, j, layout, &counts);
  counts.bytes = province::BytesUnder(dir);
  return counts;
}

}  // namespace xk
