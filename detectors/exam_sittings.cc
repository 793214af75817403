#include "detectors/exam_sittings.h"

#include <algorithm>
#include <tuple>

#include "records/enum_names.h"
#include "records/resident_id.h"

namespace xk {

std::string SubjectKey(std::optional<Category> category, const std::string& job_type) {
  if (!job_type.empty()) return std::string(Token(Category::kSpecialOperation)) + "/" + job_type;
  return category ? Token(*category) : "";
}

std::string SubjectName(std::optional<Category> category, const std::string& job_type) {
  if (!job_type.empty()) return job_type;
  return category ? ChineseName(*category) : "未知科目";
}

std::vector<Sitting> CollectSittings(const ArchiveModel& model) {
  std::map<std::pair<std::string, std::string>, const ExamSession*> held;
  for (const auto& s : model.exam_sessions) held.emplace(std::make_pair(s.institution, s.session_id), &s);
  std::map<std::pair<std::string, std::string>, const ExamPlanEntry*> planned;
  for (const auto& p : model.exam_plan) planned.emplace(std::make_pair(p.institution, p.session_id), &p);
  std::map<std::pair<std::string, std::string>, const TrainingClass*> classes;
  for (const auto& c : model.classes) classes.emplace(std::make_pair(c.institution, c.class_id), &c);

  std::vector<Sitting> out;
  for (const auto& c : model.candidates) {
    Sitting s;
    s.candidate = &c;
    if (!IsSpreadsheetNumber(c.candidate_id)) s.person = PersonKey(c.candidate_id);
    const auto key = std::make_pair(c.institution, c.session_id);
    auto h = held.find(key);
    auto p = planned.find(key);
    if (h != held.end()) {
      s.date = h->second->date;
      s.start = h->second->start;
      s.mode = h->second->mode;
      s.session_row = h->second->source;
    } else if (p != planned.end()) {
      s.date = p->second->date;
      s.start = p->second->start;
      s.session_row = p->second->source;
    } else {
      continue;
    }
    if (!s.mode && p != planned.end()) s.mode = p->second->mode;
    s.category = c.category;
    s.job_type = c.job_type;
    if (!s.category || s.job_type.empty()) {
      auto cls = classes.find(std::make_pair(c.training_institution, c.class_id));
      if (cls != classes.end()) {
        if (!s.category) s.category = cls->second->category;
        if (s.job_type.empty()) s.job_type = cls->second->job_type;
      }
    }
    if (s.category && *s.category != Category::kSpecialOperation) s.job_type.clear();
    s.subject = SubjectKey(s.category, s.job_type);
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const Sitting& a, const Sitting& b) {
    return std::tie(a.person, a.start, a.candidate->institution) <
           std::tie(b.person, b.start, b.candidate->institution);
  });
  return out;
}

std::multimap<std::string, CompletedClass> CompletedClassesByPerson(const ArchiveModel& model) {
  std::map<std::pair<std::string, std::string>, const TrainingClass*> classes;
  for (const auto& c : model.classes) classes.emplace(std::make_pair(c.institution, c.class_id), &c);
  std::multimap<std::string, CompletedClass> out;
  for (const auto& t : model.trainees) {
    if (!t.completed) continue;
    auto cls = classes.find(std::make_pair(t.institution, t.class_id));
    if (cls == classes.end()) continue;
    out.emplace(PersonKey(t.trainee_id), CompletedClass{cls->second, &t});
  }
  return out;
}

bool ClassFits(const TrainingClass& c, std::optional<Category> category, const std::string& job_type) {
  if (category && c.category != *category) return false;
  if (!job_type.empty() && !c.job_type.empty() && c.job_type != job_type) return false;
  return category.has_value() || !job_type.empty();
}

}  // namespace xk
