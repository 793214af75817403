// One person followed from class to exam to certificate (issue "follow every trainee"): the
// classes whose roster names them with the sessions they signed in to and the hours those hold,
// the exams they sat with results, and the certificates the register holds for them. Built from
// the model alone (records, no media), for `xunkao person` and for report.html's people section.
// People are matched through PersonKey, so "43040219900101001x" and "43040219900101001X" are one.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "records/model.h"
#include "records/policy.h"
#include "records/syllabus.h"

namespace xk {

// One timetabled session of the class and what the person's sign-ins there hold.
struct PersonSession {
  const TrainingSession* session = nullptr;  // null: sign-ins to a session the timetable lacks
  std::string session_id;
  double attended_hours = 0;  // check-in..check-out inside the session, in the session's mode
  std::vector<const Attendance*> sign_ins;
};

struct PersonClass {
  const TrainingClass* training_class = nullptr;  // null: a roster row of a class classes.csv lacks
  std::string institution;
  std::string class_id;
  const Trainee* roster_row = nullptr;   // null: sign-ins without a roster row
  std::optional<double> required_hours;  // the syllabus minimum for the class
  double attended_hours = 0;             // sum over the sessions
  std::vector<PersonSession> sessions;   // in timetable order (date, start)
};

struct PersonExam {
  const Candidate* candidate = nullptr;
  const ExamSession* held = nullptr;       // the room record, when there is one
  const ExamPlanEntry* planned = nullptr;  // the plan's entry, when there is one
  std::optional<Date> date;                // the room record's, else the plan's
  std::optional<Instant> start;
};

struct PersonChain {
  std::string key;                               // PersonKey of the ID
  std::string name;                              // the first name the records give
  std::vector<PersonClass> classes;              // by class start date
  std::vector<PersonExam> exams;                 // by date
  std::vector<const Certificate*> certificates;  // by issue date
  bool empty() const { return classes.empty() && exams.empty() && certificates.empty(); }
};

// The chains of the people whose PersonKey is in `keys`, in one pass over the model (the report
// builds every person its findings name at once). People with no record get an empty chain. The
// chains point into `model`, which must outlive them.
std::map<std::string, PersonChain> BuildPersonChains(const ArchiveModel& model, const AuditPolicy& policy,
                                                     const Syllabus& syllabus, const std::set<std::string>& keys);

}  // namespace xk
