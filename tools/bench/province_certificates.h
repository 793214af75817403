// The certificate register of the province archive, bureau/certificates.csv (证书台账), as the
// provincial certificate system exports it on a Chinese PC: GB18030, Chinese headers, CRLF.
//
// Every trainee of a special-operations class who passed the theory and the practical exam gets a
// special-operations certificate ("T" + the ID, valid six years) 20-29 days after the last exam;
// every one of a principals' or safety managers' class who passed the theory exam a safety
// qualification (valid three years); new employees get none. Beside them, two or three
// certificates per class issued in 2016-2021 to other people, before the first exam the archive
// holds (so only the holder and review rules judge them): reviewed before the records began,
// granted the six-year review, lapsed or revoked. Special-operations certificates of the archive
// are granted the six-year review unless a stride says otherwise.
//
// Injected at fixed strides: a certificate for a double failer (CRT-NO-EXAM), for an untrained
// substitute who passed (CRT-NO-TRAINING), a "T" number with a wrong check character and a holder
// ID with one (CRT-HOLDER-DATA), a second valid qualification issued in 2021 (CRT-DUPLICATE), a
// certificate never reviewed and not extended (CRT-REVIEW-OVERDUE once its three years are past),
// a review with no review class in the records (CRT-REVIEW-UNBACKED).
#pragma once

#include <filesystem>
#include <vector>

#include "tools/bench/province_archive.h"
#include "tools/bench/province_exams.h"
#include "tools/bench/province_plan.h"

namespace xk::province {

// Writes root/bureau/certificates.csv and adds its rows to `counts`.
void WriteCertificateRegister(const std::filesystem::path& root, const Layout& layout, const ExamSchedule& schedule,
                              ProvinceCounts* counts);

}  // namespace xk::province
