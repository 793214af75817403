// What every detector reads: the loaded model, the thresholds in force, the syllabus, and the
// media facts (catalogued recordings with their analysis, and what they cover of each session,
// computed once: detectors/media_analysis.h). Detectors are pure functions of this.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "records/media_facts.h"
#include "records/model.h"
#include "records/policy.h"
#include "records/syllabus.h"

namespace xk {

struct MediaAnalysis;

// A map key of two fields, e.g. institution and class: the unit separator (never in a loaded
// value) between them.
inline std::string KeyOf(const std::string& first, const std::string& second) { return first + '\x1f' + second; }

struct DetectorInput {
  const ArchiveModel& model;
  const AuditPolicy& policy;
  const Syllabus& syllabus;
  const std::vector<RecordingFacts>& recordings;  // every catalogued recording of every exam centre
  // The audit's date (local), which the pipeline gives: what "overdue" is judged against (a
  // certificate's review). Never the wall clock inside a detector; without it the rules that
  // need it are not evaluated.
  std::optional<Date> audit_date = std::nullopt;
  // The recordings laid over the sessions, computed once by RunAllDetectors or the pipeline;
  // nullptr: a detector computes it itself (tests feeding structs).
  const MediaAnalysis* media = nullptr;
};

}  // namespace xk
