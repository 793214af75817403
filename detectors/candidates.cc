#include "detectors/candidates.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "detectors/detector_input.h"
#include "detectors/rule_table.h"
#include "records/resident_id.h"

namespace xk {

namespace {

std::string ScoreParticulars(const AuditPolicy& policy) {
  return fmt::format("；考试实行百分制，合格分数线 {:g} 分（可配置）", policy.pass_mark);
}

struct RosterPerson {
  const Trainee* first = nullptr;
  bool completed = false;
  std::vector<SourceRef> rows;
};

class CandidateRules {
 public:
  explicit CandidateRules(const DetectorInput& input) : model_(input.model), policy_(input.policy) {
    for (const auto& institution : model_.institutions) names_[institution.code] = institution.name;
    for (const auto& t : model_.trainees) {
      known_training_.insert(t.institution);
      const std::string cls = KeyOf(t.institution, t.class_id);
      classes_.insert(cls);
      const std::string key = PersonKey(t.trainee_id);
      if (key.empty()) continue;
      RosterPerson& person = roster_[KeyOf(cls, key)];
      if (!person.first) {
        person.first = &t;
        if (!t.name.empty()) by_name_[KeyOf(cls, t.name)].push_back(key);
      }
      person.completed = person.completed || t.completed;
      person.rows.push_back(t.source);
    }
    for (const auto& c : model_.classes) known_training_.insert(c.institution);
    for (const auto& p : model_.exam_plan) session_dates_.try_emplace(KeyOf(p.institution, p.session_id), p.date);
    for (const auto& s : model_.exam_sessions) session_dates_[KeyOf(s.institution, s.session_id)] = s.date;
    for (const auto& m : model_.missing_files) {
      if (!m.institution.empty() && m.file.ends_with("/trainees.csv")) without_roster_.insert(m.institution);
    }
  }

  void DetectData(std::vector<Finding>* out) const;
  void DetectUntrained(std::vector<Finding>* out) const;

 private:
  std::string Label(const std::string& code) const {
    auto it = names_.find(code);
    if (it == names_.end() || it->second.empty()) return code;
    return fmt::format("{}（{}）", code, it->second);
  }
  // What identifies a candidate row in a subject: the person, else the name, else the line.
  static std::string CandidateSubject(const Candidate& c) {
    std::string key = PersonKey(c.candidate_id);
    if (!key.empty()) return "session=" + c.session_id + "|candidate=" + key;
    if (!c.name.empty()) return "session=" + c.session_id + "|candidate=(empty)|name=" + c.name;
    return "session=" + c.session_id + "|candidate=(empty)|line=" + std::to_string(c.source.line);
  }
  static std::string WhoZh(const Candidate& c) {
    if (c.name.empty()) {
      return c.candidate_id.empty() ? std::string("考生（无身份证号）")
                                    : fmt::format("考生（身份证号 {}）", c.candidate_id);
    }
    return fmt::format("考生 {}（{}）", c.name, c.candidate_id.empty() ? "无身份证号" : c.candidate_id);
  }
  static std::string WhoEn(const Candidate& c) {
    const std::string id = c.candidate_id.empty() ? "no ID number" : c.candidate_id;
    return c.name.empty() ? fmt::format("candidate {}", id) : fmt::format("candidate {} ({})", c.name, id);
  }
  // A finding about a candidate, judged and cited as of the day of the exam session.
  Finding Base(RuleId rule, const Candidate& c, const std::string& what) const {
    std::optional<Date> exam_day;
    if (auto it = session_dates_.find(KeyOf(c.institution, c.session_id)); it != session_dates_.end()) {
      exam_day = it->second;
    }
    Finding f = NewFinding(rule, c.institution, CandidateSubject(c) + (what.empty() ? "" : "|" + what), exam_day);
    f.session_id = c.session_id;
    if (!c.class_id.empty()) f.class_id = c.class_id;
    if (!c.candidate_id.empty()) {
      f.trainee_id = c.candidate_id;
      f.people.push_back(c.candidate_id);
    }
    f.rows.push_back(c.source);
    return f;
  }
  std::string Where(const Candidate& c) const {
    return fmt::format("考点 {} 场次 {}", Label(c.institution), c.session_id);
  }

  const ArchiveModel& model_;
  const AuditPolicy& policy_;
  std::unordered_map<std::string, std::string> names_;
  std::unordered_map<std::string, Date> session_dates_;                // institution \x1f session id -> day
  std::unordered_map<std::string, RosterPerson> roster_;               // institution \x1f class \x1f key
  std::unordered_map<std::string, std::vector<std::string>> by_name_;  // institution \x1f class \x1f name
  std::unordered_set<std::string> classes_;                            // institution \x1f class with a roster
  std::unordered_set<std::string> known_training_;                     // institutions with training records
  std::unordered_set<std::string> without_roster_;                     // trainees.csv missing
};

// ---------------------------------------------------------------- EXM-CANDIDATE-DATA

void CandidateRules::DetectData(std::vector<Finding>* out) const {
  // (centre, session, person) -> rows, for duplicates; std::map keeps the order stable.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const Candidate*>> seen;
  for (const auto& c : model_.candidates) {
    const IdCheck id = CheckResidentId(c.candidate_id);
    if (!id.valid) {
      Finding f = Base(RuleId::kExmCandidateData, c, "id");
      f.summary_zh = fmt::format("{} {}的身份证号“{}”无效：{}。考试数据不准确，无法与培训记录核对", Where(c),
                                 c.name.empty() ? "考生" : "考生 " + c.name, c.candidate_id, id.problem_zh);
      f.summary_en = fmt::format(
          "Exam session {} at {}: the ID number \"{}\" of {} is invalid: {}. The exam "
          "data are inaccurate and cannot be matched to training records",
          c.session_id, c.institution, c.candidate_id,
          c.name.empty() ? std::string("a candidate") : "candidate " + c.name, id.problem_en);
      f.basis += "；GB 11643-1999：18位，地址码、出生日期码、顺序码、ISO 7064 MOD 11-2 校验码";
      out->push_back(std::move(f));
    }
    if (c.name.empty()) {
      Finding f = Base(RuleId::kExmCandidateData, c, "name");
      f.summary_zh = fmt::format("{} 的{}未填写姓名", Where(c), WhoZh(c));
      f.summary_en = fmt::format("Exam session {} at {}: {} has no name", c.session_id, c.institution, WhoEn(c));
      out->push_back(std::move(f));
    }
    if (c.score && (*c.score < 0 || *c.score > 100)) {
      Finding f = Base(RuleId::kExmCandidateData, c, "score");
      f.measured = *c.score;
      f.unit = "分";
      f.summary_zh = fmt::format("{} 的{}成绩为“{}”，超出 0–100 分范围", Where(c), WhoZh(c), c.score_text);
      f.summary_en = fmt::format("Exam session {} at {}: {} has the score \"{}\", outside 0-100", c.session_id,
                                 c.institution, WhoEn(c), c.score_text);
      f.basis += ScoreParticulars(policy_);
      out->push_back(std::move(f));
    } else if (c.score && c.passed && (*c.passed != (*c.score + 1e-9 >= policy_.pass_mark))) {
      Finding f = Base(RuleId::kExmCandidateData, c, "result");
      f.measured = *c.score;
      f.required = policy_.pass_mark;
      f.unit = "分";
      const bool passed = *c.passed;  // what the result says; the score says the opposite
      const std::string result = c.result_text.empty() ? (passed ? "合格" : "不合格") : c.result_text;
      f.summary_zh = fmt::format("{} 的{}成绩 {} 分，{}合格分数线 {:g} 分，结果却为“{}”", Where(c), WhoZh(c),
                                 c.score_text, passed ? "低于" : "达到", policy_.pass_mark, result);
      f.summary_en =
          fmt::format("Exam session {} at {}: {} scored {}, {} the pass mark {:g}, yet the result is \"{}\" ({})",
                      c.session_id, c.institution, WhoEn(c), c.score_text, passed ? "below" : "at or above",
                      policy_.pass_mark, result, passed ? "pass" : "fail");
      f.basis += ScoreParticulars(policy_);
      out->push_back(std::move(f));
    }
    std::string key = PersonKey(c.candidate_id);
    if (!key.empty()) seen[{c.institution, c.session_id, std::move(key)}].push_back(&c);
  }
  for (const auto& [key, rows] : seen) {
    if (rows.size() < 2) continue;
    const Candidate& c = *rows.front();
    Finding f = Base(RuleId::kExmCandidateData, c, "duplicate");
    std::string lines;
    for (size_t k = 0; k < rows.size(); ++k) {
      if (k) f.rows.push_back(rows[k]->source);
      if (rows[k]->candidate_id != c.candidate_id &&
          std::find(f.people.begin(), f.people.end(), rows[k]->candidate_id) == f.people.end()) {
        f.people.push_back(rows[k]->candidate_id);
      }
      lines += (k ? "、" : "") + std::to_string(rows[k]->source.line);
    }
    f.measured = static_cast<double>(rows.size());
    f.required = 1;
    f.unit = "次";
    SortRows(&f.rows);
    f.summary_zh =
        fmt::format("{} 中{}重复出现 {} 次（{} 第 {} 行）", Where(c), WhoZh(c), rows.size(), c.source.file, lines);
    f.summary_en = fmt::format("Exam session {} at {}: {} appears {} times ({} lines {})", c.session_id, c.institution,
                               WhoEn(c), rows.size(), c.source.file, lines);
    out->push_back(std::move(f));
  }
}

// ---------------------------------------------------------------- EXM-CANDIDATE-UNTRAINED

void CandidateRules::DetectUntrained(std::vector<Finding>* out) const {
  for (const auto& c : model_.candidates) {
    std::string why_zh, why_en;
    const RosterPerson* person = nullptr;
    if (c.training_institution.empty() || c.class_id.empty()) {
      why_zh = "未填写培训机构或班级，无从核对其培训记录";
      why_en = "names no training institution or class, so no training record can be found";
    } else {
      if (without_roster_.count(c.training_institution)) continue;
      const std::string cls = KeyOf(c.training_institution, c.class_id);
      const std::string key = PersonKey(c.candidate_id);
      if (auto it = roster_.find(KeyOf(cls, key)); !key.empty() && it != roster_.end()) person = &it->second;
      const bool valid_id = CheckResidentId(c.candidate_id).valid;
      if (!person && !valid_id && !c.name.empty()) {
        // An ID mangled on the way (e.g. by Excel) cannot join; one roster entry of that name can.
        auto named = by_name_.find(KeyOf(cls, c.name));
        if (named != by_name_.end() && named->second.size() == 1) {
          person = &roster_.at(KeyOf(cls, named->second.front()));
        }
      }
      if (!person) {
        if (!known_training_.count(c.training_institution)) {
          why_zh = fmt::format("所填培训机构 {} 在本次审查的档案中没有任何培训记录", Label(c.training_institution));
          why_en = fmt::format("names training institution {}, which has no training records in the archive",
                               c.training_institution);
        } else if (!classes_.count(cls)) {
          why_zh = fmt::format("培训机构 {} 的学员名册中没有班级 {}", Label(c.training_institution), c.class_id);
          why_en =
              fmt::format("the roster of training institution {} has no class {}", c.training_institution, c.class_id);
        } else {
          why_zh = fmt::format("培训机构 {} 班级 {} 的学员名册中没有此人", Label(c.training_institution), c.class_id);
          why_en = fmt::format("is not on the roster of class {} of training institution {}", c.class_id,
                               c.training_institution);
        }
        if (!valid_id) {
          why_zh += "（身份证号无效，亦无法按姓名唯一对应）";
          why_en += " (the ID number is invalid and the name matches no single roster entry)";
        }
      } else if (!person->completed) {
        why_zh = fmt::format("培训机构 {} 班级 {} 的学员名册显示此人未结业", Label(c.training_institution), c.class_id);
        why_en = fmt::format("the roster of class {} of training institution {} shows the training not completed",
                             c.class_id, c.training_institution);
      } else {
        continue;
      }
    }
    Finding f = Base(RuleId::kExmCandidateUntrained, c, "");
    if (person) {
      f.rows.insert(f.rows.end(), person->rows.begin(), person->rows.end());
      if (person->first->trainee_id != c.candidate_id) f.people.push_back(person->first->trainee_id);
    }
    SortRows(&f.rows);
    f.summary_zh = fmt::format("{} 的{}参加了考试，但{}", Where(c), WhoZh(c), why_zh);
    f.summary_en =
        fmt::format("Exam session {} at {}: {} was examined but {}", c.session_id, c.institution, WhoEn(c), why_en);
    out->push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> DetectCandidateRules(const DetectorInput& input) {
  CandidateRules rules(input);
  std::vector<Finding> findings;
  rules.DetectData(&findings);
  rules.DetectUntrained(&findings);
  // One fact found twice (a duplicated candidate row) is one finding citing every row.
  return MergeSameFacts(std::move(findings));
}

}  // namespace xk
