// Every candidate row placed in time and subject, and every person's completed classes: what the
// exam-result rules (exam_results.cc) and the certificate rules (certificates.cc) follow a person
// through. A sitting's date and start come from the room record (sessions.csv), else the plan; its
// mode from the room record, else the plan; its category and job type from the candidate row's
// optional columns, else the named class. A row that cannot be placed in time is left out (the
// plan rules say why).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "records/model.h"

namespace xk {

struct Sitting {
  const Candidate* candidate = nullptr;
  // PersonKey of the candidate's ID; empty when the ID cannot tell people apart (empty, or a
  // spreadsheet number such as 4.30422E+17, which EXM-CANDIDATE-DATA reports): such a row is
  // followed to no one.
  std::string person;
  Date date;
  Instant start = 0;  // the session's start
  std::optional<ExamMode> mode;
  std::optional<Category> category;
  std::string job_type;
  std::string subject;  // SubjectKey; empty when neither category nor job type is known
  std::optional<SourceRef> session_row;
};

// "special_operation/低压电工作业", "safety_manager": what "the same exam" means.
std::string SubjectKey(std::optional<Category> category, const std::string& job_type);
// "低压电工作业", "安全生产管理人员": the subject for officers' eyes.
std::string SubjectName(std::optional<Category> category, const std::string& job_type);

// Sorted by person, then start.
std::vector<Sitting> CollectSittings(const ArchiveModel& model);

// A class a person completed (roster completed = yes).
struct CompletedClass {
  const TrainingClass* training_class = nullptr;
  const Trainee* trainee = nullptr;
};
// PersonKey -> the classes the person completed.
std::multimap<std::string, CompletedClass> CompletedClassesByPerson(const ArchiveModel& model);

// Whether class `c` trains for `subject` (same category, and the same job type where the subject
// names one).
bool ClassFits(const TrainingClass& c, std::optional<Category> category, const std::string& job_type);

}  // namespace xk
