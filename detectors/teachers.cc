#include "detectors/teachers.h"

#include <fmt/format.h>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "detectors/finding_text.h"
#include "detectors/overlap_sweep.h"
#include "detectors/rule_table.h"

namespace xk {

namespace {

std::string SessionKey(const TrainingSession& s) { return s.institution + "/" + s.class_id + "/" + s.session_id; }

// Two classes of one institution taught together in one room (合班授课) are one lecture.
bool IsCombinedLecture(const TrainingSession& a, const TrainingSession& b) {
  return a.institution == b.institution && !a.room.empty() && PersonKey(a.room) == PersonKey(b.room) &&
         a.start == b.start && a.end == b.end;
}

bool IsDuplicateRow(const TrainingSession& a, const TrainingSession& b) {
  return a.institution == b.institution && a.class_id == b.class_id && a.session_id == b.session_id;
}

std::string TeacherLabelZh(const std::string& name, const std::string& id) {
  return name.empty() ? fmt::format("教师（{}）", id) : fmt::format("教师 {}（{}）", name, id);
}

std::string TeacherLabelEn(const std::string& name, const std::string& id) {
  return name.empty() ? fmt::format("teacher {}", id) : fmt::format("teacher {} ({})", name, id);
}

class TeacherRules {
 public:
  explicit TeacherRules(const DetectorInput& input)
      : model_(input.model), policy_(input.policy), zone_(input.policy.zone) {
    for (const auto& institution : model_.institutions) {
      institution_names_[institution.code] = institution.name;
    }
    for (const auto& teacher : model_.teachers) {
      std::string key = PersonKey(teacher.teacher_id);
      if (key.empty()) continue;
      roster_[teacher.institution + '\x1f' + key].push_back(&teacher);
      if (!teacher.name.empty()) names_.emplace(key, teacher.name);
    }
  }

  void DetectClashes(std::vector<Finding>* out) const;
  void DetectUnqualified(std::vector<Finding>* out) const;

 private:
  std::string NameOf(const std::string& key) const {
    auto it = names_.find(key);
    return it == names_.end() ? std::string() : it->second;
  }
  std::string InstitutionLabel(const std::string& code) const {
    auto it = institution_names_.find(code);
    if (it == institution_names_.end() || it->second.empty()) return code;
    return fmt::format("{}（{}）", code, it->second);
  }
  Finding ClashFinding(const std::string& key, const TrainingSession& first, const TrainingSession& second) const;

  const ArchiveModel& model_;
  const AuditPolicy& policy_;
  const TimeZone& zone_;
  std::unordered_map<std::string, std::string> institution_names_;
  std::unordered_map<std::string, std::vector<const Teacher*>> roster_;  // institution \x1f key
  std::unordered_map<std::string, std::string> names_;                   // key -> first name given
};

Finding TeacherRules::ClashFinding(const std::string& key, const TrainingSession& a, const TrainingSession& b) const {
  const TrainingSession* first = &a;
  const TrainingSession* second = &b;
  std::string first_key = SessionKey(a), second_key = SessionKey(b);
  if (second_key < first_key) {
    std::swap(first, second);
    std::swap(first_key, second_key);
  }
  const Instant overlap_start = std::max(a.start, b.start);
  const Instant overlap_end = std::min(a.end, b.end);
  const double overlap_minutes = static_cast<double>(overlap_end - overlap_start) / 60.0;
  const std::string name = NameOf(key);

  Finding f = NewFinding(RuleId::kTrnTeacherClash, first->institution,
                         "teacher=" + key + "|" + first_key + "|" + second_key, LocalDate(overlap_start, zone_));
  f.class_id = first->class_id;
  f.session_id = first->session_id;
  f.class_ids = {first->class_id, second->class_id};
  f.session_ids = {first->session_id, second->session_id};
  f.teacher_id = first->teacher_id;
  if (!first->room.empty()) f.room = first->room;
  f.people.push_back(first->teacher_id);
  if (second->teacher_id != first->teacher_id) f.people.push_back(second->teacher_id);
  f.start = overlap_start;
  f.end = overlap_end;
  f.measured = overlap_minutes;
  f.required = 0;
  f.unit = "分钟";
  const bool cross = first->institution != second->institution;
  auto place_zh = [&](const TrainingSession& s) {
    return fmt::format("{}班级 {} 课次 {}（{}{}）", cross ? InstitutionLabel(s.institution) + " " : "", s.class_id,
                       s.session_id, LocalRange(s.start, s.end, zone_), s.room.empty() ? "" : "，" + s.room);
  };
  auto place_en = [&](const TrainingSession& s) {
    return fmt::format("{}class {} session {} ({}{})", cross ? s.institution + " " : "", s.class_id, s.session_id,
                       LocalRange(s.start, s.end, zone_), s.room.empty() ? "" : ", room " + s.room);
  };
  f.summary_zh = fmt::format(
      "{}在 {} 同时被排在两个课次授课：{} 与 {}，重叠 {:g} "
      "分钟{}。同一教师不可能同时在两处授课，教学日志不实",
      TeacherLabelZh(name, first->teacher_id), LocalRange(overlap_start, overlap_end, zone_), place_zh(*first),
      place_zh(*second), overlap_minutes, cross ? "（跨培训机构）" : "");
  f.summary_en = fmt::format(
      "{} is timetabled to teach two sessions at once during {}: {} and {}, overlapping by {:g} "
      "minutes{}. One teacher cannot teach in two places at once: the teaching log is not true",
      TeacherLabelEn(name, first->teacher_id), LocalRange(overlap_start, overlap_end, zone_), place_en(*first),
      place_en(*second), overlap_minutes, cross ? " (at two training institutions)" : "");
  f.basis += "；同一教师不可能同时在两处授课，教学日志不实";
  f.rows = {first->source, second->source};
  SortRows(&f.rows);
  return f;
}

void TeacherRules::DetectClashes(std::vector<Finding>* out) const {
  // Sessions with a teacher, as (teacher, start) so that one sort groups them and orders each
  // teacher's sessions in time; a sweep with the still-open sessions finds every overlap without
  // comparing all pairs.
  struct Entry {
    int teacher;
    Instant start;
    Instant end;
    uint32_t session;
    auto operator<=>(const Entry&) const = default;  // each teacher's sessions in time
  };
  std::unordered_map<std::string, int> teacher_ids;
  std::vector<std::string> teacher_keys;
  std::vector<Entry> entries;
  entries.reserve(model_.sessions.size());
  for (size_t i = 0; i < model_.sessions.size(); ++i) {
    const auto& s = model_.sessions[i];
    if (s.end <= s.start) continue;
    std::string key = PersonKey(s.teacher_id);
    if (key.empty()) continue;
    auto [it, inserted] = teacher_ids.emplace(key, static_cast<int>(teacher_keys.size()));
    if (inserted) teacher_keys.push_back(key);
    entries.push_back(Entry{it->second, s.start, s.end, static_cast<uint32_t>(i)});
  }
  std::sort(entries.begin(), entries.end());
  auto same_teacher = [](const Entry& a, const Entry& b) { return a.teacher == b.teacher; };
  ForEachOverlap(entries, same_teacher, [&](const Entry& other, const Entry& entry) {
    const auto& session = model_.sessions[entry.session];
    const auto& other_session = model_.sessions[other.session];
    if (IsDuplicateRow(session, other_session) || IsCombinedLecture(session, other_session)) return;
    out->push_back(ClashFinding(teacher_keys[entry.teacher], other_session, session));
  });
}

void TeacherRules::DetectUnqualified(std::vector<Finding>* out) const {
  std::unordered_set<std::string> without_roster;
  for (const auto& missing : model_.missing_files) {
    if (!missing.institution.empty() && missing.file.ends_with("/teachers.csv")) {
      without_roster.insert(missing.institution);
    }
  }
  // (institution, teacher key) -> sessions taught, in file order.
  std::unordered_map<std::string, std::vector<const TrainingSession*>> taught;
  std::vector<std::string> order;
  for (const auto& s : model_.sessions) {
    if (s.mode == SessionMode::kExam) continue;
    if (without_roster.count(s.institution)) continue;
    std::string group = s.institution + '\x1f' + PersonKey(s.teacher_id);
    auto [it, inserted] = taught.try_emplace(group);
    if (inserted) order.push_back(group);
    it->second.push_back(&s);
  }
  for (const auto& group : order) {
    const auto& sessions = taught.at(group);
    const TrainingSession& first = *sessions.front();
    const std::string key = group.substr(group.find('\x1f') + 1);
    const std::vector<const Teacher*>* rows = nullptr;
    if (!key.empty()) {
      auto it = roster_.find(group);
      if (it != roster_.end()) rows = &it->second;
    }
    const Teacher* teacher = nullptr;
    if (rows) {
      // Any row of the person that shows a qualification and the years passes the teacher.
      for (const Teacher* t : *rows) {
        if (!t->qualification.empty() && t->years && *t->years + 1e-9 >= policy_.teacher_min_years) {
          teacher = t;
          break;
        }
      }
      if (teacher) continue;
      teacher = rows->front();
    }

    std::vector<std::string> reasons_zh, reasons_en;
    Finding f = NewFinding(RuleId::kTrnTeacherUnqualified, first.institution,
                           "teacher=" + (key.empty() ? std::string("(none)") : key), LocalDate(first.start, zone_));
    if (key.empty()) {
      // No teacher named: nobody can be shown to be qualified.
    } else if (!teacher) {
      reasons_zh.push_back("未列入本机构师资名册（teachers.csv）");
      reasons_en.push_back("is not in the institution's teachers.csv");
    } else {
      if (teacher->qualification.empty()) {
        reasons_zh.push_back("师资名册中未填写任何资格");
        reasons_en.push_back("has no qualification in teachers.csv");
      }
      if (!teacher->years) {
        reasons_zh.push_back(
            fmt::format("未填写从业年限，无法证明具有 {:g} 年以上从业经历", policy_.teacher_min_years));
        reasons_en.push_back(
            fmt::format("has no years of practice given, so cannot show the required {:g}", policy_.teacher_min_years));
      } else if (*teacher->years + 1e-9 < policy_.teacher_min_years) {
        reasons_zh.push_back(fmt::format("从业年限 {:g} 年，不足 {:g} 年", *teacher->years, policy_.teacher_min_years));
        reasons_en.push_back(fmt::format("has {:g} years of practice, under the required {:g}", *teacher->years,
                                         policy_.teacher_min_years));
        f.measured = *teacher->years;
        f.required = policy_.teacher_min_years;
        f.unit = "年";
      }
    }
    const std::string teacher_id = teacher ? teacher->teacher_id : first.teacher_id;
    if (!key.empty()) {
      f.teacher_id = teacher_id;
      f.people.push_back(teacher_id);
    }
    bool one_class = std::all_of(sessions.begin(), sessions.end(),
                                 [&](const TrainingSession* s) { return s->class_id == first.class_id; });
    if (one_class) f.class_id = first.class_id;
    if (sessions.size() == 1) f.session_id = first.session_id;
    Instant start = first.start, end = first.end;
    std::string list_zh, list_en;
    for (size_t i = 0; i < sessions.size(); ++i) {
      const auto* s = sessions[i];
      start = std::min(start, s->start);
      end = std::max(end, s->end);
      f.rows.push_back(s->source);
      if (i < 8) {
        list_zh += (i ? "、" : "") + s->class_id + "/" + s->session_id;
        list_en += (i ? ", " : "") + s->class_id + "/" + s->session_id;
      }
    }
    if (sessions.size() > 8) {
      list_zh += " 等";
      list_en += " and more";
    }
    const std::string first_day = FormatDate(LocalDate(start, zone_));
    const std::string last_day = FormatDate(LocalDate(end, zone_));
    const std::string period_zh =
        first_day == last_day ? " " + first_day + " " : fmt::format(" {} 至 {} ", first_day, last_day);
    const std::string period_en =
        first_day == last_day ? "on " + first_day : fmt::format("from {} to {}", first_day, last_day);
    f.start = start;
    f.end = end;
    if (rows) {
      for (const Teacher* t : *rows) f.rows.push_back(t->source);
    }
    SortRows(&f.rows);
    const std::string name = teacher ? teacher->name : NameOf(key);
    std::string reasons_zh_text, reasons_en_text;
    for (size_t i = 0; i < reasons_zh.size(); ++i) {
      reasons_zh_text += (i ? "，" : "") + reasons_zh[i];
      reasons_en_text += (i ? "; " : "") + reasons_en[i];
    }
    if (key.empty()) {
      f.summary_zh = fmt::format("{} 个课次未填写授课教师（教师身份证号为空），无法核实师资是否合格：{}（班级/课次）",
                                 sessions.size(), list_zh);
      f.summary_en = fmt::format(
          "{} sessions name no teacher (teacher ID empty), so the teacher's qualification cannot "
          "be "
          "checked: {} (class/session)",
          sessions.size(), list_en);
    } else {
      f.summary_zh =
          fmt::format("{}：{}；却在{}讲授了本机构 {} 个课次：{}（班级/课次）", TeacherLabelZh(name, teacher_id),
                      reasons_zh_text, period_zh, sessions.size(), list_zh);
      f.summary_en =
          fmt::format("{} {}, yet taught {} session(s) of the institution {}: {} (class/session)",
                      TeacherLabelEn(name, teacher_id), reasons_en_text, sessions.size(), period_en, list_en);
    }
    f.basis += fmt::format("；从业年限阈值 {:g} 年（可配置）", policy_.teacher_min_years);
    out->push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> DetectTeacherRules(const DetectorInput& input) {
  TeacherRules rules(input);
  std::vector<Finding> findings;
  rules.DetectClashes(&findings);
  rules.DetectUnqualified(&findings);
  // One fact found twice (a duplicated timetable row clashing with a third) is one finding.
  return MergeSameFacts(std::move(findings));
}

}  // namespace xk
