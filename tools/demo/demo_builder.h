// In-memory rows of the demo archive before they are written, with helpers that lay out a
// class's timetable, roster and sign-ins. Used only by the demo generator (tools/demo).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_archive.h"

namespace xk {

struct DemoDate {
  int year, month, day;
};

// One timetable block of a day: "08:30" to "10:00", in a mode, claiming hours (empty = none).
struct DemoBlock {
  std::string start, end, mode, topic, claimed;
};

struct DemoSession {
  std::string class_id, session_id;
  DemoDate date;
  DemoBlock block;
  std::string teacher_id;
  std::string room = "";     // "" = the institution's one classroom (一号教室 / Room 1)
  bool room_written = true;  // false: the export leaves the room empty
};

struct DemoTrainee {
  std::string class_id, id, name;
  bool completed = true;
};

struct DemoSignIn {
  std::string class_id, session_id, trainee_id, check_in, check_out, method;
};

struct TrainingFolder {
  std::string code, name;
  ExportStyle style;
  std::vector<std::vector<std::string>> classes;  // class_id, category, industry, job_type, cycle, start, end, declared
  std::vector<DemoSession> sessions;
  std::vector<DemoTrainee> trainees;
  std::vector<DemoSignIn> sign_ins;
  std::vector<std::vector<std::string>> teachers;  // id, name, qualification, years
  bool write_teachers = true;
};

// Calendar arithmetic on DemoDate.
DemoDate AddDays(DemoDate date, int days);
// "2022-04-15", or "2022年4月15日" / "2022/4/15" in the folder's style.
std::string DateText(DemoDate date, int style);  // 0 ISO, 1 Chinese, 2 slashes
std::string ClockText(int minutes_of_day);       // "09:05"
std::string ModeWord(const std::string& token, bool chinese);

// Appends `days` days of `blocks` for the class, starting at `first`; session ids continue the
// class's numbering. Returns the ids added.
std::vector<std::string> AddTimetable(TrainingFolder* folder, const std::string& class_id, DemoDate first, int days,
                                      const std::vector<DemoBlock>& blocks, const std::string& teacher_id);

// Signs every trainee of the class into every session of the class, a few minutes early, with
// distinct seconds; skip_sessions are left out for `absent_trainee` (if not empty).
void SignInAll(TrainingFolder* folder, const std::string& class_id, const std::string& absent_trainee = "",
               const std::vector<std::string>& skip_sessions = {});

void WriteTrainingFolder(const std::filesystem::path& root, const TrainingFolder& folder);

// The standard offline day: four 90-minute blocks (2 学时 each), 8 学时 in all.
std::vector<DemoBlock> StandardDay(const std::string& mode, const std::string& topic);

}  // namespace xk
