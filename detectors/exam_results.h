// The exam-result rules (rules.md "Exam centres", issue 16 item 3), pure functions of the model:
//   EXM-RESIT-EXCESS             a third sitting of the same exam part (by the attempt column or by
//                                counting the sittings in the records) without a completed class of
//                                the subject in between;
//   EXM-PRACTICAL-BEFORE-THEORY  a practical sitting with no passed theory sitting of the subject
//                                before it;
//   EXM-SUBMIT-FAST              a computer (theory) exam passed and handed in under
//                                fast_submit_minutes after it began;
//   EXM-PASS-RATE                a training institution whose candidates pass a subject far more
//                                often than the rest of the city (Fisher's exact test, one-sided),
//                                a signal reported on the training institution;
//   EXM-DOUBLE-SITTING           one person sitting the same exam part on one day at two centres.
#pragma once

#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

std::vector<Finding> DetectExamResultRules(const DetectorInput& input);

}  // namespace xk
