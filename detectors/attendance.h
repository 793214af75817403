// The attendance rules: what the sign-in records (签到记录) of the training institutions show.
//
//   TRN-ATTENDANCE-SHORT      a trainee marked completed on the roster, or examined (a candidates
//                             row naming the class's institution and class id, for a person the
//                             class's roster or sign-ins know), whose attended hours are below the
//                             class's syllabus minimum total (Syllabus::Lookup) minus
//                             policy.hours_short_tolerance. Attended hours: per teaching session
//                             of the class, the union of the person's check-in..check-out windows
//                             inside the session (several check-ins to one session count once),
//                             in 学时 of the session's mode; sign-ins to a session id the timetable
//                             lacks count nothing. Not evaluated: a class without a classes.csv
//                             row, without a syllabus row, without timetable rows or without any
//                             sign-in rows (TRN-ARCHIVE-INCOMPLETE). One finding per trainee and
//                             class.
//   TRN-PROXY-SIGNIN          impossible sign-ins, one finding per fact:
//                             (a) >= policy.proxy_same_second_count distinct people checked in to
//                                 one class in the same second (per class and second). A class
//                                 whose check-ins all fall on whole minutes was exported without
//                                 seconds and is not judged by (a).
//                             (b) a check-in more than policy.proxy_outside_session_minutes
//                                 before the session's start or after its end (per session).
//                             (c) one person whose attended windows in sessions of two different
//                                 classes overlap (also across institutions; per person and pair
//                                 of classes; a combined lecture — same institution, room, start
//                                 and end — is not counted).
//                             (d) one person with an attended window overlapping an exam they sat
//                                 (exams/*/sessions.csv window, else the plan's; per person, exam
//                                 session and training institution).
//   TRN-EXAM-BEFORE-TRAINING  a candidate (known to the named class) examined on a date before the
//                             class's end_date, or — where the class has a syllabus row and
//                             sign-ins — whose attended hours up to the exam's start were below
//                             the required hours although their sign-ins reach them later (when
//                             they never reach them, TRN-ATTENDANCE-SHORT says so). One finding
//                             per candidate row.
//
// TRN-* findings belong to the training institution, also when the exam records revealed them.
#pragma once

#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

std::vector<Finding> DetectAttendanceRules(const DetectorInput& input);

}  // namespace xk
