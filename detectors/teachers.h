// The teacher rules (AQ 8011-2023 师资; 教学日志 that cannot be true):
//
//   TRN-TEACHER-CLASH        one teacher (by PersonKey) in two timetable sessions that overlap by
//                            more than 0 s, across classes and across institutions. One finding
//                            per overlapping pair of sessions; its subject is the teacher and the
//                            two session keys in sorted order, so it is the same fact every run.
//                            Not a clash: a duplicated timetable row (same institution, class and
//                            session id twice), and a combined lecture (合班授课: two classes of
//                            one institution in the same non-empty room with the same start and
//                            end). A cross-institution pair belongs to the institution of the first
//                            key in sorted order; the summary names the other institution.
//   TRN-TEACHER-UNQUALIFIED  sessions (other than mode exam) taught by someone who is not in the
//                            institution's teachers.csv, whose qualification is empty, whose
//                            years of practice are under policy.teacher_min_years, or whose years
//                            are not given (cannot show the minimum); sessions with no teacher at
//                            all are one finding of their own. One finding per teacher per
//                            institution, listing the sessions. An institution whose teachers.csv
//                            is missing is skipped (TRN-ARCHIVE-INCOMPLETE reports the file).
#pragma once

#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

std::vector<Finding> DetectTeacherRules(const DetectorInput& input);

}  // namespace xk
