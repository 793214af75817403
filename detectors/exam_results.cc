#include "detectors/exam_results.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "detectors/exam_sittings.h"
#include "detectors/fisher_exact.h"
#include "detectors/rule_table.h"
#include "records/enum_names.h"

namespace xk {

namespace {

const char* ModeZh(std::optional<ExamMode> mode) { return mode ? ChineseName(*mode) : "（方式未知）"; }
const char* ModeEn(std::optional<ExamMode> mode) {
  return !mode ? "(mode unknown)" : *mode == ExamMode::kTheory ? "theory" : "practical";
}

std::string Where(const Sitting& s) {
  return fmt::format("{} 场次 {}（{}）", s.candidate->institution, s.candidate->session_id, FormatDate(s.date));
}

std::vector<SourceRef> RowsOf(const Sitting& s) {
  std::vector<SourceRef> rows = {s.candidate->source};
  if (s.session_row) rows.push_back(*s.session_row);
  return rows;
}

// A finding of `rule` on one sitting: the candidate, the session, its date and start.
Finding SittingFinding(RuleId rule, const Sitting& s) {
  const Candidate& c = *s.candidate;
  Finding f =
      NewFinding(rule, c.institution, fmt::format("person={};session={}", c.candidate_id, c.session_id), s.date);
  f.session_id = c.session_id;
  f.trainee_id = c.candidate_id;
  f.people = {c.candidate_id};
  f.start = s.start;
  return f;
}

bool Passed(const Candidate& c, const AuditPolicy& policy) {
  if (c.passed) return *c.passed;
  return c.score && *c.score >= policy.pass_mark;
}

// Sittings of one person, one subject and one exam part, in time order.
using Series = std::map<std::tuple<std::string, std::string, int>, std::vector<const Sitting*>>;

Series SeriesOf(const std::vector<Sitting>& sittings) {
  Series out;
  for (const auto& s : sittings) {
    if (s.subject.empty() || s.person.empty()) continue;
    out[{s.person, s.subject, s.mode ? static_cast<int>(*s.mode) : -1}].push_back(&s);
  }
  return out;
}

void ResitRule(const Series& series, const std::multimap<std::string, CompletedClass>& completed,
               std::vector<Finding>* out) {
  for (const auto& [key, list] : series) {
    int since_training = 0;
    const Sitting* previous = nullptr;
    std::vector<SourceRef> rows;
    for (const Sitting* s : list) {
      bool retrained = false;
      if (previous) {
        auto [first, last] = completed.equal_range(s->person);
        for (auto it = first; it != last; ++it) {
          const TrainingClass& c = *it->second.training_class;
          if (ClassFits(c, s->category, s->job_type) && c.end_date >= previous->date && c.end_date < s->date)
            retrained = true;
        }
      }
      if (retrained) {
        since_training = 0;
        rows.clear();
      }
      ++since_training;
      for (const auto& r : RowsOf(*s)) rows.push_back(r);
      int number = since_training;
      if (!retrained && s->candidate->attempt && *s->candidate->attempt > number) number = *s->candidate->attempt;
      previous = s;
      if (number <= 2 || !AppliesOn(RuleId::kExmResitExcess, s->date)) continue;
      const Candidate& c = *s->candidate;
      Finding f = SittingFinding(RuleId::kExmResitExcess, *s);
      f.measured = number;
      f.required = 2;
      f.unit = "次";
      const bool by_column = c.attempt && *c.attempt == number && number > since_training;
      f.summary_zh = fmt::format(
          "考生 {} {} 在 {} 第 {} "
          "次参加{}{}考试（{}），其间无该科目重新培训结业的记录；只允许补考1次，补考不及格须重新培训",
          c.candidate_id, c.name, Where(*s), number, SubjectName(s->category, s->job_type), ModeZh(s->mode),
          by_column ? "考生成绩表“考试次数”所填" : fmt::format("档案中共 {} 次", since_training));
      f.summary_en = fmt::format(
          "Candidate {} sat the {} {} exam for the {} time ({}) at {} session {} on {} with no completed class of the "
          "subject in between; one resit is allowed, then retraining",
          c.candidate_id, SubjectName(s->category, s->job_type), ModeEn(s->mode), number,
          by_column ? "attempt column" : "sittings in the records", c.institution, c.session_id, FormatDate(s->date));
      f.rows = rows;
      SortRows(&f.rows);
      out->push_back(std::move(f));
    }
  }
}

void PracticalRule(const Series& series, const AuditPolicy& policy, std::vector<Finding>* out) {
  std::map<std::pair<std::string, std::string>, std::vector<const Sitting*>> theory_passes;
  for (const auto& [key, list] : series) {
    if (std::get<2>(key) != static_cast<int>(ExamMode::kTheory)) continue;
    for (const Sitting* s : list) {
      if (Passed(*s->candidate, policy)) theory_passes[{std::get<0>(key), std::get<1>(key)}].push_back(s);
    }
  }
  for (const auto& [key, list] : series) {
    if (std::get<2>(key) != static_cast<int>(ExamMode::kPractical)) continue;
    const auto& passes = theory_passes[{std::get<0>(key), std::get<1>(key)}];
    for (const Sitting* s : list) {
      bool before = false;
      for (const Sitting* t : passes) before = before || t->start < s->start;
      if (before || !AppliesOn(RuleId::kExmPracticalBeforeTheory, s->date)) continue;
      const Candidate& c = *s->candidate;
      Finding f = SittingFinding(RuleId::kExmPracticalBeforeTheory, *s);
      f.summary_zh =
          fmt::format("考生 {} {} 于 {} 参加{}实操考试，此前档案中没有其{}理论考试合格的记录{}", c.candidate_id, c.name,
                      Where(*s), SubjectName(s->category, s->job_type), SubjectName(s->category, s->job_type),
                      passes.empty() ? "" : "（理论考试合格在实操考试之后）");
      f.summary_en = fmt::format(
          "Candidate {} sat the {} practical exam at {} session {} on {} with no passed theory "
          "exam of the subject before it in the records",
          c.candidate_id, SubjectName(s->category, s->job_type), c.institution, c.session_id, FormatDate(s->date));
      f.rows = RowsOf(*s);
      for (const Sitting* t : passes) f.rows.push_back(t->candidate->source);
      SortRows(&f.rows);
      out->push_back(std::move(f));
    }
  }
}

void FastRule(const std::vector<Sitting>& sittings, const AuditPolicy& policy, std::vector<Finding>* out) {
  for (const auto& s : sittings) {
    const Candidate& c = *s.candidate;
    if (!c.started || !c.submitted || (s.mode && *s.mode != ExamMode::kTheory)) continue;
    if (!Passed(c, policy)) continue;
    const double minutes = static_cast<double>(*c.submitted - *c.started) / 60.0;
    if (minutes >= policy.fast_submit_minutes || !AppliesOn(RuleId::kExmSubmitFast, s.date)) continue;
    Finding f = SittingFinding(RuleId::kExmSubmitFast, s);
    f.start = *c.started;  // the candidate's own start, not the session's
    f.end = *c.submitted;
    f.measured = minutes;
    f.required = policy.fast_submit_minutes;
    f.unit = "分钟";
    f.summary_zh = fmt::format(
        "考生 {} {} 于 {} 的计算机理论考试（120 分钟）{} 开考、{} 交卷，用时 {:.1f} 分钟，成绩 {} 合格；少于 {} "
        "分钟作答 "
        "100 道左右试题不合常理，应调取考试录像核实是否代考或作弊",
        c.candidate_id, c.name, Where(s), FormatLocalTime(*c.started, policy.zone),
        FormatLocalTime(*c.submitted, policy.zone), minutes, c.score_text, policy.fast_submit_minutes);
    f.summary_en = fmt::format(
        "Candidate {} passed the 120-minute computer exam at {} session {} handing in after {:.1f} minutes (score {}); "
        "under {} minutes is implausible: check the exam video",
        c.candidate_id, c.institution, c.session_id, minutes, c.score_text, policy.fast_submit_minutes);
    f.rows = RowsOf(s);
    SortRows(&f.rows);
    out->push_back(std::move(f));
  }
}

void PassRateRule(const std::vector<Sitting>& sittings, const AuditPolicy& policy, std::vector<Finding>* out) {
  struct Counts {
    long passed = 0, sat = 0;
    Date last;
    std::vector<SourceRef> rows;
  };
  // (subject, mode) -> training institution -> counts
  std::map<std::pair<std::string, int>, std::map<std::string, Counts>> groups;
  std::map<std::pair<std::string, int>, std::pair<std::optional<Category>, std::string>> names;
  for (const auto& s : sittings) {
    const Candidate& c = *s.candidate;
    if (s.subject.empty() || !s.mode || (!c.passed && !c.score)) continue;
    const auto key = std::make_pair(s.subject, static_cast<int>(*s.mode));
    names[key] = {s.category, s.job_type};
    Counts& n = groups[key][c.training_institution];
    ++n.sat;
    n.passed += Passed(c, policy) ? 1 : 0;
    n.last = std::max(n.last, s.date);
    n.rows.push_back(c.source);
  }
  for (const auto& [key, by_institution] : groups) {
    long all_passed = 0, all_sat = 0;
    for (const auto& [code, n] : by_institution) {
      all_passed += n.passed;
      all_sat += n.sat;
    }
    for (const auto& [code, n] : by_institution) {
      if (code.empty() || n.sat < policy.pass_rate_min_group) continue;
      const long rest_passed = all_passed - n.passed, rest_sat = all_sat - n.sat;
      if (rest_sat == 0 || n.passed * rest_sat <= rest_passed * n.sat) continue;
      const double p = FisherExactGreater(n.passed, n.sat - n.passed, rest_passed, rest_sat - rest_passed);
      if (p >= policy.pass_rate_p_value || !AppliesOn(RuleId::kExmPassRate, n.last)) continue;
      const auto& [category, job_type] = names[key];
      const std::string subject_name = SubjectName(category, job_type);
      const std::optional<ExamMode> mode = static_cast<ExamMode>(key.second);
      Finding f =
          NewFinding(RuleId::kExmPassRate, code, fmt::format("subject={};mode={}", key.first, ModeEn(mode)), n.last);
      f.measured = static_cast<double>(n.passed) / static_cast<double>(n.sat);
      f.required = static_cast<double>(rest_passed) / static_cast<double>(rest_sat);
      f.unit = "合格率";
      f.summary_zh = fmt::format(
          "培训机构 {} 的学员{}{}考试合格 {}/{}（{:.0f}%），全市其他考生合格 {}/{}（{:.0f}%）；Fisher 精确检验单侧 p = "
          "{:.2g}（阈值 "
          "{}"
          "），如此高的合格率偶然出现的可能很小：提示“包过班”或考试作弊，须调取试卷和考试录像核实，不单独作为违法认定",
          code, subject_name, ModeZh(mode), n.passed, n.sat, 100.0 * *f.measured, rest_passed, rest_sat,
          100.0 * *f.required, p, policy.pass_rate_p_value);
      f.summary_en = fmt::format(
          "Candidates of {} passed the {} {} exam {}/{} ({:.0f}%), the rest of the city {}/{} ({:.0f}%); Fisher's "
          "exact test, one-sided, p = {:.2g} (threshold {}): a signal to check, not proof",
          code, subject_name, ModeEn(mode), n.passed, n.sat, 100.0 * *f.measured, rest_passed, rest_sat,
          100.0 * *f.required, p, policy.pass_rate_p_value);
      f.rows = n.rows;
      SortRows(&f.rows);
      out->push_back(std::move(f));
    }
  }
}

void DoubleSittingRule(const Series& series, std::vector<Finding>* out) {
  for (const auto& [key, list] : series) {
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size() && list[j]->date == list[i]->date; ++j) {
        const Sitting& a = *list[i];
        const Sitting& b = *list[j];
        if (a.candidate->institution == b.candidate->institution) continue;
        if (!AppliesOn(RuleId::kExmDoubleSitting, a.date)) continue;
        const Candidate& c = *a.candidate;
        Finding f = NewFinding(
            RuleId::kExmDoubleSitting, c.institution,
            fmt::format("person={};date={};other={}", c.candidate_id, FormatDate(a.date), b.candidate->institution),
            a.date);
        f.session_id = c.session_id;
        f.trainee_id = c.candidate_id;
        f.people = {c.candidate_id};
        f.start = a.start;
        f.summary_zh = fmt::format(
            "考生 {} {} 同日在两个考点参加{}{}考试：{} 与 {}；同一考试一人只能在一处参加，提示替考或考试数据造假",
            c.candidate_id, c.name, SubjectName(a.category, a.job_type), ModeZh(a.mode), Where(a), Where(b));
        f.summary_en =
            fmt::format("Candidate {} sat the {} {} exam twice on {}: at {} session {} and at {} session {}",
                        c.candidate_id, SubjectName(a.category, a.job_type), ModeEn(a.mode), FormatDate(a.date),
                        c.institution, c.session_id, b.candidate->institution, b.candidate->session_id);
        f.rows = RowsOf(a);
        for (const auto& r : RowsOf(b)) f.rows.push_back(r);
        SortRows(&f.rows);
        out->push_back(std::move(f));
      }
    }
  }
}

}  // namespace

std::vector<Finding> DetectExamResultRules(const DetectorInput& input) {
  const std::vector<Sitting> sittings = CollectSittings(input.model);
  const Series series = SeriesOf(sittings);
  const auto completed = CompletedClassesByPerson(input.model);
  std::vector<Finding> out;
  ResitRule(series, completed, &out);
  PracticalRule(series, input.policy, &out);
  FastRule(sittings, input.policy, &out);
  PassRateRule(sittings, input.policy, &out);
  DoubleSittingRule(series, &out);
  return MergeSameFacts(std::move(out));
}

}  // namespace xk
