// The province archive (see the header): a plan per class computed from its number alone
// (province_plan.h), so the training folders, the exam centres (province_exams.h, which need each
// class's trainees and end date) and the certificate register (province_certificates.h) are
// written independently, one institution at a time, in bounded memory; only the exam schedule
// (a few slots per class) is held for the whole archive.
#include "tools/bench/province_archive.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "tools/bench/province_certificates.h"
#include "tools/bench/province_exams.h"
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
  const province::ExamSchedule schedule = province::ScheduleExams(layout);
  for (int j = 0; j < layout.exam; ++j) province::WriteExamCentre(dir, j, layout, schedule, &counts);
  province::WriteCertificateRegister(dir, layout, schedule, &counts);
  counts.bytes = province::BytesUnder(dir);
  return counts;
}

}  // namespace xk
