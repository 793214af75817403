#include "detectors/certificates.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "detectors/exam_sittings.h"
#include "detectors/rule_table.h"
#include "records/enum_names.h"
#include "records/resident_id.h"

namespace xk {

namespace {

std::optional<Category> CategoryOf(const Certificate& c) {
  if (c.kind == CertificateKind::kSpecialOperation) return Category::kSpecialOperation;
  return c.category;  // principal or safety manager; unknown when the register does not say
}

// Whether sitting `s` is an exam for certificate `c`.
bool ExamFits(const Sitting& s, const Certificate& c) {
  if (c.kind == CertificateKind::kSpecialOperation) {
    return s.category == Category::kSpecialOperation && (c.job_type.empty() || s.job_type == c.job_type);
  }
  if (!s.category || (*s.category != Category::kPrincipal && *s.category != Category::kSafetyManager)) return false;
  return !c.category || *c.category == *s.category;
}

std::string Subject(const Certificate& c, const char* problem) {
  return fmt::format("cert={};problem={}", c.cert_no, problem);
}

Finding CertificateFinding(RuleId id, const Certificate& c, const char* problem, Date conduct) {
  Finding f = NewFinding(id, kCertificateRegister, Subject(c, problem), conduct);
  f.trainee_id = c.holder_id;
  f.people = {c.holder_id};
  f.rows = {c.source};
  return f;
}

void ExamAndTraining(const DetectorInput& input, std::vector<Finding>* out) {
  const auto sittings = CollectSittings(input.model);
  if (sittings.empty()) return;  // no exam records: nothing to hold the register against
  Date first_exam = sittings.front().date;
  for (const auto& s : sittings) first_exam = std::min(first_exam, s.date);
  std::optional<Date> first_class;
  for (const auto& c : input.model.classes)
    first_class = first_class ? std::min(*first_class, c.start_date) : c.start_date;
  std::multimap<std::string, const Sitting*> by_person;
  for (const auto& s : sittings) {
    if (!s.person.empty()) by_person.emplace(s.person, &s);
  }
  const auto completed = CompletedClassesByPerson(input.model);

  for (const Certificate& c : input.model.certificates) {
    if (c.issue_date < first_exam) continue;  // its exam may predate the records
    const std::string person = PersonKey(c.holder_id);
    const Sitting* theory = nullptr;
    const Sitting* practical = nullptr;
    auto [first, last] = by_person.equal_range(person);
    for (auto it = first; it != last; ++it) {
      const Sitting& s = *it->second;
      const bool passed = s.candidate->passed ? *s.candidate->passed
                                              : (s.candidate->score && *s.candidate->score >= input.policy.pass_mark);
      if (!passed || s.date > c.issue_date || !ExamFits(s, c)) continue;
      if (s.mode == ExamMode::kPractical) {
        if (!practical) practical = &s;
      } else if (!theory) {
        theory = &s;
      }
    }
    const bool special = c.kind == CertificateKind::kSpecialOperation;
    const char* kind_zh = ChineseName(c.kind);
    if ((!theory || (special && !practical)) && AppliesOn(RuleId::kCrtNoExam, c.issue_date)) {
      Finding f = CertificateFinding(RuleId::kCrtNoExam, c, "no_exam", c.issue_date);
      const std::string missing = !theory && special && !practical ? "理论和实操考试"
                                  : !theory                        ? "理论（知识）考试"
                                                                   : "实操考试";
      f.summary_zh = fmt::format(
          "证书 {}（{}，持证人 {} {}{}）发证日期 {}，此前档案中没有该持证人{}合格的记录；{}须考试合格后发证", c.cert_no,
          kind_zh, c.holder_id, c.name, c.job_type.empty() ? "" : "，" + c.job_type, FormatDate(c.issue_date), missing,
          kind_zh);
      f.summary_en =
          fmt::format("Certificate {} of {} issued {}: no passed {} exam of the holder before it in the records",
                      c.cert_no, c.holder_id, FormatDate(c.issue_date),
                      !theory && special && !practical ? "theory and practical"
                      : !theory                        ? "theory"
                                                       : "practical");
      if (theory) f.rows.push_back(theory->candidate->source);
      if (practical) f.rows.push_back(practical->candidate->source);
      SortRows(&f.rows);
      out->push_back(std::move(f));
    }
    // Training before the exam (the first passed exam found; else the issue date).
    const Sitting* exam = theory && practical ? (theory->start < practical->start ? theory : practical)
                          : theory            ? theory
                                              : practical;
    const Date before = exam ? exam->date : c.issue_date;
    if (!first_class || before < *first_class) continue;  // the training may predate the records
    bool trained = false;
    auto [cfirst, clast] = completed.equal_range(person);
    for (auto it = cfirst; it != clast; ++it) {
      const TrainingClass& cls = *it->second.training_class;
      if (ClassFits(cls, CategoryOf(c), c.kind == CertificateKind::kSpecialOperation ? c.job_type : "") &&
          cls.end_date <= before)
        trained = true;
    }
    if (c.kind == CertificateKind::kSafetyQualification && !c.category) {
      for (auto it = cfirst; it != clast; ++it) {
        const TrainingClass& cls = *it->second.training_class;
        if ((cls.category == Category::kPrincipal || cls.category == Category::kSafetyManager) &&
            cls.end_date <= before)
          trained = true;
      }
    }
    if (trained || !AppliesOn(RuleId::kCrtNoTraining, before)) continue;
    Finding f = CertificateFinding(RuleId::kCrtNoTraining, c, "no_training", before);
    f.summary_zh =
        fmt::format("证书 {}（{}，持证人 {} {}）：{} 之前档案中没有该持证人{}培训结业的记录{}", c.cert_no, kind_zh,
                    c.holder_id, c.name, FormatDate(before),
                    c.job_type.empty() ? (CategoryOf(c) ? ChineseName(*CategoryOf(c)) : "相应类别") : c.job_type,
                    exam ? fmt::format("（{} 考试 {} 场次 {}）", FormatDate(exam->date), exam->candidate->institution,
                                       exam->candidate->session_id)
                         : "（发证日期）");
    f.summary_en = fmt::format("Certificate {} of {}: no completed class of the category before {} in the records",
                               c.cert_no, c.holder_id, FormatDate(before));
    if (exam) f.rows.push_back(exam->candidate->source);
    SortRows(&f.rows);
    out->push_back(std::move(f));
  }
}

void HolderData(const DetectorInput& input, std::vector<Finding>* out) {
  for (const Certificate& c : input.model.certificates) {
    if (!AppliesOn(RuleId::kCrtHolderData, c.issue_date)) continue;
    const IdCheck check = CheckResidentId(c.holder_id);
    if (!check.valid) {
      Finding f = CertificateFinding(RuleId::kCrtHolderData, c, "id", c.issue_date);
      f.summary_zh = fmt::format("证书 {} 持证人身份证号“{}”无效：{}", c.cert_no, c.holder_id, check.problem_zh);
      f.summary_en =
          fmt::format("Certificate {}: holder ID \"{}\" is invalid: {}", c.cert_no, c.holder_id, check.problem_en);
      out->push_back(std::move(f));
    }
    if (c.kind == CertificateKind::kSpecialOperation && PersonKey(c.cert_no) != "T" + PersonKey(c.holder_id)) {
      Finding f = CertificateFinding(RuleId::kCrtHolderData, c, "number", c.issue_date);
      f.summary_zh = fmt::format("特种作业操作证编号“{}”不是“T”加持证人身份证号（应为 T{}）", c.cert_no, c.holder_id);
      f.summary_en = fmt::format("Special-operations certificate number \"{}\" is not T + the holder's ID (T{})",
                                 c.cert_no, c.holder_id);
      out->push_back(std::move(f));
    }
    if (!check.valid) continue;
    const std::string id = PersonKey(c.holder_id);
    const Date born = DateFromYmd(std::stoi(id.substr(6, 4)), std::stoi(id.substr(10, 2)), std::stoi(id.substr(12, 2)));
    const Date adult = AddYears(born, input.policy.min_holder_age);
    if (c.issue_date >= adult) continue;
    Finding f = CertificateFinding(RuleId::kCrtHolderData, c, "age", c.issue_date);
    f.summary_zh = fmt::format("证书 {} 发证日期 {}，持证人 {} 生于 {}，发证时未满 {} 周岁", c.cert_no,
                               FormatDate(c.issue_date), c.holder_id, FormatDate(born), input.policy.min_holder_age);
    f.summary_en = fmt::format("Certificate {} issued {} to {} born {}: under {} at issue", c.cert_no,
                               FormatDate(c.issue_date), c.holder_id, FormatDate(born), input.policy.min_holder_age);
    out->push_back(std::move(f));
  }
}

void Duplicates(const DetectorInput& input, std::vector<Finding>* out) {
  std::map<std::string, std::vector<const Certificate*>> by_job;
  for (const Certificate& c : input.model.certificates) {
    if (c.status != CertificateStatus::kValid) continue;
    const std::string job = c.kind == CertificateKind::kSpecialOperation
                                ? c.job_type
                                : std::string(CategoryOf(c) ? Token(*CategoryOf(c)) : "safety_qualification");
    by_job[PersonKey(c.holder_id) + "|" + std::string(ChineseName(c.kind)) + "|" + job].push_back(&c);
  }
  for (const auto& [key, certs] : by_job) {
    if (certs.size() < 2) continue;
    const Certificate& first = *certs.front();
    Date latest = first.issue_date;
    std::string numbers;
    Finding f =
        NewFinding(RuleId::kCrtDuplicate, kCertificateRegister,
                   fmt::format("holder={};job={}", first.holder_id, key.substr(key.rfind('|') + 1)), std::nullopt);
    for (const Certificate* c : certs) {
      latest = std::max(latest, c->issue_date);
      numbers += (numbers.empty() ? "" : "、") + c->cert_no + "（" + FormatDate(c->issue_date) + "）";
      f.rows.push_back(c->source);
    }
    if (!AppliesOn(RuleId::kCrtDuplicate, latest)) continue;
    f.basis = CitationInForce(RuleId::kCrtDuplicate, latest);
    f.trainee_id = first.holder_id;
    f.people = {first.holder_id};
    f.measured = static_cast<double>(certs.size());
    f.required = 1;
    f.unit = "张";
    const std::string job = first.job_type.empty() ? ChineseName(first.kind) : first.job_type;
    f.summary_zh = fmt::format("持证人 {} {} 同时持有 {} 张有效的{}证书：{}", first.holder_id, first.name, certs.size(),
                               job, numbers);
    f.summary_en = fmt::format("{} holds {} valid certificates for {}", first.holder_id, certs.size(), job);
    SortRows(&f.rows);
    out->push_back(std::move(f));
  }
}

}  // namespace

Date AddYears(Date date, int years) {
  int y, m, d;
  YmdFromDate(date, &y, &m, &d);
  if (m == 2 && d == 29 && !IsValidYmd(y + years, 2, 29)) d = 28;
  return DateFromYmd(y + years, m, d);
}

std::vector<Finding> DetectCertificateRules(const DetectorInput& input) {
  std::vector<Finding> out;
  ExamAndTraining(input, &out);
  HolderData(input, &out);
  Duplicates(input, &out);
  auto reviews = DetectCertificateReviews(input);
  out.insert(out.end(), reviews.begin(), reviews.end());
  return MergeSameFacts(std::move(out));
}

}  // namespace xk
