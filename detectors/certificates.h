// The certificate rules (issue 16 item 2), pure functions of the model and the audit's date. The
// register (bureau/certificates.csv) is the bureau's own, so the findings belong to the pseudo-
// institution "bureau" (证书台账) and name the holder, the certificate and the rows involved.
//   CRT-NO-EXAM          no passed exam of the certificate's kind on or before its issue date
//                        (theory; and practical for special operations);
//   CRT-NO-TRAINING      no completed class of the category that ended on or before that exam;
//   CRT-HOLDER-DATA      the holder's ID invalid, a special-operations number not "T" + the ID,
//                        the holder under min_holder_age on the issue date;
//   CRT-DUPLICATE        two valid certificates for one person and job (certificate_reviews.cc
//                        holds the review rules below);
//   CRT-REVIEW-OVERDUE   a valid special-operations certificate more than review_years (or
//                        review_years_extended) past its issue or last review on the audit date;
//   CRT-REVIEW-UNBACKED  a review with no completed review or refresher class of the job of at
//                        least review_min_hours credited 学时 between the issue and the review.
// The records cover a period: a certificate issued (or reviewed) before the first exam (class) the
// archive holds is not judged by the rules that need those records.
#pragma once

#include <string>
#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

inline const char kCertificateRegister[] = "bureau";  // the institution of CRT-* findings

std::vector<Finding> DetectCertificateRules(const DetectorInput& input);
// CRT-REVIEW-OVERDUE and CRT-REVIEW-UNBACKED (certificate_reviews.cc).
std::vector<Finding> DetectCertificateReviews(const DetectorInput& input);

// `date` plus `years` calendar years (29 February -> 28 February).
Date AddYears(Date date, int years);

}  // namespace xk
