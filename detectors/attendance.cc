#include "detectors/attendance.h"

#include "detectors/attendance_index.h"

namespace xk {

std::vector<Finding> DetectAttendanceRules(const DetectorInput& input) {
  attendance::AttendanceRules rules(input);
  std::vector<Finding> findings;
  rules.DetectShort(&findings);
  rules.DetectSameSecond(&findings);
  rules.DetectOutsideSession(&findings);
  rules.DetectOverlaps(&findings);
  rules.DetectExamBeforeTraining(&findings);
  // In (rule, institution, subject) order; one fact found twice (e.g. a duplicated candidate row)
  // becomes one finding citing the rows of both.
  return MergeSameFacts(std::move(findings));
}

}  // namespace xk
