// TRN-ARCHIVE-INCOMPLETE: what a training institution's archive (一期一档) lacks, so that the
// rules that need it cannot be evaluated — said as a finding instead of passing silently.
//
//   - a required file of a training folder is missing (model.missing_files under training/):
//     one finding per missing file (subject "file=<path>");
//   - a class of classes.csv without roster rows (trainees.csv), without timetable rows
//     (sessions.csv) or without any sign-in rows (attendance.csv): one finding per class and
//     missing part. When the whole file is missing, only the file is reported, not every class;
//   - a class id used in sessions.csv, attendance.csv or trainees.csv that classes.csv does not
//     declare (only when classes.csv exists): one finding per class.
//
// Missing files of exam-centre folders are not TRN findings and are left to the exam rules.
// Severity medium (incomplete records).
#pragma once

#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

std::vector<Finding> DetectArchiveCompleteness(const DetectorInput& input);

}  // namespace xk
