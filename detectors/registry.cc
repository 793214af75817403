#include "detectors/registry.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "detectors/archive_completeness.h"
#include "detectors/attendance.h"
#include "detectors/candidates.h"
#include "detectors/certificates.h"
#include "detectors/coverage.h"
#include "detectors/empty_room.h"
#include "detectors/exam_archive.h"
#include "detectors/exam_records.h"
#include "detectors/exam_results.h"
#include "detectors/hours.h"
#include "detectors/knock_on.h"
#include "detectors/media_analysis.h"
#include "detectors/picture.h"
#include "detectors/teachers.h"

namespace xk {

const std::vector<FamilyInfo>& DetectorFamilies() {
  static const std::vector<FamilyInfo> kFamilies = {
      {"hours", DetectHoursRules},
      {"teachers", DetectTeacherRules},
      {"attendance", DetectAttendanceRules},
      {"archive", DetectArchiveCompleteness},
      {"exam_records", DetectExamRecordRules},
      {"exam_archive", DetectExamArchiveCompleteness},
      {"candidates", DetectCandidateRules},
      {"exam_results", DetectExamResultRules},
      {"certificates", DetectCertificateRules},
      {"coverage", DetectCoverageRules},
      {"picture", DetectPictureRules},
      {"empty_room", DetectEmptyRooms},
  };
  return kFamilies;
}

std::vector<Finding> RunAllDetectors(const DetectorInput& input) {
  // The recordings are laid over the sessions once, for every family that reads them.
  std::optional<MediaAnalysis> local;
  DetectorInput with_media = input;
  with_media.media = &MediaOf(input, &local);
  std::vector<Finding> all;
  for (const auto& family : DetectorFamilies()) {
    auto found = family.run(with_media);
    all.insert(all.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  std::sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.institution, a.rule, a.subject) < std::tie(b.institution, b.rule, b.subject);
  });
  LinkKnockOns(&all);
  return all;
}

}  // namespace xk
