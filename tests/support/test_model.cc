#include "tests/support/test_model.h"

#include "detectors/certificates.h"
#include "records/resident_id.h"

namespace xk::test {
namespace {

template <typename Row>
int NextLine(const std::vector<Row>& rows) {
  return static_cast<int>(rows.size()) + 2;  // line 1 is the header
}

}  // namespace

std::string ValidResidentId(const std::string& first17) { return first17 + ResidentIdCheckCharacter(first17); }

std::vector<Finding> OfRule(const std::vector<Finding>& findings, const std::string& rule) {
  std::vector<Finding> of_rule;
  for (const Finding& f : findings) {
    if (f.rule == rule) of_rule.push_back(f);
  }
  return of_rule;
}

TrainingClass& TestModel::AddClass(const std::string& institution, const std::string& class_id, Category category,
                                   Date start, Date end) {
  TrainingClass c;
  c.institution = institution;
  c.class_id = class_id;
  c.category = category;
  c.start_date = start;
  c.end_date = end;
  c.source = {"training/" + institution + "/classes.csv", NextLine(model.classes)};
  model.classes.push_back(c);
  return model.classes.back();
}

TrainingSession& TestModel::AddSession(const std::string& institution, const std::string& class_id,
                                       const std::string& session_id, Date date, int start_minute, int minutes,
                                       SessionMode mode) {
  TrainingSession s;
  s.institution = institution;
  s.class_id = class_id;
  s.session_id = session_id;
  s.date = date;
  s.start = At(date, start_minute * 60);
  s.end = s.start + minutes * 60;
  s.mode = mode;
  s.source = {"training/" + institution + "/sessions.csv", NextLine(model.sessions)};
  model.sessions.push_back(s);
  return model.sessions.back();
}

Trainee& TestModel::AddTrainee(const std::string& institution, const std::string& class_id, const std::string& id,
                               const std::string& name, bool completed) {
  model.trainees.push_back(Trainee{institution,
                                   class_id,
                                   id,
                                   name,
                                   completed,
                                   {"training/" + institution + "/trainees.csv", NextLine(model.trainees)}});
  return model.trainees.back();
}

Attendance& TestModel::AddSignIn(const std::string& institution, const std::string& class_id,
                                 const std::string& session_id, const std::string& id, Instant check_in,
                                 std::optional<Instant> check_out) {
  Attendance a;
  a.institution = institution;
  a.class_id = class_id;
  a.session_id = session_id;
  a.trainee_id = id;
  a.check_in = check_in;
  a.check_out = check_out;
  a.source = {"training/" + institution + "/attendance.csv", NextLine(model.attendance)};
  model.attendance.push_back(a);
  return model.attendance.back();
}

ExamSession& TestModel::AddExamSession(const std::string& centre, const std::string& session_id, Date date, int hour,
                                       ExamMode mode, int minutes) {
  ExamSession s;
  s.institution = centre;
  s.session_id = session_id;
  s.date = date;
  s.start = At(date, hour * 3600);
  s.end = s.start + minutes * 60;
  s.mode = mode;
  s.source = {"exams/" + centre + "/sessions.csv", NextLine(model.exam_sessions)};
  model.exam_sessions.push_back(s);
  return model.exam_sessions.back();
}

Candidate& TestModel::AddCandidate(const std::string& centre, const std::string& session_id, const std::string& id,
                                   bool passed) {
  Candidate c;
  c.institution = centre;
  c.session_id = session_id;
  c.candidate_id = id;
  c.passed = passed;
  c.score = passed ? 90 : 60;
  c.score_text = passed ? "90" : "60";
  c.source = {"exams/" + centre + "/candidates.csv", NextLine(model.candidates)};
  model.candidates.push_back(c);
  return model.candidates.back();
}

Certificate& TestModel::AddCertificate(const std::string& holder_id, Date issued) {
  Certificate c;
  c.cert_no = "T" + holder_id;
  c.holder_id = holder_id;
  c.kind = CertificateKind::kSpecialOperation;
  c.issue_date = issued;
  c.valid_until = AddYears(issued, 6);
  c.source = {"bureau/certificates.csv", NextLine(model.certificates)};
  model.certificates.push_back(c);
  return model.certificates.back();
}

}  // namespace xk::test
