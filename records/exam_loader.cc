// exams/<code>/{plan,sessions,candidates,staff}.csv -> the model; cameras.csv and recordings.csv
// through camera_tables.cc, as the classrooms'.
#include <cmath>

#include "records/archive_loader.h"
#include "records/csv/text.h"
#include "records/enum_names.h"
#include "records/table_opener.h"

namespace xk {

namespace {

const TableSpec kPlanSpec = {"考试计划",
                             {{"session_id", "场次", true, {"场次编号"}},
                              {"date", "日期", true, {"考试日期"}},
                              {"start", "开始时间", true, {}},
                              {"end", "结束时间", true, {}},
                              {"room", "考场", true, {}},
                              {"mode", "考试方式", false, {}},
                              {"subject", "科目", false, {"考试科目"}},
                              {"planned_candidates", "计划人数", false, {}}}};

const TableSpec kExamSessionsSpec = {"考场记录",
                                     {{"session_id", "场次", true, {"场次编号"}},
                                      {"date", "日期", true, {"考试日期"}},
                                      {"start", "开始时间", true, {}},
                                      {"end", "结束时间", true, {}},
                                      {"room", "考场", true, {}},
                                      {"proctors", "监考人员", false, {"监考"}},
                                      {"examiners", "考评员", false, {"考评人员"}},
                                      {"mode", "考试方式", false, {}}}};

const TableSpec kCandidatesSpec = {"考生成绩",
                                   {{"session_id", "场次", true, {}},
                                    {"candidate_id", "身份证号", true, {"考生身份证号"}},
                                    {"name", "姓名", false, {}},
                                    {"training_institution", "培训机构编码", false, {"培训机构"}},
                                    {"class_id", "班级编号", false, {"班级"}},
                                    {"score", "成绩", false, {"分数"}},
                                    {"result", "结果", false, {"考试结果"}},
                                    {"category", "培训类别", false, {"人员类别", "考试类别"}},
                                    {"job_type", "作业类别", false, {"操作项目", "准操项目"}},
                                    {"attempt", "考试次数", false, {"考次", "第几次考试"}},
                                    {"started", "开考时间", false, {"开始答题时间"}},
                                    {"submitted", "交卷时间", false, {}}}};

const TableSpec kStaffSpec = {"监考考评人员",
                              {{"staff_id", "身份证号", true, {}},
                               {"name", "姓名", false, {}},
                               {"role", "角色", false, {}},
                               {"employer", "所属单位", false, {"单位"}}}};

// Reads the columns plan.csv and sessions.csv share (session_id, date, start, end, room) into
// `slot`; false when the date or the times cannot place the session in time.
bool ReadExamSlot(RowReader& row, const std::string& code, const TimeZone& zone, ExamSlot* slot) {
  slot->institution = code;
  slot->session_id = row.Text("session_id", true);
  const std::optional<Date> date = row.DateValue("date", true);
  const std::optional<SessionTimes> times = ReadSessionTimes(row, date, zone);
  slot->room = row.Text("room", true);
  if (!times) return false;  // also when there is no date
  slot->date = *date;
  slot->start = times->start;
  slot->end = times->end;
  return true;
}

}  // namespace

void LoadExamFolder(const std::filesystem::path& root, const std::string& code, const AuditPolicy& policy,
                    ArchiveModel* model) {
  const std::string folder = "exams/" + code;
  const TimeZone& zone = policy.zone;

  if (auto table = OpenInstitutionTable(root, folder, "plan.csv", code, kPlanSpec, true, policy.limits, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      ExamPlanEntry p;
      const bool placed = ReadExamSlot(row, code, zone, &p);
      auto mode = row.Enum("mode", false, ExamModeSpellings());
      p.subject = row.Text("subject");
      auto planned = row.Number("planned_candidates", false);
      p.source = row.source();
      if (!row.ok() || !placed) continue;
      if (mode) p.mode = *mode;
      if (planned) p.planned_candidates = static_cast<int>(std::lround(*planned));
      model->exam_plan.push_back(std::move(p));
    }
  }

  if (auto table =
          OpenInstitutionTable(root, folder, "sessions.csv", code, kExamSessionsSpec, true, policy.limits, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      ExamSession s;
      const bool placed = ReadExamSlot(row, code, zone, &s);
      s.proctors = SplitList(row.Text("proctors"));
      s.examiners = SplitList(row.Text("examiners"));
      s.mode = row.Enum("mode", false, ExamModeSpellings());
      s.source = row.source();
      if (!row.ok() || !placed) continue;
      model->exam_sessions.push_back(std::move(s));
    }
  }

  if (auto table =
          OpenInstitutionTable(root, folder, "candidates.csv", code, kCandidatesSpec, true, policy.limits, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      Candidate c;
      c.institution = code;
      c.session_id = row.Text("session_id", true);
      c.candidate_id = row.Text("candidate_id", true);
      c.name = row.Text("name");
      c.training_institution = row.Text("training_institution");
      c.class_id = row.Text("class_id");
      c.score_text = row.Text("score");
      c.score = ParseNumber(c.score_text);  // a bad score is a finding (EXM-CANDIDATE-DATA)
      c.result_text = row.Text("result");
      if (!c.result_text.empty()) {
        static const std::vector<std::vector<std::string>> kResults = {{"pass", "合格", "通过"},
                                                                       {"fail", "不合格", "未通过"}};
        auto index = MatchSpelling(c.result_text, kResults);
        if (index) c.passed = *index == 0;
      }
      c.category = row.Enum("category", false, CategorySpellings());
      c.job_type = row.Text("job_type");
      if (auto attempt = row.Number("attempt", false)) {
        if (*attempt >= 1 && *attempt <= 100 && *attempt == std::floor(*attempt)) {
          c.attempt = static_cast<int>(*attempt);
        } else {
          row.Report("attempt", row.Text("attempt"), "不是 1 至 100 的整数，按未填写处理",
                     "is not a whole number from 1 to 100; read as not given", false);
        }
      }
      c.started = row.DateTimeValue("started", false, zone);
      c.submitted = row.DateTimeValue("submitted", false, zone);
      if (c.started && c.submitted && *c.submitted < *c.started) {
        row.Report("submitted", row.Text("submitted"), "早于开考时间，两者均按未填写处理",
                   "is before the start; both read as not given", false);
        c.started.reset();
        c.submitted.reset();
      }
      c.source = row.source();
      if (row.ok()) model->candidates.push_back(std::move(c));
    }
  }

  if (auto table = OpenInstitutionTable(root, folder, "staff.csv", code, kStaffSpec, true, policy.limits, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      StaffMember s;
      s.institution = code;
      s.staff_id = row.Text("staff_id", true);
      s.name = row.Text("name");
      auto role = row.Enum("role", false, StaffRoleSpellings());
      s.employer = row.Text("employer");
      s.source = row.source();
      if (!row.ok()) continue;
      if (role) s.role = *role;
      model->staff.push_back(std::move(s));
    }
  }

  LoadCameraTables(root, folder, code, true, policy, model);
}

}  // namespace xk
