#include "src/person/person_chain.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "detectors/hours_math.h"

namespace xk {
namespace {

using ClassKey = std::pair<std::string, std::string>;  // institution and class (or exam session) id

// Where each person's classes are in their chain, and the model's lookups the chains need.
class ChainBuilder {
 public:
  ChainBuilder(const ArchiveModel& model, const AuditPolicy& policy, const Syllabus& syllabus,
               const std::set<std::string>& keys)
      : model_(model), policy_(policy), syllabus_(syllabus) {
    for (const std::string& key : keys) chains_[key].key = key;
  }

  std::map<std::string, PersonChain> Build() {
    for (const Trainee& row : model_.trainees) {
      if (PersonChain* chain = Find(row.trainee_id)) {
        PersonClass& entry = ClassOf(*chain, row.institution, row.class_id);
        if (!entry.roster_row) entry.roster_row = &row;
        NameIfNone(chain, row.name);
      }
    }
    for (const Attendance& row : model_.attendance) {
      if (PersonChain* chain = Find(row.trainee_id)) SignIn(ClassOf(*chain, row.institution, row.class_id), row);
    }
    for (const Candidate& row : model_.candidates) {
      if (PersonChain* chain = Find(row.candidate_id)) {
        chain->exams.push_back(Exam(row));
        NameIfNone(chain, row.name);
      }
    }
    for (const Certificate& row : model_.certificates) {
      if (PersonChain* chain = Find(row.holder_id)) {
        chain->certificates.push_back(&row);
        NameIfNone(chain, row.name);
      }
    }
    for (auto& [key, chain] : chains_) Finish(&chain);
    return std::move(chains_);
  }

 private:
  PersonChain* Find(const std::string& id_as_written) {
    auto it = chains_.find(PersonKey(id_as_written));
    return it == chains_.end() ? nullptr : &it->second;
  }

  static void NameIfNone(PersonChain* chain, const std::string& name) {
    if (chain->name.empty()) chain->name = name;
  }

  PersonClass& ClassOf(PersonChain& chain, const std::string& institution, const std::string& class_id) {
    for (PersonClass& entry : chain.classes) {
      if (entry.institution == institution && entry.class_id == class_id) return entry;
    }
    PersonClass entry;
    entry.institution = institution;
    entry.class_id = class_id;
    const auto& classes = ClassIndex();
    if (auto it = classes.find({institution, class_id}); it != classes.end()) {
      entry.training_class = it->second;
      if (auto requirement = syllabus_.Lookup(*it->second)) entry.required_hours = requirement->total_hours;
    }
    if (auto it = SessionIndex().find({institution, class_id}); it != SessionIndex().end()) {
      for (const TrainingSession* session : it->second) {
        entry.sessions.push_back(PersonSession{session, session->session_id, 0, {}});
      }
    }
    chain.classes.push_back(std::move(entry));
    return chain.classes.back();
  }

  void SignIn(PersonClass& entry, const Attendance& row) {
    auto session = std::find_if(entry.sessions.begin(), entry.sessions.end(),
                                [&](const PersonSession& s) { return s.session_id == row.session_id; });
    if (session == entry.sessions.end()) {
      entry.sessions.push_back(PersonSession{nullptr, row.session_id, 0, {}});
      session = entry.sessions.end() - 1;
    }
    session->sign_ins.push_back(&row);
    if (session->session) session->attended_hours += AttendedHours(*session->session, row, policy_);
  }

  PersonExam Exam(const Candidate& row) {
    PersonExam exam;
    exam.candidate = &row;
    if (!held_index_) {
      held_index_.emplace();
      for (const ExamSession& held : model_.exam_sessions) (*held_index_)[{held.institution, held.session_id}] = &held;
      plan_index_.emplace();
      for (const ExamPlanEntry& plan : model_.exam_plan) (*plan_index_)[{plan.institution, plan.session_id}] = &plan;
    }
    if (auto it = held_index_->find({row.institution, row.session_id}); it != held_index_->end())
      exam.held = it->second;
    if (auto it = plan_index_->find({row.institution, row.session_id}); it != plan_index_->end()) {
      exam.planned = it->second;
    }
    if (exam.held) {
      exam.date = exam.held->date;
      exam.start = exam.held->start;
    } else if (exam.planned) {
      exam.date = exam.planned->date;
      exam.start = exam.planned->start;
    }
    return exam;
  }

  static void Finish(PersonChain* chain) {
    for (PersonClass& entry : chain->classes) {
      entry.attended_hours = 0;
      for (const PersonSession& session : entry.sessions) entry.attended_hours += session.attended_hours;
    }
    auto class_start = [](const PersonClass& c) {
      return std::make_tuple(c.training_class ? c.training_class->start_date : Date{}, c.institution, c.class_id);
    };
    std::stable_sort(chain->classes.begin(), chain->classes.end(),
                     [&](const PersonClass& a, const PersonClass& b) { return class_start(a) < class_start(b); });
    std::stable_sort(chain->exams.begin(), chain->exams.end(), [](const PersonExam& a, const PersonExam& b) {
      return std::make_tuple(a.start.value_or(0), a.candidate->institution, a.candidate->session_id) <
             std::make_tuple(b.start.value_or(0), b.candidate->institution, b.candidate->session_id);
    });
    std::stable_sort(chain->certificates.begin(), chain->certificates.end(),
                     [](const Certificate* a, const Certificate* b) { return a->issue_date < b->issue_date; });
  }

  // Built on first use: a person who attended nothing needs neither.
  const std::map<ClassKey, const TrainingClass*>& ClassIndex() {
    if (!class_index_) {
      class_index_.emplace();
      for (const TrainingClass& c : model_.classes) class_index_->try_emplace({c.institution, c.class_id}, &c);
    }
    return *class_index_;
  }
  const std::map<ClassKey, std::vector<const TrainingSession*>>& SessionIndex() {
    if (!session_index_) {
      session_index_.emplace();
      for (const TrainingSession& s : model_.sessions) (*session_index_)[{s.institution, s.class_id}].push_back(&s);
      for (auto& [key, sessions] : *session_index_) {
        std::stable_sort(sessions.begin(), sessions.end(),
                         [](const TrainingSession* a, const TrainingSession* b) { return a->start < b->start; });
      }
    }
    return *session_index_;
  }

  const ArchiveModel& model_;
  const AuditPolicy& policy_;
  const Syllabus& syllabus_;
  std::map<std::string, PersonChain> chains_;
  std::optional<std::map<ClassKey, const TrainingClass*>> class_index_;
  std::optional<std::map<ClassKey, std::vector<const TrainingSession*>>> session_index_;
  // (centre, exam session id): the last row wins, as a room record read last would.
  std::optional<std::map<ClassKey, const ExamSession*>> held_index_;
  std::optional<std::map<ClassKey, const ExamPlanEntry*>> plan_index_;
};

}  // namespace

std::map<std::string, PersonChain> BuildPersonChains(const ArchiveModel& model, const AuditPolicy& policy,
                                                     const Syllabus& syllabus, const std::set<std::string>& keys) {
  if (keys.empty()) return {};
  return ChainBuilder(model, policy, syllabus, keys).Build();
}

}  // namespace xk
