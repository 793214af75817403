// The hour rules (rules.md "Training institutions"): TRN-PLAN-HOURS, TRN-HOURS-SHORT,
// TRN-HOURS-OVERCLAIM, TRN-PRACTICAL-SHORT, TRN-OFFLINE-THEORY-SHORT, TRN-MOCK-SUBSTITUTION,
// TRN-DAILY-OVERLOAD, TRN-SPAN-SHORT. Pure functions of the model.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk {

// A class's hours as the timetable shows them; also what the report's hours table prints.
struct ClassHours {
  const TrainingClass* training_class = nullptr;
  std::optional<SyllabusRequirement> requirement;     // nullopt: no syllabus row applies
  std::vector<const TrainingSession*> sessions;       // timetable rows, by start
  double backed = 0;                                  // teaching hours the times hold (theory + practical + online)
  double credited = 0;                                // claimed hours capped at backed
  double practical = 0;                               // backed practical hours
  double offline_theory = 0;                          // backed offline theory hours
  double online = 0;                                  // backed online hours
  double mock = 0;                                    // mock-exam time in offline 学时 (never credited)
  std::vector<const TrainingSession*> mock_sessions;  // mock-exam time counted as teaching
};

// One entry per class, in model order.
std::vector<ClassHours> ComputeClassHours(const DetectorInput& input);

std::vector<Finding> DetectHoursRules(const DetectorInput& input);

}  // namespace xk
