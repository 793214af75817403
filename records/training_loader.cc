// training/<code>/{classes,sessions,attendance,trainees,teachers}.csv -> the model, and the
// classroom cameras (optional cameras.csv, recordings.csv: camera_tables.cc).
#include <fmt/format.h>

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "records/archive_loader.h"
#include "records/enum_names.h"
#include "records/table_opener.h"

namespace xk {

namespace {

const TableSpec kClassesSpec = {"培训班",
                                {{"class_id", "班级编号", true, {"班级", "班号"}},
                                 {"category", "培训类别", true, {"类别", "人员类别"}},
                                 {"industry", "行业", false, {"行业类别"}},
                                 {"job_type", "作业类别", false, {"工种", "操作项目"}},
                                 {"cycle", "培训性质", true, {"培训类型"}},
                                 {"start_date", "开班日期", true, {"开始日期"}},
                                 {"end_date", "结业日期", true, {"结束日期"}},
                                 {"declared_hours", "申报学时", false, {"学时", "计划学时"}}}};

const TableSpec kSessionsSpec = {"课程表",
                                 {{"class_id", "班级编号", true, {"班级"}},
                                  {"session_id", "课次", true, {"课次编号"}},
                                  {"date", "日期", true, {"上课日期"}},
                                  {"start", "开始时间", true, {}},
                                  {"end", "结束时间", true, {}},
                                  {"mode", "授课方式", true, {"方式"}},
                                  {"topic", "课程内容", false, {"内容", "课程"}},
                                  {"teacher_id", "教师身份证号", false, {"教师"}},
                                  {"room", "教室", false, {}},
                                  {"hours", "学时", false, {}}}};

const TableSpec kAttendanceSpec = {"签到记录",
                                   {{"class_id", "班级编号", true, {"班级"}},
                                    {"session_id", "课次", true, {}},
                                    {"trainee_id", "身份证号", true, {"学员身份证号"}},
                                    {"check_in", "签到时间", true, {}},
                                    {"check_out", "签退时间", false, {}},
                                    {"method", "签到方式", false, {}}}};

const TableSpec kTraineesSpec = {"学员名册",
                                 {{"class_id", "班级编号", true, {"班级"}},
                                  {"trainee_id", "身份证号", true, {"学员身份证号"}},
                                  {"name", "姓名", false, {}},
                                  {"completed", "是否结业", false, {"结业"}}}};

const TableSpec kTeachersSpec = {"师资",
                                 {{"teacher_id", "身份证号", true, {"教师身份证号"}},
                                  {"name", "姓名", false, {}},
                                  {"qualification", "资格", false, {"资质"}},
                                  {"years", "从业年限", false, {"年限"}}}};

// The (class, session) pairs of a timetable, looked up without a string per sign-in.
class SessionKeys {
 public:
  void Add(const std::string& class_id, const std::string& session_id) { keys_.insert(Key(class_id, session_id)); }
  bool Has(const std::string& class_id, const std::string& session_id) {
    return keys_.count(Key(class_id, session_id)) > 0;
  }

 private:
  const std::string& Key(const std::string& class_id, const std::string& session_id) {
    scratch_.assign(class_id);
    scratch_ += '\x1f';
    scratch_ += session_id;
    return scratch_;
  }
  std::unordered_set<std::string> keys_;
  std::string scratch_;
};

// Sign-ins naming a class and session the timetable does not list count for no session (the
// hours rules cannot place them). Said once per file, with the count and the first lines: a
// timetable of another term or a cut-off export makes thousands of them.
class UnlistedSignIns {
 public:
  void Add(int line) {
    if (lines_.size() < kLinesQuoted) lines_.push_back(line);
    ++count_;
  }
  void Report(const std::string& file, std::vector<LoadIssue>* issues) const {
    if (count_ == 0) return;
    std::string lines;
    for (int line : lines_) lines += (lines.empty() ? "" : ", ") + std::to_string(line);
    const std::string more = count_ > static_cast<int64_t>(lines_.size()) ? " …" : "";
    issues->push_back(LoadIssue{
        file, lines_.front(), "session_id",
        fmt::format("{} 条签到记录的班级和课次不在课程表（sessions.csv）中（第 {}{} 行），这些签到不计入任何课次",
                    count_, lines, more),
        fmt::format("{} sign-ins name a class and session that sessions.csv does not list (lines {}{}); they count "
                    "for no session",
                    count_, lines, more)});
  }

 private:
  static constexpr size_t kLinesQuoted = 5;
  std::vector<int> lines_;
  int64_t count_ = 0;
};

}  // namespace

void LoadTrainingFolder(const std::filesystem::path& root, const std::string& code, const AuditPolicy& policy,
                        ArchiveModel* model) {
  const std::string folder = "training/" + code;
  const TimeZone& zone = policy.zone;

  if (auto table = OpenInstitutionTable(root, folder, "classes.csv", code, kClassesSpec, true, policy.limits, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      TrainingClass c;
      c.institution = code;
      c.class_id = row.Text("class_id", true);
      auto category = row.Enum("category", true, CategorySpellings());
      c.industry = row.Text("industry");
      c.job_type = row.Text("job_type");
      auto cycle = row.Enum("cycle", true, CycleSpellings());
      auto start = row.DateValue("start_date", true);
      auto end = row.DateValue("end_date", true);
      c.declared_hours = row.Number("declared_hours", false);
      c.source = row.source();
      if (!row.ok()) continue;
      if (*end < *start) {
        row.Report("end_date", row.Text("end_date"), "早于开班日期", "is before the start date", true);
        continue;
      }
      c.category = *category;
      c.cycle = *cycle;
      c.start_date = *start;
      c.end_date = *end;
      model->classes.push_back(std::move(c));
    }
  }

  std::optional<SessionKeys> timetable;  // every session the timetable lists, valid or not
  if (auto table =
          OpenInstitutionTable(root, folder, "sessions.csv", code, kSessionsSpec, true, policy.limits, model)) {
    timetable.emplace();
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      TrainingSession s;
      s.institution = code;
      s.class_id = row.Text("class_id", true);
      s.session_id = row.Text("session_id", true);
      timetable->Add(s.class_id, s.session_id);
      auto date = row.DateValue("date", true);
      auto times = ReadSessionTimes(row, date, zone);
      auto mode = row.Enum("mode", true, SessionModeSpellings());
      s.topic = row.Text("topic");
      s.teacher_id = row.Text("teacher_id");
      s.room = row.Text("room");
      s.claimed_hours = row.Number("hours", false);
      s.source = row.source();
      if (!row.ok() || !times) continue;
      s.date = *date;
      s.start = times->start;
      s.end = times->end;
      s.mode = *mode;
      model->sessions.push_back(std::move(s));
    }
  }

  if (auto table =
          OpenInstitutionTable(root, folder, "attendance.csv", code, kAttendanceSpec, true, policy.limits, model)) {
    UnlistedSignIns unlisted;
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      Attendance a;
      a.institution = code;
      a.class_id = row.Text("class_id", true);
      a.session_id = row.Text("session_id", true);
      a.trainee_id = row.Text("trainee_id", true);
      auto check_in = row.DateTimeValue("check_in", true, zone);
      a.check_out = row.DateTimeValue("check_out", false, zone);
      auto method = row.Enum("method", false, SignInMethodSpellings());
      a.source = row.source();
      if (!row.ok()) continue;
      a.check_in = *check_in;
      if (method) a.method = *method;
      if (timetable && !timetable->Has(a.class_id, a.session_id)) unlisted.Add(a.source.line);
      model->attendance.push_back(std::move(a));
    }
    unlisted.Report(folder + "/attendance.csv", &model->issues);
  }

  if (auto table =
          OpenInstitutionTable(root, folder, "trainees.csv", code, kTraineesSpec, true, policy.limits, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      Trainee t;
      t.institution = code;
      t.class_id = row.Text("class_id", true);
      t.trainee_id = row.Text("trainee_id", true);
      t.name = row.Text("name");
      t.completed = row.YesNo("completed", false).value_or(false);
      t.source = row.source();
      if (row.ok()) model->trainees.push_back(std::move(t));
    }
  }

  if (auto table =
          OpenInstitutionTable(root, folder, "teachers.csv", code, kTeachersSpec, true, policy.limits, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      Teacher t;
      t.institution = code;
      t.teacher_id = row.Text("teacher_id", true);
      t.name = row.Text("name");
      t.qualification = row.Text("qualification");
      t.years = row.Number("years", false);
      t.source = row.source();
      if (row.ok()) model->teachers.push_back(std::move(t));
    }
  }

  LoadCameraTables(root, folder, code, false, policy, model);
}

}  // namespace xk
