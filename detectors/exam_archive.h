// An exam centre's archive without one of its required files (archive.md: plan, sessions,
// candidates, staff, cameras): "a missing required file is itself a finding". The rules have no
// EXM code of their own for an incomplete archive, so each missing file is reported under the rule
// it leaves unchecked (subject "missing=<what>", file = the path that should exist):
//   plan.csv, sessions.csv -> EXM-PLAN-DEVIATION   (whether sessions kept to a plan)
//   cameras.csv            -> EXM-VIDEO-MISSING    (which cameras had to record)
//   candidates.csv         -> EXM-CANDIDATE-DATA   (the candidates' data and training)
//   staff.csv              -> EXM-PROCTOR-SHORT    (who the proctors and examiners were)
// The severity is the rule's. Pure over model.missing_files.
#pragma once

#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

std::vector<Finding> DetectExamArchiveCompleteness(const DetectorInput& input);

}  // namespace xk
