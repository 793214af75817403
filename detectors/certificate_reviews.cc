// CRT-REVIEW-OVERDUE and CRT-REVIEW-UNBACKED (see certificates.h): 令第30号 Art. 21 and 23.
#include <fmt/format.h>

#include <map>

#include "detectors/certificates.h"
#include "detectors/exam_sittings.h"
#include "detectors/hours.h"
#include "detectors/rule_table.h"

namespace xk {

namespace {

void Overdue(const DetectorInput& input, const Certificate& c, std::vector<Finding>* out) {
  if (!input.audit_date || c.status != CertificateStatus::kValid) return;
  const Date anchor = c.last_review ? *c.last_review : c.issue_date;
  const int years = c.review_extended ? input.policy.review_years_extended : input.policy.review_years;
  const Date due = AddYears(anchor, years);
  // Past its validity before the review fell due: expired, not overdue for review.
  if (c.valid_until && *c.valid_until <= due) return;
  if (*input.audit_date <= due || !AppliesOn(RuleId::kCrtReviewOverdue, due)) return;
  Finding f = NewFinding(RuleId::kCrtReviewOverdue, kCertificateRegister,
                         fmt::format("cert={};due={}", c.cert_no, FormatDate(due)), due);
  f.trainee_id = c.holder_id;
  f.people = {c.holder_id};
  f.rows = {c.source};
  f.measured = static_cast<double>(input.audit_date->days - anchor.days);
  f.required = static_cast<double>(due.days - anchor.days);
  f.unit = "日";
  f.summary_zh = fmt::format(
      "特种作业操作证 {}（{}，持证人 {} {}）{} {}，应每 {} 年复审{}，应于 {} 前复审；至审查日 {} "
      "未见复审记录，证书台账仍记为有效"
      "（按令第30号第二十六条，未按期复审的证书失效）",
      c.cert_no, c.job_type, c.holder_id, c.name, c.last_review ? "最近复审" : "发证", FormatDate(anchor), years,
      c.review_extended ? "（已批准延期复审）" : "", FormatDate(due), FormatDate(*input.audit_date));
  f.summary_en = fmt::format(
      "Special-operations certificate {} of {}: {} {}, review every {} years, due {}; no review by {} and the register "
      "still lists it as valid",
      c.cert_no, c.holder_id, c.last_review ? "last reviewed" : "issued", FormatDate(anchor), years, FormatDate(due),
      FormatDate(*input.audit_date));
  out->push_back(std::move(f));
}

void Unbacked(const DetectorInput& input, const Certificate& c, std::optional<Date> first_class,
              const std::multimap<std::string, CompletedClass>& completed,
              const std::map<const TrainingClass*, double>& credited, std::vector<Finding>* out) {
  if (!c.last_review || !first_class || *c.last_review < *first_class) return;  // before the records
  if (!AppliesOn(RuleId::kCrtReviewUnbacked, *c.last_review)) return;
  double best = 0;
  const TrainingClass* best_class = nullptr;
  const Trainee* best_row = nullptr;
  auto [first, last] = completed.equal_range(PersonKey(c.holder_id));
  for (auto it = first; it != last; ++it) {
    const TrainingClass& cls = *it->second.training_class;
    if (cls.cycle == Cycle::kInitial || !ClassFits(cls, Category::kSpecialOperation, c.job_type)) continue;
    if (cls.end_date > *c.last_review || cls.end_date <= c.issue_date) continue;
    auto hours = credited.find(&cls);
    const double h = hours == credited.end() ? 0 : hours->second;
    if (!best_class || h > best) {
      best = h;
      best_class = &cls;
      best_row = it->second.trainee;
    }
  }
  if (best_class && best >= input.policy.review_min_hours) return;
  Finding f = NewFinding(RuleId::kCrtReviewUnbacked, kCertificateRegister,
                         fmt::format("cert={};review={}", c.cert_no, FormatDate(*c.last_review)), *c.last_review);
  f.trainee_id = c.holder_id;
  f.people = {c.holder_id};
  f.rows = {c.source};
  f.measured = best;
  f.required = input.policy.review_min_hours;
  f.unit = "学时";
  const std::string found =
      best_class ? fmt::format("只有 {} 班级 {}（{} 结业）的复审培训，课程表支持 {:.2f} 学时", best_class->institution,
                               best_class->class_id, FormatDate(best_class->end_date), best)
                 : std::string("档案中没有该持证人在发证后、复审前结业的复审培训班");
  f.summary_zh = fmt::format(
      "特种作业操作证 {}（{}，持证人 {} {}）于 {} 复审，复审前须参加不少于 {} 学时的安全培训；{}", c.cert_no,
      c.job_type, c.holder_id, c.name, FormatDate(*c.last_review), input.policy.review_min_hours, found);
  f.summary_en = fmt::format(
      "Certificate {} of {} was reviewed on {} without a completed review class of at least {} hours in the records "
      "(best found: {:.2f})",
      c.cert_no, c.holder_id, FormatDate(*c.last_review), input.policy.review_min_hours, best);
  if (best_class) {
    f.class_id = best_class->class_id;
    f.rows.push_back(best_class->source);
    f.rows.push_back(best_row->source);
  }
  SortRows(&f.rows);
  out->push_back(std::move(f));
}

}  // namespace

std::vector<Finding> DetectCertificateReviews(const DetectorInput& input) {
  std::vector<Finding> out;
  std::optional<Date> first_class;
  for (const auto& c : input.model.classes)
    first_class = first_class ? std::min(*first_class, c.start_date) : c.start_date;
  const auto completed = CompletedClassesByPerson(input.model);
  std::map<const TrainingClass*, double> credited;
  bool any_review = false;
  for (const Certificate& c : input.model.certificates) any_review = any_review || c.last_review.has_value();
  if (any_review) {
    for (const ClassHours& h : ComputeClassHours(input)) credited[h.training_class] = h.credited;
  }
  for (const Certificate& c : input.model.certificates) {
    if (c.kind != CertificateKind::kSpecialOperation) continue;  // 令第30号 reviews special operations
    Overdue(input, c, &out);
    Unbacked(input, c, first_class, completed, credited, &out);
  }
  return out;
}

}  // namespace xk
