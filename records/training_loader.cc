// training/<code>/{classes,sessions,attendance,trainees,teachers}.csv -> the model.
#include "records/archive_loader.h"
#include "records/enum_names.h"
#include "records/table_opener.h"

namespace xk {

namespace {

const TableSpec kClassesSpec = {
    "培训班",
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

}  // namespace

void LoadTrainingFolder(const std::filesystem::path& root, const std::string& code,
                        const AuditPolicy& policy, ArchiveModel* model) {
  const std::string folder = "training/" + code;
  const TimeZone& zone = policy.zone;

  if (auto table = OpenInstitutionTable(root, folder, "classes.csv", code, kClassesSpec, true, model)) {
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

  if (auto table = OpenInstitutionTable(root, folder, "sessions.csv", code, kSessionsSpec, true, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      TrainingSession s;
      s.institution = code;
      s.class_id = row.Text("class_id", true);
      s.session_id = row.Text("session_id", true);
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
          OpenInstitutionTable(root, folder, "attendance.csv", code, kAttendanceSpec, true, model)) {
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
      model->attendance.push_back(std::move(a));
    }
  }

  if (auto table = OpenInstitutionTable(root, folder, "trainees.csv", code, kTraineesSpec, true, model)) {
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

  if (auto table = OpenInstitutionTable(root, folder, "teachers.csv", code, kTeachersSpec, true, model)) {
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
}

}  // namespace xk
