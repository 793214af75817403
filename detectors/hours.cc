#include "detectors/hours.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "detectors/hours_math.h"
#include "detectors/rule_table.h"
#include "records/enum_names.h"

namespace xk {

namespace {

std::string ClassSubject(const TrainingClass& c) { return "class:" + c.class_id; }

std::string ClassLabel(const TrainingClass& c) {
  std::string label = fmt::format("{}（{}", c.class_id, ChineseName(c.category));
  if (!c.industry.empty()) label += "，" + c.industry;
  if (!c.job_type.empty()) label += "，" + c.job_type;
  label += fmt::format("，{}）", ChineseName(c.cycle));
  return label;
}

// A finding about a class, judged and cited as of the day the class started.
Finding ClassFinding(const ClassHours& h, RuleId rule) {
  const TrainingClass& c = *h.training_class;
  Finding f = NewFinding(rule, c.institution, ClassSubject(c), c.start_date);
  f.class_id = c.class_id;
  f.unit = "学时";
  f.rows.push_back(c.source);
  return f;
}

void AddSessionRows(Finding* f, const std::vector<const TrainingSession*>& sessions) {
  for (const auto* s : sessions) f->rows.push_back(s->source);
}

std::string SessionList(const std::vector<const TrainingSession*>& sessions, size_t limit = 6) {
  std::string out;
  for (size_t i = 0; i < sessions.size() && i < limit; ++i) {
    out += (i ? "、" : "") + sessions[i]->session_id;
  }
  if (sessions.size() > limit) out += fmt::format(" 等{}个课次", sessions.size());
  return out;
}

}  // namespace

std::vector<ClassHours> ComputeClassHours(const DetectorInput& input) {
  const AuditPolicy& policy = input.policy;
  std::unordered_map<std::string, size_t> index;  // institution \t class_id -> position
  std::vector<ClassHours> result;
  result.reserve(input.model.classes.size());
  for (const auto& c : input.model.classes) {
    std::string key = c.institution + "\t" + c.class_id;
    if (index.count(key)) continue;  // duplicate class ids: the first row counts
    index[key] = result.size();
    ClassHours h;
    h.training_class = &c;
    h.requirement = input.syllabus.Lookup(c);
    result.push_back(std::move(h));
  }
  for (const auto& s : input.model.sessions) {
    auto it = index.find(s.institution + "\t" + s.class_id);
    if (it == index.end()) continue;
    ClassHours& h = result[it->second];
    h.sessions.push_back(&s);
    double backed = BackedHours(s, policy);
    h.backed += backed;
    h.credited += CreditedHours(s, policy);
    if (s.mode == SessionMode::kPractical) h.practical += backed;
    if (s.mode == SessionMode::kTheory) h.offline_theory += backed;
    if (s.mode == SessionMode::kOnline) h.online += backed;
    if (IsMockExamTime(s)) {
      h.mock += HoursFromSeconds(s.end - s.start, SessionMode::kTheory, policy);
      bool counted = s.mode != SessionMode::kMockExam || (s.claimed_hours && *s.claimed_hours > 0);
      if (counted) h.mock_sessions.push_back(&s);
    }
  }
  for (auto& h : result) {
    std::sort(h.sessions.begin(), h.sessions.end(),
              [](const TrainingSession* a, const TrainingSession* b) { return a->start < b->start; });
  }
  return result;
}

std::vector<Finding> DetectHoursRules(const DetectorInput& input) {
  const AuditPolicy& policy = input.policy;
  std::vector<Finding> findings;
  for (const ClassHours& h : ComputeClassHours(input)) {
    const TrainingClass& c = *h.training_class;
    const std::string label = ClassLabel(c);

    if (h.requirement) {
      const SyllabusRequirement& req = *h.requirement;
      const std::string basis_source = "；培训大纲最低学时依据：" + req.source;

      if (c.declared_hours && *c.declared_hours < req.total_hours) {
        Finding f = ClassFinding(h, RuleId::kTrnPlanHours);
        f.measured = *c.declared_hours;
        f.required = req.total_hours;
        f.summary_zh = fmt::format("培训班 {} 申报 {} 学时，低于培训大纲要求的 {} 学时", label,
                                   FormatHours(*c.declared_hours), FormatHours(req.total_hours));
        f.summary_en = fmt::format("class {} declares {} hours, below the syllabus minimum of {}", c.class_id,
                                   FormatHours(*c.declared_hours), FormatHours(req.total_hours));
        f.basis += basis_source;
        findings.push_back(std::move(f));
      }

      if (!h.sessions.empty() && h.credited + 1e-9 < req.total_hours - policy.hours_short_tolerance) {
        Finding f = ClassFinding(h, RuleId::kTrnHoursShort);
        f.measured = h.credited;
        f.required = req.total_hours;
        std::string declared = c.declared_hours ? FormatHours(*c.declared_hours) : "未申报";
        f.summary_zh = fmt::format(
            "培训班 {} 压缩学时：大纲要求 {} 学时，申报 {}，课程表时间实际支持 {} 学时（理论 {}、实操 {}、线上 {}；"
            "模拟考试 {} 学时不计入）",
            label, FormatHours(req.total_hours), declared, FormatHours(h.credited), FormatHours(h.offline_theory),
            FormatHours(h.practical), FormatHours(h.online), FormatHours(h.mock));
        f.summary_en = fmt::format(
            "class {}: compressed hours: the syllabus requires {}, declared {}, the timetable backs {} "
            "(mock-exam time of {} not counted)",
            c.class_id, FormatHours(req.total_hours), declared, FormatHours(h.credited), FormatHours(h.mock));
        f.basis += basis_source;
        AddSessionRows(&f, h.sessions);
        if (!h.sessions.empty()) {
          f.start = h.sessions.front()->start;
          f.end = h.sessions.back()->end;
        }
        findings.push_back(std::move(f));
      }

      if (req.practical_hours && !h.sessions.empty() && h.practical + 1e-9 < *req.practical_hours) {
        Finding f = ClassFinding(h, RuleId::kTrnPracticalShort);
        f.measured = h.practical;
        f.required = *req.practical_hours;
        f.summary_zh = fmt::format("培训班 {} 实操流于形式：大纲要求实操 {} 学时，课程表仅支持 {} 学时", label,
                                   FormatHours(*req.practical_hours), FormatHours(h.practical));
        f.summary_en = fmt::format("class {}: practical training backs {} of the {} hours required", c.class_id,
                                   FormatHours(h.practical), FormatHours(*req.practical_hours));
        f.basis += basis_source;
        std::vector<const TrainingSession*> practical;
        for (const auto* s : h.sessions) {
          if (s->mode == SessionMode::kPractical) practical.push_back(s);
        }
        AddSessionRows(&f, practical);
        findings.push_back(std::move(f));
      }

      if (req.theory_hours && !h.sessions.empty() && AppliesOn(RuleId::kTrnOfflineTheoryShort, c.start_date)) {
        double minimum = *req.theory_hours * policy.offline_theory_share;
        if (h.offline_theory + 1e-9 < minimum) {
          Finding f = ClassFinding(h, RuleId::kTrnOfflineTheoryShort);
          f.measured = h.offline_theory;
          f.required = minimum;
          f.summary_zh = fmt::format("培训班 {} 线下理论仅 {} 学时，低于大纲理论 {} 学时的 {:.0f}%（{} 学时）", label,
                                     FormatHours(h.offline_theory), FormatHours(*req.theory_hours),
                                     policy.offline_theory_share * 100, FormatHours(minimum));
          f.summary_en = fmt::format(
              "class {}: offline theory of {} hours is below {:.0f}% of the syllabus theory hours ({})", c.class_id,
              FormatHours(h.offline_theory), policy.offline_theory_share * 100, FormatHours(minimum));
          f.basis += basis_source;
          findings.push_back(std::move(f));
        }
      }

      // TRN-SPAN-SHORT: the calendar cannot hold the hours at the daily cap.
      double days = c.end_date.days - c.start_date.days + 1;
      if (days * policy.daily_cap_hours + 1e-9 < req.total_hours) {
        Finding f = ClassFinding(h, RuleId::kTrnSpanShort);
        f.subject = ClassSubject(c) + "|span";
        f.measured = days * policy.daily_cap_hours;
        f.required = req.total_hours;
        f.summary_zh = fmt::format(
            "培训班 {} 自 {} 至 {} 共 {:.0f} 天，按每日最多 {} 学时计至多 {} 学时，不足大纲要求的 {} 学时", label,
            FormatDate(c.start_date), FormatDate(c.end_date), days, FormatHours(policy.daily_cap_hours),
            FormatHours(days * policy.daily_cap_hours), FormatHours(req.total_hours));
        f.summary_en = fmt::format(
            "class {} runs {:.0f} day(s) ({} to {}): at most {} hours at {} a day, below the {} required", c.class_id,
            days, FormatDate(c.start_date), FormatDate(c.end_date), FormatHours(days * policy.daily_cap_hours),
            FormatHours(policy.daily_cap_hours), FormatHours(req.total_hours));
        f.basis += basis_source;
        findings.push_back(std::move(f));
      }
    }

    // TRN-HOURS-OVERCLAIM: declared hours, or per-session claims, beyond what the times hold.
    if (c.declared_hours && !h.sessions.empty() &&
        *c.declared_hours > h.backed + policy.overclaim_tolerance_hours + 1e-9) {
      Finding f = ClassFinding(h, RuleId::kTrnHoursOverclaim);
      f.subject = ClassSubject(c) + "|declared";
      f.measured = h.backed;
      f.required = *c.declared_hours;
      f.summary_zh =
          fmt::format("培训班 {} 申报 {} 学时，但课程表的起止时间只支持 {} 学时，多报 {} 学时", label,
                      FormatHours(*c.declared_hours), FormatHours(h.backed), FormatHours(*c.declared_hours - h.backed));
      f.summary_en = fmt::format("class {} declares {} hours but its timetable times hold only {}", c.class_id,
                                 FormatHours(*c.declared_hours), FormatHours(h.backed));
      AddSessionRows(&f, h.sessions);
      findings.push_back(std::move(f));
    }
    std::vector<const TrainingSession*> over;  // sessions claiming more than their times hold
    for (const auto* s : h.sessions) {
      // Mock-exam time claimed as hours is TRN-MOCK-SUBSTITUTION, not counted twice.
      if (IsTeachingTime(*s) && s->claimed_hours &&
          *s->claimed_hours > BackedHours(*s, policy) + policy.overclaim_tolerance_hours + 1e-9) {
        over.push_back(s);
      }
    }
    if (!over.empty()) {
      double claimed = 0, backed = 0;
      for (const auto* s : over) {
        claimed += *s->claimed_hours;
        backed += BackedHours(*s, policy);
      }
      Finding f = ClassFinding(h, RuleId::kTrnHoursOverclaim);
      f.subject = ClassSubject(c) + "|sessions";
      f.measured = backed;
      f.required = claimed;
      f.summary_zh = fmt::format("培训班 {} 有 {} 个课次（{}）记载 {} 学时，按起止时间只支持 {} 学时", label,
                                 over.size(), SessionList(over), FormatHours(claimed), FormatHours(backed));
      f.summary_en = fmt::format("class {}: {} session(s) claim {} hours where their times hold {}", c.class_id,
                                 over.size(), FormatHours(claimed), FormatHours(backed));
      AddSessionRows(&f, over);
      findings.push_back(std::move(f));
    }

    if (!h.mock_sessions.empty()) {
      Finding f = ClassFinding(h, RuleId::kTrnMockSubstitution);
      double mock_hours = 0;
      for (const auto* s : h.mock_sessions)
        mock_hours += HoursFromSeconds(s->end - s->start, SessionMode::kTheory, policy);
      f.measured = mock_hours;
      f.required = 0;
      f.summary_zh =
          fmt::format("培训班 {} 以模拟考试/刷题代替理论培训：{} 个课次（{}）共 {} 学时作为授课学时记载（如“{}”）",
                      label, h.mock_sessions.size(), SessionList(h.mock_sessions), FormatHours(mock_hours),
                      h.mock_sessions.front()->topic.empty() ? ChineseName(h.mock_sessions.front()->mode)
                                                             : h.mock_sessions.front()->topic);
      f.summary_en =
          fmt::format("class {}: {} session(s) of mock exams or question drilling ({} hours) recorded as teaching",
                      c.class_id, h.mock_sessions.size(), FormatHours(mock_hours));
      AddSessionRows(&f, h.mock_sessions);
      findings.push_back(std::move(f));
    }

    // TRN-DAILY-OVERLOAD: per local day, credited hours over the cap or teaching at night.
    std::map<int32_t, std::vector<const TrainingSession*>> by_day;
    for (const auto* s : h.sessions) by_day[LocalDate(s->start, policy.zone).days].push_back(s);
    for (const auto& [day, sessions] : by_day) {
      double credited = 0;
      std::vector<const TrainingSession*> odd_hours;
      for (const auto* s : sessions) {
        credited += CreditedHours(*s, policy);
        if (!IsTeachingTime(*s)) continue;
        int start_minute = LocalSecondOfDay(s->start, policy.zone) / 60;
        int end_minute = start_minute + static_cast<int>((s->end - s->start) / 60);
        if (start_minute < policy.day_earliest_minute || end_minute > policy.day_latest_minute) {
          odd_hours.push_back(s);
        }
      }
      bool overloaded = credited > policy.daily_cap_hours + 1e-9;
      if (!overloaded && odd_hours.empty()) continue;
      Finding f = ClassFinding(h, RuleId::kTrnDailyOverload);
      f.subject = ClassSubject(c) + "|day:" + FormatDate(Date{day});
      f.measured = credited;
      f.required = policy.daily_cap_hours;
      f.start = sessions.front()->start;
      f.end = sessions.back()->end;
      std::string odd_text =
          odd_hours.empty()
              ? ""
              : fmt::format("；{} 个课次（{}）在 {:02d}:{:02d}–{:02d}:{:02d} 之外授课", odd_hours.size(),
                            SessionList(odd_hours), policy.day_earliest_minute / 60, policy.day_earliest_minute % 60,
                            policy.day_latest_minute / 60, policy.day_latest_minute % 60);
      f.summary_zh = fmt::format("培训班 {} 在 {} 一天内记载 {} 学时（上限 {} 学时）{}", label, FormatDate(Date{day}),
                                 FormatHours(credited), FormatHours(policy.daily_cap_hours), odd_text);
      f.summary_en = fmt::format("class {} records {} hours on {} (cap {}){}", c.class_id, FormatHours(credited),
                                 FormatDate(Date{day}), FormatHours(policy.daily_cap_hours),
                                 odd_hours.empty() ? "" : "; sessions outside plausible teaching hours");
      AddSessionRows(&f, sessions);
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace xk
