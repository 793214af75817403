// Records for tests that feed detectors (and other pure functions of the model) with structs.
// Each Add* appends one row with the values a test would otherwise write by hand, citing its file
// and line as a loader would, and returns it for the test to adjust: a reference stays good until
// the next Add of the same kind. Input() gives the DetectorInput over everything added.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk::test {

// A valid resident ID: `first17` digits and their MOD 11-2 check character.
std::string ValidResidentId(const std::string& first17);

// The findings of `rule` among `findings`, in their order.
std::vector<Finding> OfRule(const std::vector<Finding>& findings, const std::string& rule);

struct TestModel {
  ArchiveModel model;
  AuditPolicy policy;
  Syllabus syllabus = Syllabus::BuiltIn();
  std::vector<RecordingFacts> recordings;

  // Instant of `seconds_of_day` on `date` in the policy's zone.
  Instant At(Date date, int seconds_of_day) const { return ToInstant(date, seconds_of_day, policy.zone); }

  TrainingClass& AddClass(const std::string& institution, const std::string& class_id, Category category, Date start,
                          Date end);
  // A timetabled session of `minutes` from `start_minute` (minutes after midnight).
  TrainingSession& AddSession(const std::string& institution, const std::string& class_id,
                              const std::string& session_id, Date date, int start_minute, int minutes,
                              SessionMode mode = SessionMode::kTheory);
  Trainee& AddTrainee(const std::string& institution, const std::string& class_id, const std::string& id,
                      const std::string& name, bool completed = true);
  Attendance& AddSignIn(const std::string& institution, const std::string& class_id, const std::string& session_id,
                        const std::string& id, Instant check_in, std::optional<Instant> check_out);
  // A held exam session (the room record) of `minutes` from `hour`.
  ExamSession& AddExamSession(const std::string& centre, const std::string& session_id, Date date, int hour,
                              ExamMode mode, int minutes = 120);
  Candidate& AddCandidate(const std::string& centre, const std::string& session_id, const std::string& id, bool passed);
  // A special-operation certificate "T" + ID, valid six years from `issued`.
  Certificate& AddCertificate(const std::string& holder_id, Date issued);

  DetectorInput Input(std::optional<Date> audit_date = std::nullopt) const {
    return DetectorInput{model, policy, syllabus, recordings, audit_date};
  }
};

}  // namespace xk::test
