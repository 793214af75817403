// The province archive (see the header): a plan per class computed from its number alone, so the
// training folders and the exam centres (which need each class's trainees and end date) are
// written independently, one institution at a time, in bounded memory.
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
#include "records/resident_id.h"
#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_people.h"

namespace xk {

namespace {

namespace fs = std::filesystem;

// Sizes at scale 1.0.
constexpr int kTrainingInstitutions = 180;
constexpr int kExamCentres = 20;
constexpr int kClasses = 5000;
constexpr int kTraineesPerClass = 25;
constexpr int kCandidatesPerClass = 20;  // the others sit a later exam elsewhere, or dropped out
constexpr int kTheoryTeachers = 8;       // per institution, then 4 practical instructors
constexpr int kTeachersPerInstitution = 12;
constexpr int kExamRooms = 6;
constexpr int kStaffPerCentre = 4 * kExamRooms;  // two proctors and two examiners per room
constexpr int kDemoIdPeople = 6300;              // DemoResidentId's distinct numbers

// The four daily blocks of 90 minutes (2 学时 each, 8 a day: the daily cap exactly).
constexpr std::array<std::pair<int, int>, 4> kBlocks = {{{510, 600}, {615, 705}, {810, 900}, {915, 1005}}};
constexpr int kSessionsPerDay = static_cast<int>(kBlocks.size());
constexpr int kFinalExamStart = 9 * 60, kFinalExamEnd = 11 * 60;

// A kind of class. The four kinds come in equal numbers, so the average class has 40 timetable
// rows (80 + 24 + 16 + 36 teaching sessions, plus one final exam each) and 200,000 in all.
struct ClassType {
  const char* category_en;
  const char* category_zh;
  const char* industry;
  const char* job_type;
  int theory_sessions;
  int practical_sessions;
  const char* declared_hours;
  const char* theory_topic;
  const char* practical_topic;
};

const std::array<ClassType, 4> kClassTypes = {{
    // 148 学时 required (60 practical); this syllabus is usually exceeded, 160 taught.
    {"special_operation", "特种作业人员", "", "低压电工作业", 50, 30, "160", "电工基础与安全技术", "低压电工实操"},
    {"safety_manager", "安全生产管理人员", "危险化学品", "", 24, 0, "48", "危险化学品安全管理", ""},
    {"principal", "主要负责人", "工贸", "", 16, 0, "32", "安全生产法律法规", ""},
    {"new_employee", "新上岗从业人员", "烟花爆竹", "", 28, 8, "72", "岗前安全培训", "岗位实操"},
}};

constexpr std::array<std::pair<const char*, const char*>, 12> kCounties = {{
    {"430405", "珠晖区"},
    {"430406", "雁峰区"},
    {"430407", "石鼓区"},
    {"430408", "蒸湘区"},
    {"430412", "南岳区"},
    {"430421", "衡阳县"},
    {"430422", "衡南县"},
    {"430423", "衡山县"},
    {"430424", "衡东县"},
    {"430426", "祁东县"},
    {"430481", "耒阳市"},
    {"430482", "常宁市"},
}};

struct Layout {
  int training = 0;
  int exam = 0;
  int classes = 0;
};

Layout LayoutFor(double scale) {
  if (!(scale > 0 && scale <= 2)) {
    throw std::runtime_error(fmt::format("scale {} is outside (0, 2]", scale));
  }
  Layout layout;
  layout.training = std::max(1, static_cast<int>(std::lround(kTrainingInstitutions * scale)));
  layout.exam = std::max(1, static_cast<int>(std::lround(kExamCentres * scale)));
  layout.classes = std::max(layout.training, static_cast<int>(std::lround(kClasses * scale)));
  return layout;
}

// ---------------------------------------------------------------- export styles

struct Style {
  ExportStyle file;
  int date_style = 0;  // 0 2022-04-15, 1 2022年4月15日, 2 2022/4/15
};

// Seven in ten institutions export UTF-8 with English headers; one GB18030 with Chinese headers,
// dates and CRLF (Excel on a Chinese PC); one UTF-8 with BOM and Chinese headers.
Style TrainingStyle(int institution) {
  switch (institution % 10) {
    case 3:
      return {{ExportEncoding::kGb18030, true, true}, 1};
    case 7:
      return {{ExportEncoding::kUtf8Bom, true, false}, 2};
    default:
      return {{ExportEncoding::kUtf8, false, false}, 0};
  }
}

Style CentreStyle(int centre) {
  switch (centre % 5) {
    case 2:
      return {{ExportEncoding::kGb18030, true, true}, 1};
    case 4:
      return {{ExportEncoding::kUtf8Bom, true, false}, 2};
    default:
      return {{ExportEncoding::kUtf8, false, false}, 0};
  }
}

std::string DayText(Date date, int style) {
  int year = 0, month = 0, day = 0;
  YmdFromDate(date, &year, &month, &day);
  if (style == 1) return fmt::format("{}年{}月{}日", year, month, day);
  if (style == 2) return fmt::format("{}/{}/{}", year, month, day);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

std::string Hm(int minutes) { return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60); }

std::string Hms(int seconds) {
  return fmt::format("{:02d}:{:02d}:{:02d}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

Date AddDays(Date date, int days) { return Date{date.days + days}; }

std::string Word(bool chinese, const char* english, const char* chinese_word) {
  return chinese ? chinese_word : english;
}

// ---------------------------------------------------------------- people

std::string TrainingCode(int institution) { return fmt::format("PX{:03d}", institution + 1); }
std::string CentreCode(int centre) { return fmt::format("KS{:02d}", centre + 1); }

// Teachers and exam staff are few: DemoResidentId numbers, teachers first, then staff.
std::string TeacherId(int institution, int teacher) {
  return DemoResidentId(1 + institution * kTeachersPerInstitution + teacher);
}
std::string StaffId(const Layout& layout, int centre, int member) {
  return DemoResidentId(1 + layout.training * kTeachersPerInstitution + centre * kStaffPerCentre + member);
}

int64_t TraineeIndex(int64_t class_number, int trainee) { return class_number * kTraineesPerClass + trainee; }

// ---------------------------------------------------------------- the plan of one class

// Everything about class `number` that both its training folder and its exam centre need.
struct ClassPlan {
  int64_t number = 0;   // 0-based over the archive
  int institution = 0;  // training institution (0-based)
  int local = 0;        // class number within the institution
  const ClassType* type = nullptr;
  std::string class_id;
  Date start;
  int teaching_days = 0;
  Date end;  // the day of the class's own final exam

  // Injected violations (a few per thousand classes).
  bool compressed = false;   // the last teaching day never happened; hours still declared
  bool mock = false;         // the last theory day is question drilling
  bool absentee = false;     // trainee 3 missed day 2 but is marked completed
  bool same_second = false;  // six trainees checked in within one second
  bool exam_early = false;   // examined on the last teaching day, before the class ended
  bool bad_date = false;     // one sign-in with 2022-02-30 (a load issue, the row skipped)
};

ClassPlan PlanClass(int64_t number, const Layout& layout) {
  ClassPlan plan;
  plan.number = number;
  plan.institution = static_cast<int>(number % layout.training);
  plan.local = static_cast<int>(number / layout.training);
  plan.type = &kClassTypes[static_cast<size_t>((plan.institution + plan.local) % 4)];
  plan.class_id = fmt::format("C2022-{:02d}", plan.local + 1);
  // A new class every ten days from the first Monday of 2022.
  plan.start = AddDays(DateFromYmd(2022, 1, 3), 10 * plan.local);
  const int sessions = plan.type->theory_sessions + plan.type->practical_sessions;
  plan.teaching_days = (sessions + kSessionsPerDay - 1) / kSessionsPerDay;
  plan.end = AddDays(plan.start, plan.teaching_days);
  plan.compressed = number % 97 == 13;
  plan.mock = number % 113 == 7;
  plan.absentee = number % 131 == 5;
  plan.same_second = number % 151 == 17;
  plan.exam_early = number % 499 == 100;
  plan.bad_date = number % 997 == 1;
  return plan;
}

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

std::string ProvinceResidentId(int64_t index) {
  constexpr int64_t kBirthDays = 10950;  // 1970-01-01 .. 1999-12-24
  const char* area = kCounties[static_cast<size_t>(index % static_cast<int64_t>(kCounties.size()))].first;
  const int64_t rest = index / static_cast<int64_t>(kCounties.size());
  int year = 0, month = 0, day = 0;
  YmdFromDate(Date{static_cast<int32_t>(rest % kBirthDays)}, &year, &month, &day);
  const int sequence = static_cast<int>(rest / kBirthDays % 1000);
  std::string body = fmt::format("{}{:04d}{:02d}{:02d}{:03d}", area, year, month, day, sequence);
  return body + ResidentIdCheckCharacter(body);
}

ProvinceCounts WriteProvinceArchive(const fs::path& dir, double scale) {
  const Layout layout = LayoutFor(scale);
  if (layout.training * kTeachersPerInstitution + layout.exam * kStaffPerCentre >= kDemoIdPeople) {
    throw std::runtime_error("too many teachers and exam staff for DemoResidentId's 6,300 numbers");
  }
  fs::create_directories(dir);
  ProvinceCounts counts;
  counts.training_institutions = layout.training;
  counts.exam_centres = layout.exam;
  counts.institutions = layout.training + layout.exam;
  WriteInstitutions(dir, layout);
  for (int i = 0; i < layout.training; ++i) WriteTrainingInstitution(dir, i, layout, &counts);
  for (int j = 0; j < layout.exam; ++j) WriteExamCentre(dir, j, layout, &counts);
  counts.bytes = BytesUnder(dir);
  return counts;
}

}  // namespace xk
