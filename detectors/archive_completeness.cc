#include "detectors/archive_completeness.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "detectors/rule_table.h"

namespace xk {

namespace {

struct FilePart {
  std::string_view file;
  std::string_view name_zh;
  std::string_view name_en;
  std::string_view blocks_zh;  // what cannot be checked without it
  std::string_view blocks_en;
};

constexpr std::array<FilePart, 5> kTrainingFiles = {{
    {"classes.csv", "培训班", "classes", "无法核对各班的培训类别、申报学时与开班、结业日期",
     "the classes' categories, declared hours and dates cannot be checked"},
    {"sessions.csv", "课程表/教学日志", "timetable", "无法核对实际学时、授课教师与签到时间",
     "the hours actually taught, the teachers and the sign-in times cannot be checked"},
    {"attendance.csv", "签到记录", "sign-in records", "无法核对学员出勤学时",
     "the trainees' attended hours cannot be checked"},
    {"trainees.csv", "学员名册", "roster", "无法核对结业学员与考生的培训记录",
     "the completed trainees and the candidates' training cannot be checked"},
    {"teachers.csv", "师资名册", "teachers", "无法核对授课教师的资格与从业年限",
     "the teachers' qualifications and years of practice cannot be checked"},
}};

const FilePart* PartOf(std::string_view file) {
  for (const auto& part : kTrainingFiles) {
    if (file == part.file) return &part;
  }
  return nullptr;
}

struct ClassRecords {
  const TrainingClass* record = nullptr;
  size_t roster = 0, timetable = 0, attendance = 0;
  std::optional<SourceRef> first_roster, first_timetable, first_attendance;
};

}  // namespace

std::vector<Finding> DetectArchiveCompleteness(const DetectorInput& input) {
  const ArchiveModel& model = input.model;
  std::vector<Finding> findings;

  std::unordered_map<std::string, std::string> names;
  std::unordered_set<std::string> training;
  for (const auto& institution : model.institutions) {
    names[institution.code] = institution.name;
    if (institution.kind == InstitutionKind::kTraining) training.insert(institution.code);
  }
  auto label = [&](const std::string& code) {
    auto it = names.find(code);
    return it == names.end() || it->second.empty() ? code : fmt::format("{}（{}）", code, it->second);
  };

  // Missing files of training folders; remembered per institution so classes are not each
  // reported for a file that is not there at all.
  std::unordered_set<std::string> missing;  // institution \x1f file name
  for (const auto& m : model.missing_files) {
    if (m.institution.empty()) continue;
    const bool in_training_folder = m.file.starts_with("training/");
    if (!in_training_folder && !training.count(m.institution)) continue;
    const std::string file_name = m.file.substr(m.file.rfind('/') + 1);
    missing.insert(m.institution + '\x1f' + file_name);
    const FilePart* part = PartOf(file_name);
    Finding f = NewFinding(RuleId::kTrnArchiveIncomplete, m.institution, "file=" + m.file, std::nullopt);
    f.file = m.file;
    const std::string name_zh = part ? std::string(part->name_zh) : file_name;
    const std::string name_en = part ? std::string(part->name_en) : file_name;
    f.summary_zh = fmt::format("培训机构 {} 的档案缺少{}文件 {}，{}", label(m.institution), name_zh, m.file,
                               part ? part->blocks_zh : "相关规则无法核查");
    f.summary_en = fmt::format("The archive of training institution {} lacks its {} file {}: {}", m.institution,
                               name_en, m.file, part ? part->blocks_en : "the rules that need it cannot be checked");
    if (file_name == "teachers.csv") f.basis += "；师资条件（专兼职教师资格、从业年限）须有名册可查";
    findings.push_back(std::move(f));
  }
  auto file_missing = [&](const std::string& institution, const char* file) {
    return missing.count(institution + '\x1f' + file) > 0;
  };

  // What each class has, by (institution, class id) in first-seen order.
  std::unordered_map<std::string, size_t> class_index;
  std::vector<std::pair<std::string, std::string>> class_keys;  // institution, class id
  std::vector<ClassRecords> records;
  auto at = [&](const std::string& institution, const std::string& class_id) -> ClassRecords& {
    auto [it, inserted] = class_index.try_emplace(institution + '\x1f' + class_id, records.size());
    if (inserted) {
      records.emplace_back();
      class_keys.emplace_back(institution, class_id);
    }
    return records[it->second];
  };
  for (const auto& c : model.classes) {
    auto& r = at(c.institution, c.class_id);
    if (!r.record) r.record = &c;
  }
  for (const auto& s : model.sessions) {
    auto& r = at(s.institution, s.class_id);
    if (r.timetable++ == 0) r.first_timetable = s.source;
  }
  for (const auto& t : model.trainees) {
    auto& r = at(t.institution, t.class_id);
    if (r.roster++ == 0) r.first_roster = t.source;
  }
  ClassRecords* last = nullptr;
  const Attendance* previous = nullptr;
  for (const auto& a : model.attendance) {
    // Sign-ins come in long runs of one class: skip the hash while the class stays the same.
    if (!previous || previous->institution != a.institution || previous->class_id != a.class_id) {
      last = &at(a.institution, a.class_id);
    }
    previous = &a;
    if (last->attendance++ == 0) last->first_attendance = a.source;
  }

  for (size_t i = 0; i < records.size(); ++i) {
    const auto& [institution, class_id] = class_keys[i];
    const ClassRecords& r = records[i];
    auto base = [&](const std::string& what) {
      Finding f = NewFinding(RuleId::kTrnArchiveIncomplete, institution, "class=" + class_id + "|missing=" + what,
                             r.record ? std::optional<Date>(r.record->start_date) : std::nullopt);
      f.class_id = class_id;
      return f;
    };
    if (!r.record) {
      if (file_missing(institution, "classes.csv")) continue;
      Finding f = base("class_record");
      std::vector<std::string> used_zh, used_en;
      if (r.first_timetable) {
        f.rows.push_back(*r.first_timetable);
        used_zh.push_back(fmt::format("课程表 {} 行", r.timetable));
        used_en.push_back(fmt::format("{} timetable rows", r.timetable));
      }
      if (r.first_attendance) {
        f.rows.push_back(*r.first_attendance);
        used_zh.push_back(fmt::format("签到记录 {} 行", r.attendance));
        used_en.push_back(fmt::format("{} sign-in rows", r.attendance));
      }
      if (r.first_roster) {
        f.rows.push_back(*r.first_roster);
        used_zh.push_back(fmt::format("学员名册 {} 行", r.roster));
        used_en.push_back(fmt::format("{} roster rows", r.roster));
      }
      std::string zh, en;
      for (size_t k = 0; k < used_zh.size(); ++k) {
        zh += (k ? "、" : "") + used_zh[k];
        en += (k ? ", " : "") + used_en[k];
      }
      SortRows(&f.rows);
      f.summary_zh = fmt::format(
          "培训机构 {} 的班级 {} 出现在{}中，但培训班文件 classes.csv "
          "中没有该班，无法核对其培训类别、大纲学时与开班、结业日期",
          label(institution), class_id, zh);
      f.summary_en = fmt::format(
          "Class {} of training institution {} appears in {}, but classes.csv does not declare it: "
          "its category, syllabus hours and dates cannot be checked",
          class_id, institution, en);
      findings.push_back(std::move(f));
      continue;
    }
    struct Need {
      size_t count;
      const char* file;
      const char* what;
      const char* zh;
      const char* en;
    };
    const std::array<Need, 3> needs = {{
        {r.roster, "trainees.csv", "roster", "学员名册（trainees.csv）中没有该班的任何学员",
         "the roster (trainees.csv) has no trainee of the class"},
        {r.timetable, "sessions.csv", "timetable", "课程表（sessions.csv）中没有该班的任何课次",
         "the timetable (sessions.csv) has no session of the class"},
        {r.attendance, "attendance.csv", "attendance", "签到记录（attendance.csv）中没有该班的任何签到",
         "the sign-in records (attendance.csv) have no check-in of the class"},
    }};
    for (const Need& need : needs) {
      if (need.count > 0 || file_missing(institution, need.file)) continue;
      Finding f = base(need.what);
      f.rows.push_back(r.record->source);
      f.start = ToInstant(r.record->start_date, 0, input.policy.zone);
      f.end = ToInstant(r.record->end_date, 86400, input.policy.zone);
      f.summary_zh = fmt::format(
          "培训机构 {} 的班级 {}（{} 至 {}）{}，档案不完整（一期一档），相关学时与出勤规则无法核查", label(institution),
          class_id, FormatDate(r.record->start_date), FormatDate(r.record->end_date), need.zh);
      f.summary_en = fmt::format(
          "Class {} of training institution {} ({} to {}): {}. The class archive is incomplete and "
          "the hour and attendance rules cannot be checked for it",
          class_id, institution, FormatDate(r.record->start_date), FormatDate(r.record->end_date), need.en);
      findings.push_back(std::move(f));
    }
  }

  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.rule, a.institution, a.subject) < std::tie(b.rule, b.institution, b.subject);
  });
  return findings;
}

}  // namespace xk
