#include "detectors/exam_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "detectors/detector_input.h"
#include "detectors/finding_text.h"
#include "detectors/rule_table.h"

namespace xk {

namespace {

constexpr size_t kTeachingRowsCited = 20;  // timetable rows cited to show someone teaches

std::string StaffParticulars(const AuditPolicy& policy) {
  return fmt::format("；最低人数为本工具默认值（监考 {} 名、考评 {} 名，法规未规定具体人数，可配置）",
                     policy.min_proctors, policy.min_examiners);
}

const char* ModeZh(ExamMode mode) { return mode == ExamMode::kTheory ? "理论考试" : "实操考试"; }
const char* ModeEn(ExamMode mode) { return mode == ExamMode::kTheory ? "theory" : "practical"; }

// Distinct people of a list of IDs as written (first spelling of each PersonKey kept).
std::vector<std::string> Distinct(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& id : ids) {
    std::string key = PersonKey(id);
    if (key.empty() || !seen.insert(key).second) continue;
    out.push_back(id);
  }
  return out;
}

class ExamRecordRules {
 public:
  explicit ExamRecordRules(const DetectorInput& input)
      : model_(input.model), policy_(input.policy), zone_(input.policy.zone) {
    for (const auto& institution : model_.institutions) names_[institution.code] = institution.name;
    for (const auto& p : model_.exam_plan) plan_.try_emplace(KeyOf(p.institution, p.session_id), &p);
    for (const auto& s : model_.staff) {
      if (!s.name.empty()) staff_names_.try_emplace(KeyOf(s.institution, PersonKey(s.staff_id)), s.name);
    }
    for (const auto& m : model_.missing_files) {
      if (m.institution.empty() || !m.file.starts_with("exams/")) continue;
      missing_.insert(KeyOf(m.institution, m.file.substr(m.file.rfind('/') + 1)));
    }
  }

  void DetectProctorShort(std::vector<Finding>* out) const;
  void DetectProctorConflict(std::vector<Finding>* out) const;
  void DetectPlanDeviation(std::vector<Finding>* out) const;

 private:
  std::string Label(const std::string& code) const {
    auto it = names_.find(code);
    if (it == names_.end() || it->second.empty()) return code;
    return fmt::format("{}（{}）", code, it->second);
  }
  std::string StaffZh(const std::string& centre, const std::string& id) const {
    auto it = staff_names_.find(KeyOf(centre, PersonKey(id)));
    return it == staff_names_.end() ? id : fmt::format("{}（{}）", it->second, id);
  }
  std::string StaffEn(const std::string& centre, const std::string& id) const {
    auto it = staff_names_.find(KeyOf(centre, PersonKey(id)));
    return it == staff_names_.end() ? id : fmt::format("{} ({})", it->second, id);
  }
  const ExamPlanEntry* PlanOf(const std::string& centre, const std::string& session_id) const {
    auto it = plan_.find(KeyOf(centre, session_id));
    return it == plan_.end() ? nullptr : it->second;
  }
  bool Missing(const std::string& centre, const char* file) const { return missing_.count(KeyOf(centre, file)) > 0; }
  // A finding about a held session, judged and cited as of its day.
  Finding Base(RuleId rule, const ExamSession& s, std::string subject) const {
    Finding f = NewFinding(rule, s.institution, std::move(subject), s.date);
    f.session_id = s.session_id;
    if (!s.room.empty()) f.room = s.room;
    f.start = s.start;
    f.end = s.end;
    f.rows.push_back(s.source);
    return f;
  }

  const ArchiveModel& model_;
  const AuditPolicy& policy_;
  const TimeZone& zone_;
  std::unordered_map<std::string, std::string> names_;
  std::unordered_map<std::string, const ExamPlanEntry*> plan_;  // centre \x1f session id
  std::unordered_map<std::string, std::string> staff_names_;    // centre \x1f person key
  std::unordered_set<std::string> missing_;                     // centre \x1f file name
};

// ---------------------------------------------------------------- EXM-PROCTOR-SHORT

void ExamRecordRules::DetectProctorShort(std::vector<Finding>* out) const {
  for (const auto& s : model_.exam_sessions) {
    const ExamPlanEntry* plan = PlanOf(s.institution, s.session_id);
    std::optional<ExamMode> mode = s.mode;
    bool mode_from_plan = false;
    if (!mode && plan) {
      mode = plan->mode;
      mode_from_plan = true;
    }
    struct Role {
      bool applies;
      const std::vector<std::string>* ids;
      int minimum;
      const char* what;
      const char* zh;
      const char* en;
    };
    const Role roles[] = {
        {!mode || *mode == ExamMode::kTheory, &s.proctors, policy_.min_proctors, "proctor", "监考人员", "proctor(s)"},
        {!mode || *mode == ExamMode::kPractical, &s.examiners, policy_.min_examiners, "examiner", "考评人员",
         "examiner(s)"},
    };
    for (const Role& role : roles) {
      if (!role.applies) continue;
      const std::vector<std::string> people = Distinct(*role.ids);
      if (static_cast<int>(people.size()) >= role.minimum) continue;
      Finding f = Base(RuleId::kExmProctorShort, s, "session=" + s.session_id + "|role=" + role.what);
      f.people = people;
      f.measured = static_cast<double>(people.size());
      f.required = role.minimum;
      f.unit = "人";
      if (mode_from_plan) f.rows.push_back(plan->source);
      SortRows(&f.rows);
      std::string mode_zh, mode_en;
      if (!mode) {
        mode_zh = "未注明考试方式，按监考与考评两项最低人数核查";
        mode_en = "no exam mode given, so held to both the proctor and the examiner minimum";
      } else {
        mode_zh = fmt::format("{}{}", ModeZh(*mode), mode_from_plan ? "，考试方式取自考试计划" : "");
        mode_en = fmt::format("{} exam{}", ModeEn(*mode), mode_from_plan ? ", mode from the plan" : "");
      }
      std::string who_zh, who_en;
      for (size_t k = 0; k < people.size(); ++k) {
        who_zh += (k ? "、" : "") + StaffZh(s.institution, people[k]);
        who_en += (k ? ", " : "") + StaffEn(s.institution, people[k]);
      }
      const std::string place_zh =
          fmt::format("考点 {} 场次 {}（{}{}，{}）", Label(s.institution), s.session_id,
                      LocalRange(s.start, s.end, zone_), s.room.empty() ? "" : "，考场 " + s.room, mode_zh);
      const std::string place_en =
          fmt::format("Exam session {} at {} ({}{}, {})", s.session_id, s.institution,
                      LocalRange(s.start, s.end, zone_), s.room.empty() ? "" : ", room " + s.room, mode_en);
      if (people.empty()) {
        f.summary_zh = fmt::format("{}的考场记录未安排任何{}，要求至少 {} 名", place_zh, role.zh, role.minimum);
        f.summary_en =
            fmt::format("{}: the room record names no {}; at least {} are required", place_en, role.en, role.minimum);
      } else {
        f.summary_zh = fmt::format("{}的考场记录仅有 {} 名{}（{}），少于要求的 {} 名", place_zh, people.size(), role.zh,
                                   who_zh, role.minimum);
        f.summary_en = fmt::format("{}: the room record names only {} {} ({}); at least {} are required", place_en,
                                   people.size(), role.en, who_en, role.minimum);
      }
      f.basis += StaffParticulars(policy_);
      out->push_back(std::move(f));
    }
  }
}

// ---------------------------------------------------------------- EXM-PROCTOR-CONFLICT

void ExamRecordRules::DetectProctorConflict(std::vector<Finding>* out) const {
  // Which training institutions' trainees sit each session.
  std::unordered_map<std::string, std::map<std::string, std::vector<const Candidate*>>> sitting;
  for (const auto& c : model_.candidates) {
    if (c.training_institution.empty()) continue;
    sitting[KeyOf(c.institution, c.session_id)][c.training_institution].push_back(&c);
  }
  if (sitting.empty()) return;
  // Who the staff of the sessions are, so that only their teaching is indexed.
  std::unordered_set<std::string> staff_keys;
  for (const auto& s : model_.exam_sessions) {
    for (const auto* list : {&s.proctors, &s.examiners}) {
      for (const auto& id : *list) {
        std::string key = PersonKey(id);
        if (!key.empty()) staff_keys.insert(std::move(key));
      }
    }
  }
  struct Teaching {
    std::vector<SourceRef> roster_rows;   // teachers.csv
    std::vector<SourceRef> session_rows;  // sessions.csv (the first kTeachingRowsCited)
    size_t sessions = 0;
  };
  // person key -> training institution -> evidence of teaching there.
  std::unordered_map<std::string, std::unordered_map<std::string, Teaching>> teaching;
  for (const auto& t : model_.teachers) {
    std::string key = PersonKey(t.teacher_id);
    if (!staff_keys.count(key)) continue;
    teaching[key][t.institution].roster_rows.push_back(t.source);
  }
  for (const auto& s : model_.sessions) {
    std::string key = PersonKey(s.teacher_id);
    if (key.empty() || !staff_keys.count(key)) continue;
    Teaching& t = teaching[key][s.institution];
    if (t.sessions++ < kTeachingRowsCited) t.session_rows.push_back(s.source);
  }
  if (teaching.empty()) return;

  for (const auto& s : model_.exam_sessions) {
    auto sit = sitting.find(KeyOf(s.institution, s.session_id));
    if (sit == sitting.end()) continue;
    // Each staff member once, with the roles they hold in this session.
    std::vector<std::pair<std::string, std::string>> staff;        // id as written, key
    std::unordered_map<std::string, std::pair<bool, bool>> roles;  // key -> (proctor, examiner)
    for (const auto& id : s.proctors) {
      std::string key = PersonKey(id);
      if (key.empty()) continue;
      if (!roles.count(key)) staff.emplace_back(id, key);
      roles[key].first = true;
    }
    for (const auto& id : s.examiners) {
      std::string key = PersonKey(id);
      if (key.empty()) continue;
      if (!roles.count(key)) staff.emplace_back(id, key);
      roles[key].second = true;
    }
    for (const auto& [id, key] : staff) {
      auto teach = teaching.find(key);
      if (teach == teaching.end()) continue;
      for (const auto& [training, candidates] : sit->second) {
        auto at = teach->second.find(training);
        if (at == teach->second.end()) continue;
        const Teaching& t = at->second;
        const auto [is_proctor, is_examiner] = roles.at(key);
        const char* role_zh = is_proctor && is_examiner ? "监考兼考评人员" : is_proctor ? "监考人员" : "考评人员";
        const char* role_en = is_proctor && is_examiner ? "proctor and examiner" : is_proctor ? "proctor" : "examiner";
        Finding f =
            Base(RuleId::kExmProctorConflict, s, "session=" + s.session_id + "|staff=" + key + "|training=" + training);
        f.teacher_id = id;
        f.people = {id};
        f.rows.insert(f.rows.end(), t.roster_rows.begin(), t.roster_rows.end());
        f.rows.insert(f.rows.end(), t.session_rows.begin(), t.session_rows.end());
        for (const Candidate* c : candidates) f.rows.push_back(c->source);
        SortRows(&f.rows);
        std::string evidence_zh, evidence_en;
        if (!t.roster_rows.empty()) {
          evidence_zh = "列入其师资名册";
          evidence_en = "is listed in its teachers.csv";
        }
        if (t.sessions > 0) {
          evidence_zh += fmt::format("{}在其课程表中讲授 {} 个课次", evidence_zh.empty() ? "" : "，并", t.sessions);
          evidence_en +=
              fmt::format("{}teaches {} sessions in its timetable", evidence_en.empty() ? "" : " and ", t.sessions);
        }
        f.summary_zh = fmt::format(
            "考点 {} 场次 {}（{}{}）的{} {} 是培训机构 {} 的授课教师（{}），而该场次有 {} "
            "名考生来自该培训机构。考教未分离",
            Label(s.institution), s.session_id, LocalRange(s.start, s.end, zone_),
            s.room.empty() ? "" : "，考场 " + s.room, role_zh, StaffZh(s.institution, id), Label(training), evidence_zh,
            candidates.size());
        f.summary_en = fmt::format(
            "The {} {} of exam session {} at {} ({}{}) teaches at training institution {} ({}), "
            "and {} "
            "candidates of the session come from that institution: training and examining are not "
            "separated",
            role_en, StaffEn(s.institution, id), s.session_id, s.institution, LocalRange(s.start, s.end, zone_),
            s.room.empty() ? "" : ", room " + s.room, training, evidence_en, candidates.size());
        out->push_back(std::move(f));
      }
    }
  }
}

// ---------------------------------------------------------------- EXM-PLAN-DEVIATION

void ExamRecordRules::DetectPlanDeviation(std::vector<Finding>* out) const {
  const int64_t tolerance = static_cast<int64_t>(policy_.plan_tolerance_minutes) * 60;
  const std::string tolerance_note = fmt::format("；时间容差 {} 分钟（可配置）", policy_.plan_tolerance_minutes);

  std::unordered_set<std::string> held;
  for (const auto& s : model_.exam_sessions) {
    if (!held.insert(KeyOf(s.institution, s.session_id)).second) continue;  // first row of an id
    const ExamPlanEntry* p = PlanOf(s.institution, s.session_id);
    if (!p) {
      if (Missing(s.institution, "plan.csv")) continue;
      Finding f = Base(RuleId::kExmPlanDeviation, s, "session=" + s.session_id + "|not_planned");
      f.summary_zh =
          fmt::format("考点 {} 场次 {}（{}{}）有考场记录，但不在考试计划中", Label(s.institution), s.session_id,
                      LocalRange(s.start, s.end, zone_), s.room.empty() ? "" : "，考场 " + s.room);
      f.summary_en =
          fmt::format("Exam session {} at {} ({}{}) was held but is not in the exam plan", s.session_id, s.institution,
                      LocalRange(s.start, s.end, zone_), s.room.empty() ? "" : ", room " + s.room);
      f.basis += tolerance_note;
      out->push_back(std::move(f));
      continue;
    }
    if (!s.room.empty() && !p->room.empty() && PersonKey(s.room) != PersonKey(p->room)) {
      Finding f = Base(RuleId::kExmPlanDeviation, s, "session=" + s.session_id + "|room");
      f.rows.push_back(p->source);
      SortRows(&f.rows);
      f.summary_zh = fmt::format("考点 {} 场次 {}（{}）计划在考场 {} 举行，考场记录却在考场 {}", Label(s.institution),
                                 s.session_id, LocalRange(s.start, s.end, zone_), p->room, s.room);
      f.summary_en = fmt::format("Exam session {} at {} ({}) was planned in room {} but held in room {}", s.session_id,
                                 s.institution, LocalRange(s.start, s.end, zone_), p->room, s.room);
      f.basis += tolerance_note;
      out->push_back(std::move(f));
    }
    const int64_t start_off = std::llabs(s.start - p->start);
    const int64_t end_off = std::llabs(s.end - p->end);
    if (start_off > tolerance || end_off > tolerance) {
      Finding f = Base(RuleId::kExmPlanDeviation, s, "session=" + s.session_id + "|time");
      f.rows.push_back(p->source);
      SortRows(&f.rows);
      f.measured = static_cast<double>(std::max(start_off, end_off)) / 60.0;
      f.required = policy_.plan_tolerance_minutes;
      f.unit = "分钟";
      auto off_zh = [&](const char* what, Instant actual, Instant planned) {
        const int64_t d = actual - planned;
        if (d == 0) return fmt::format("{}与计划一致", what);
        return fmt::format("{}{} {}", what, d > 0 ? "晚于计划" : "早于计划", DurationZh(std::llabs(d)));
      };
      auto off_en = [&](const char* what, Instant actual, Instant planned) {
        const int64_t d = actual - planned;
        if (d == 0) return fmt::format("{} as planned", what);
        return fmt::format("{} {} {} the plan", what, DurationEn(std::llabs(d)), d > 0 ? "after" : "before");
      };
      f.summary_zh =
          fmt::format("考点 {} 场次 {} 计划 {}，实际 {}：{}，{}，超过 {} 分钟容差", Label(s.institution), s.session_id,
                      LocalRange(p->start, p->end, zone_), LocalRange(s.start, s.end, zone_),
                      off_zh("开始", s.start, p->start), off_zh("结束", s.end, p->end), policy_.plan_tolerance_minutes);
      f.summary_en = fmt::format(
          "Exam session {} at {} was planned for {} and held {}: {}, {}; more than the "
          "{}-minute tolerance",
          s.session_id, s.institution, LocalRange(p->start, p->end, zone_), LocalRange(s.start, s.end, zone_),
          off_en("start", s.start, p->start), off_en("end", s.end, p->end), policy_.plan_tolerance_minutes);
      f.basis += tolerance_note;
      out->push_back(std::move(f));
    }
  }

  std::unordered_set<std::string> planned;
  for (const auto& p : model_.exam_plan) {
    const std::string key = KeyOf(p.institution, p.session_id);
    if (!planned.insert(key).second || held.count(key)) continue;
    if (Missing(p.institution, "sessions.csv")) continue;
    Finding f = NewFinding(RuleId::kExmPlanDeviation, p.institution, "session=" + p.session_id + "|not_held", p.date);
    f.session_id = p.session_id;
    if (!p.room.empty()) f.room = p.room;
    f.start = p.start;
    f.end = p.end;
    f.rows.push_back(p.source);
    f.summary_zh =
        fmt::format("考点 {} 考试计划中的场次 {}（{}{}）没有考场记录：未举行或记录缺失", Label(p.institution),
                    p.session_id, LocalRange(p.start, p.end, zone_), p.room.empty() ? "" : "，考场 " + p.room);
    f.summary_en = fmt::format(
        "Planned exam session {} at {} ({}{}) has no room record: not held, or the record "
        "is missing",
        p.session_id, p.institution, LocalRange(p.start, p.end, zone_), p.room.empty() ? "" : ", room " + p.room);
    f.basis += tolerance_note;
    out->push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> DetectExamRecordRules(const DetectorInput& input) {
  ExamRecordRules rules(input);
  std::vector<Finding> findings;
  rules.DetectProctorShort(&findings);
  rules.DetectProctorConflict(&findings);
  rules.DetectPlanDeviation(&findings);
  // One fact found twice (a duplicated room record) is one finding citing every row.
  return MergeSameFacts(std::move(findings));
}

}  // namespace xk
