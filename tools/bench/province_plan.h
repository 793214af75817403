// The plan of the province archive (province_archive.h), shared by the writers of its training
// folders and of its exam centres: the sizes at scale 1.0, the kinds of class, the counties, how
// many institutions and classes a scale gives, each institution's export style, the codes and
// IDs of its people, and everything about one class computed from its number alone (its
// institution, dates and injected violations), so the two sides agree without a table in memory.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "records/civil_time.h"
#include "tools/demo/csv_table_writer.h"

namespace xk::province {

// Sizes at scale 1.0.
constexpr int kTrainingInstitutions = 180;
constexpr int kExamCentres = 20;
constexpr int kClasses = 5000;
constexpr int kTraineesPerClass = 25;
constexpr int kTheoryTeachers = 8;  // per institution, then 4 practical instructors
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

// The counts for `scale` (at least one of each). Throws std::runtime_error when `scale` is outside
// (0, 2].
Layout LayoutFor(double scale);

// ---------------------------------------------------------------- export styles

struct Style {
  ExportStyle file;
  int date_style = 0;  // 0 2022-04-15, 1 2022年4月15日, 2 2022/4/15
};

// Seven in ten institutions export UTF-8 with English headers; one GB18030 with Chinese headers,
// dates and CRLF (Excel on a Chinese PC); one UTF-8 with BOM and Chinese headers.
Style TrainingStyle(int institution);

// Exam centres: three in five UTF-8 with English headers, one GB18030, one UTF-8 with BOM.
Style CentreStyle(int centre);

// A date as Style::date_style writes it.
std::string DayText(Date date, int style);
// "08:30" from minutes of the day; "08:29:30" from seconds of the day.
std::string Hm(int minutes);
std::string Hms(int seconds);
Date AddDays(Date date, int days);
// `english` or `chinese_word`, in the language of the file's header.
std::string Word(bool chinese, const char* english, const char* chinese_word);

// ---------------------------------------------------------------- people

// "PX001", "KS01".
std::string TrainingCode(int institution);
std::string CentreCode(int centre);

// Teachers and exam staff are few: DemoResidentId numbers, teachers first, then staff.
std::string TeacherId(int institution, int teacher);
std::string StaffId(const Layout& layout, int centre, int member);

// Trainee `trainee` of class `class_number` over the whole archive (ProvinceResidentId's index).
int64_t TraineeIndex(int64_t class_number, int trainee);

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

ClassPlan PlanClass(int64_t number, const Layout& layout);

}  // namespace xk::province
