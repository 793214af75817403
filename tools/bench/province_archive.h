// A province-scale records archive for benchmarks (tools/bench/records_bench): at scale 1.0, 200
// institutions (180 training institutions, 20 exam centres), 5,000 classes, 200,000 timetable
// sessions, about 5,000,000 sign-ins, 125,000 trainees, about 200,000 exam candidate rows (with
// the optional columns category, job_type, attempt, started, submitted: theory and practical
// exams, resits) and a certificate register (bureau/certificates.csv) of about 100,000
// certificates, written as institutions export them: mostly UTF-8 with English headers, some
// GB18030 (Excel on a Chinese PC) with Chinese headers, dates and CRLF, some UTF-8 with BOM and
// Chinese headers. Records only: cameras.csv lists no camera and there is no video, so the audit
// exercises the record rules.
//
// Most classes pass every rule; a few violations are injected at fixed strides of the class,
// exam-session, candidate and certificate numbers (compressed hours, mock exams, an absent trainee
// marked completed, same-second sign-ins, an exam before the class ended, a bad date, an
// unqualified or clashing teacher, missing proctors, a session off its plan, mangled IDs, wrong
// results, untrained candidates, a missing teachers.csv; the exam-result and certificate
// violations of province_exams.h and province_certificates.h), so the findings grow with the scale
// as a real province's would. Deterministic: the same scale writes the same bytes. The review
// rules are judged against the audit's date: the injected overdue reviews (three years after
// issue dates in 2022-2023) are all past due from late 2026 on, and no other certificate ever falls
// due, so from then on the findings do not depend on the date.
#pragma once

#include <cstdint>
#include <filesystem>

namespace xk {

// What WriteProvinceArchive wrote.
struct ProvinceCounts {
  int64_t institutions = 0;
  int64_t training_institutions = 0;
  int64_t exam_centres = 0;
  int64_t classes = 0;
  int64_t sessions = 0;  // training timetable rows
  int64_t sign_ins = 0;  // attendance rows
  int64_t trainees = 0;  // roster rows
  int64_t exam_sessions = 0;
  int64_t candidates = 0;    // candidate rows (sittings)
  int64_t certificates = 0;  // rows of bureau/certificates.csv
  int64_t bytes = 0;         // CSV bytes on disk
};

// Writes the archive for `scale` (1.0 = the province above; 0.1 = a tenth of everything) into
// `dir`, which must be empty or absent. Throws std::runtime_error when a file cannot be written
// or the scale is outside (0, 2] (teachers' and exam staff's IDs come from DemoResidentId, which
// has 6,300 distinct numbers).
ProvinceCounts WriteProvinceArchive(const std::filesystem::path& dir, double scale);

// A valid 18-character resident ID for trainee `index` (0 <= index < 131,400,000), distinct for
// every index: Hengyang county area codes other than DemoResidentId's 430400, birth dates in
// 1970-1999, the MOD 11-2 check digit. DemoResidentId repeats after 6,300 people, too few for
// 125,000 trainees who must each be one person.
std::string ProvinceResidentId(int64_t index);

}  // namespace xk
