// The candidate rules: what exams/<code>/candidates.csv (考生成绩) shows about the people examined.
//
//   EXM-CANDIDATE-DATA       data quality of a candidate row (severity low), one finding per row
//   and
//                            problem: an invalid ID number (GB 11643-1999 via CheckResidentId,
//                            quoted as written, e.g. 4.30402E+17); a missing name; the same person
//                            (PersonKey) twice in one session (one finding per session and person,
//                            citing every row); a numeric score outside 0-100 (a score that is not
//                            a number, e.g. 缺考, is left alone); a result that contradicts the
//                            score and policy.pass_mark (pass below it, fail at or above it).
//   EXM-CANDIDATE-UNTRAINED  a candidate with no roster row at the named training institution and
//                            class (also when the institution or class is not named), or whose
//                            roster rows are all completed = no. An invalid ID is matched by name
//                            against the class roster (one unique name) before giving up. Not
//                            evaluated when the named institution's trainees.csv is missing
//                            (TRN-ARCHIVE-INCOMPLETE reports it). One finding per candidate row.
//
// Both belong to the exam centre. Severity: data low; untrained high (a 包过班 / collusion signal,
// as detectors/registry.cc lists it).
#pragma once

#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

std::vector<Finding> DetectCandidateRules(const DetectorInput& input);

}  // namespace xk
