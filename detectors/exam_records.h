// The exam-centre record rules: what exams/<code>/{plan,sessions,candidates,staff}.csv and the
// training records show about how exams were held (安监总培训〔2013〕104号).
//
//   EXM-PROCTOR-SHORT     a held session (a sessions.csv row) with fewer distinct proctors than
//                         policy.min_proctors (theory) or fewer distinct examiners than
//                         policy.min_examiners (practical). The mode is the session's, else the
//                         plan entry's (same centre and session id); a session with neither is
//                         held to both minimums. One finding per session and role.
//   EXM-PROCTOR-CONFLICT  a proctor or examiner of a session whose PersonKey teaches at a training
//                         institution (a teachers.csv row there, or the teacher_id of one of its
//                         sessions) whose trainees sit that session
//                         (candidates.training_institution). One finding per session, staff member
//                         and training institution; it belongs to the exam centre and names both.
//   EXM-PLAN-DEVIATION    per exam centre, matching by session id: a held session not in the plan;
//                         held in another room (rooms compared trimmed, full-width folded, case
//                         ignored; not compared when either is empty); start or end more than
//                         policy.plan_tolerance_minutes off the plan; a planned session with no
//                         record. A centre without plan.csv gets no finding per held session, nor
//                         one without sessions.csv per planned session: the missing file is one
//                         finding of its own (exam_archive.h).
#pragma once

#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

std::vector<Finding> DetectExamRecordRules(const DetectorInput& input);

}  // namespace xk
