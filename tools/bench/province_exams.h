// The exam centres of the province archive (province_archive.h): when and where each class sits
// its exams, how each trainee fares, and the writer of an exam centre's folder. The certificate
// register (province_certificates.h) reads the same schedule and fates, so a certificate is issued
// after the exams its holder passed.
//
// Every class sits a computer theory exam a few days after it ends; special operations and new
// employees then sit a practical exam. The same three in 24 fail the theory exam in every class
// (one of them fails the resit too), two more fail the practical one, and they resit in a 补考
// session two weeks later: every institution has the same pass rate, so EXM-PASS-RATE speaks only
// where a 包过班 is injected. Injected at fixed strides: a third theory sitting (EXM-RESIT-EXCESS),
// a practical exam before the theory resit was passed (EXM-PRACTICAL-BEFORE-THEORY), a computer
// exam handed in after 12 minutes (EXM-SUBMIT-FAST), institutions whose candidates all pass
// (EXM-PASS-RATE), one person at two centres on one day (EXM-DOUBLE-SITTING), and, as before,
// untrained candidates, Excel-mangled IDs, a pass below the mark, short staff and late sessions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "records/civil_time.h"
#include "tools/bench/province_archive.h"
#include "tools/bench/province_plan.h"

namespace xk::province {

// Every trainee who completed the class sits (the 25th dropped out before the final exam).
constexpr int kCandidatesPerClass = kTraineesPerClass - 1;

// A (room, half-day) of an exam centre.
struct ExamSlot {
  Date date;
  int room = 0;
  int start_minute = 0;
};

// The exam sessions of one class, all at its centre (class number % exam centres).
struct ClassExams {
  int centre = 0;
  ExamSlot theory;
  std::optional<ExamSlot> practical;        // special operations and new employees
  std::optional<ExamSlot> theory_resit;     // none in a class where everyone passes
  std::optional<ExamSlot> practical_resit;  //
  std::optional<ExamSlot> third_theory;     // EXM-RESIT-EXCESS: the double failer sits again
};

// EXM-DOUBLE-SITTING: a trainee who sits the theory exam of his class at its centre and, the same
// day, the same exam in a session of his own at another centre.
struct DoubleSitting {
  int64_t class_number = 0;
  int trainee = 0;
  ExamSlot slot;  // at the other centre
};

struct ExamSchedule {
  std::vector<ClassExams> classes;                   // by class number
  std::vector<std::vector<DoubleSitting>> visitors;  // by centre: the second sittings held there
};

// The sessions of every class, booked centre by centre into free rooms.
ExamSchedule ScheduleExams(const Layout& layout);

// Whether the class's subject has a practical exam.
bool HasPractical(const ClassPlan& plan);
// A 包过班: the institution's candidates all pass at the first sitting (EXM-PASS-RATE).
bool AllPassInstitution(int institution);

// Who a candidate row names for trainee `trainee` of the class, and how the trainee fares.
struct CandidateFate {
  int64_t number = 0;  // over the archive: class number * kCandidatesPerClass + trainee
  std::string id;      // as the candidate rows write it (an untrained substitute's, if so)
  std::string name;
  bool substitute = false;       // someone who never trained in the class sits in the trainee's place
  bool mangled = false;          // the first theory row shows the ID as Excel mangled it
  bool theory_first = false;     // passes the theory exam at the first sitting
  bool theory_resit = false;     // sits the theory resit (and passes unless double_failer)
  bool double_failer = false;    // fails the theory resit too: no certificate
  bool third_theory = false;     // sits (and fails) a third theory exam: EXM-RESIT-EXCESS
  bool practical_main = false;   // sits the class's practical session
  bool practical_early = false;  // sits it before passing the theory resit
  bool practical_first = false;  // passes it
  bool practical_resit = false;  // sits (and passes) the practical resit
  bool fast = false;             // hands the theory exam in after 12 minutes
  bool wrong_result = false;     // recorded as passed with 75 points
};
CandidateFate FateOf(const ClassPlan& plan, int trainee);

// The date this trainee passed the last exam a certificate needs; nullopt if not all were passed.
std::optional<Date> LastPass(const ClassPlan& plan, const ClassExams& exams, const CandidateFate& fate);

// Writes exams/<code>/ of centre `centre`, adding its sessions and candidate rows to `counts`.
void WriteExamCentre(const std::filesystem::path& root, int centre, const Layout& layout, const ExamSchedule& schedule,
                     ProvinceCounts* counts);

}  // namespace xk::province
