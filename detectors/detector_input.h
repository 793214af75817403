// What every detector reads: the loaded model, the thresholds in force, the syllabus, and the
// media facts (catalogued recordings with their analysis, and what they cover of each session,
// computed once: detectors/media_analysis.h). Detectors are pure functions of this.
#pragma once

#include <vector>

#include "records/media_facts.h"
#include "records/model.h"
#include "records/policy.h"
#include "records/syllabus.h"

namespace xk {

struct MediaAnalysis;

struct DetectorInput {
  const ArchiveModel& model;
  const AuditPolicy& policy;
  const Syllabus& syllabus;
  const std::vector<RecordingFacts>& recordings;  // every catalogued recording of every exam centre
  // The recordings laid over the sessions, computed once by RunAllDetectors or the pipeline;
  // nullptr: a detector computes it itself (tests feeding structs).
  const MediaAnalysis* media = nullptr;
};

}  // namespace xk
