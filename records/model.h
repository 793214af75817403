// The model: plain structs of what the archive holds, as loaded by records/*_loader. Detectors
// read only these (and media facts); nothing here touches files, libav or SQLite.
//
// Every record keeps where it came from (SourceRef: archive-relative file and 1-based line) so a
// finding can cite the exact rows. People are identified by resident ID number; IDs are kept as
// written (findings quote them so) and compared through PersonKey().
#pragma once

#include <compare>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/civil_time.h"

namespace xk {

// An archive-relative file name, shared by every record read from that file: a pointer to one
// copy of the name in a process-wide pool, so five million sign-ins do not each carry their own
// "training/PX001/attendance.csv" (that copy was a third of the model's memory). Conversions are
// implicit on purpose: it is built from and read as a std::string (or a std::string_view) as the
// plain string it replaces was, and compares (==, <, <=>) as the name does.
class SourcePath {
 public:
  SourcePath();  // the empty name
  SourcePath(std::string_view name);
  SourcePath(const std::string& name) : SourcePath(std::string_view(name)) {}
  SourcePath(const char* name) : SourcePath(std::string_view(name)) {}

  const std::string& str() const { return *name_; }
  operator const std::string&() const { return *name_; }
  operator std::string_view() const { return *name_; }
  bool empty() const { return name_->empty(); }

  // One pooled copy per name, so equal names are equal pointers.
  friend bool operator==(const SourcePath& a, const SourcePath& b) { return a.name_ == b.name_; }
  friend bool operator==(const SourcePath& a, const std::string& b) { return *a.name_ == b; }
  friend bool operator==(const SourcePath& a, std::string_view b) { return *a.name_ == b; }
  friend bool operator==(const SourcePath& a, const char* b) { return *a.name_ == b; }
  friend std::strong_ordering operator<=>(const SourcePath& a, const SourcePath& b) {
    if (a.name_ == b.name_) return std::strong_ordering::equal;
    return a.name_->compare(*b.name_) <=> 0;
  }
  // nlohmann::json, found by argument-dependent lookup (no JSON header needed here).
  template <typename Json>
  friend void to_json(Json& json, const SourcePath& path) {
    json = path.str();
  }

 private:
  const std::string* name_;
};
std::ostream& operator<<(std::ostream& out, const SourcePath& path);

struct SourceRef {
  SourcePath file;  // archive-relative, e.g. "training/PX01/sessions.csv"
  int line = 0;     // 1-based physical line where the record starts
};

// An ID as used for joins: trimmed, full-width folded to ASCII, upper case (x == X).
std::string PersonKey(const std::string& id_as_written);

enum class InstitutionKind { kTraining, kExam };
enum class Category { kPrincipal, kSafetyManager, kSpecialOperation, kNewEmployee };
enum class Cycle { kInitial, kRefresher, kReview };
enum class SessionMode { kTheory, kPractical, kOnline, kMockExam, kExam };
enum class SignInMethod { kFace, kFingerprint, kIdCard, kManual };
enum class ExamMode { kTheory, kPractical };
enum class StaffRole { kProctor, kExaminer };
enum class CertificateKind { kSpecialOperation, kSafetyQualification };
enum class CertificateStatus { kValid, kRevoked, kLapsed };

struct Institution {
  std::string code;
  std::string name;
  InstitutionKind kind = InstitutionKind::kTraining;
  std::string county;
  SourceRef source;
  // Optional columns, for the inspection documents: empty when not given.
  std::string address;
  std::string legal_rep;  // 法定代表人
  std::string phone;
};

// training/<code>/classes.csv
struct TrainingClass {
  std::string institution;  // institution code
  std::string class_id;
  Category category = Category::kSafetyManager;
  std::string industry;  // as written, e.g. 危险化学品
  std::string job_type;  // special operations only
  Cycle cycle = Cycle::kInitial;
  Date start_date;
  Date end_date;
  std::optional<double> declared_hours;
  SourceRef source;
};

// training/<code>/sessions.csv: one timetable entry.
struct TrainingSession {
  std::string institution;
  std::string class_id;
  std::string session_id;
  Date date;
  Instant start = 0;
  Instant end = 0;
  SessionMode mode = SessionMode::kTheory;
  std::string topic;
  std::string teacher_id;  // as written
  std::string room;
  std::optional<double> claimed_hours;
  SourceRef source;
};

// training/<code>/attendance.csv
struct Attendance {
  std::string institution;
  std::string class_id;
  std::string session_id;
  std::string trainee_id;  // as written
  Instant check_in = 0;
  std::optional<Instant> check_out;
  SignInMethod method = SignInMethod::kManual;
  SourceRef source;
};

// training/<code>/trainees.csv
struct Trainee {
  std::string institution;
  std::string class_id;
  std::string trainee_id;  // as written
  std::string name;
  bool completed = false;
  SourceRef source;
};

// training/<code>/teachers.csv
struct Teacher {
  std::string institution;
  std::string teacher_id;  // as written
  std::string name;
  std::string qualification;  // empty = none
  std::optional<double> years;
  SourceRef source;
};

// What plan.csv and sessions.csv both say of an exam session: which, when and where.
struct ExamSlot {
  std::string institution;
  std::string session_id;
  Date date;
  Instant start = 0;
  Instant end = 0;
  std::string room;
};

// exams/<code>/plan.csv
struct ExamPlanEntry : ExamSlot {
  ExamMode mode = ExamMode::kTheory;
  std::string subject;
  std::optional<int> planned_candidates;
  SourceRef source;
};

// exams/<code>/sessions.csv: the room record of what was actually held.
struct ExamSession : ExamSlot {
  std::vector<std::string> proctors;   // IDs as written
  std::vector<std::string> examiners;  // IDs as written
  std::optional<ExamMode> mode;        // else the plan's
  SourceRef source;
};

// exams/<code>/candidates.csv
struct Candidate {
  std::string institution;  // the exam centre
  std::string session_id;
  std::string candidate_id;  // as written (may be invalid, e.g. 4.30402E+17)
  std::string name;
  std::string training_institution;
  std::string class_id;
  std::optional<double> score;
  std::string score_text;  // as written, for findings
  std::optional<bool> passed;
  std::string result_text;
  // Optional columns (archive.md "Added for certificates"): absent or empty = unknown.
  std::optional<Category> category;  // else the named class's
  std::string job_type;              // special operations, as written
  std::optional<int> attempt;        // 1 the first sitting, 2 the one resit (补考)
  std::optional<Instant> started;    // computer exams: when the candidate began
  std::optional<Instant> submitted;  // and handed in
  SourceRef source;
};

// exams/<code>/staff.csv
struct StaffMember {
  std::string institution;
  std::string staff_id;
  std::string name;
  StaffRole role = StaffRole::kProctor;
  std::string employer;
  SourceRef source;
};

// exams/<code>/cameras.csv: a camera that must record every session held in its room.
struct Camera {
  std::string institution;
  std::string room;
  std::string camera;
  std::string position;
  SourceRef source;
};

// exams/<code>/recordings.csv (optional NVR index).
struct RecordingIndexEntry {
  std::string institution;
  std::string file;  // relative to exams/<code>/
  std::string room;
  std::string camera;
  std::optional<Instant> start;
  std::optional<Instant> end;  // what the NVR claims
  SourceRef source;
};

// bureau/certificates.csv (证书台账): the certificates the bureau issued.
struct Certificate {
  std::string cert_no;    // as written
  std::string holder_id;  // as written
  std::string name;
  CertificateKind kind = CertificateKind::kSpecialOperation;
  std::optional<Category> category;
  std::string job_type;  // special operations
  Date issue_date;
  std::optional<Date> valid_until;
  std::optional<Date> last_review;  // 最近复审日期
  bool review_extended = false;     // 令第30号 Art. 21: reviewed every 6 years instead of 3
  CertificateStatus status = CertificateStatus::kValid;
  SourceRef source;
};

// bureau/inspectors.csv (执法检查人员名录库): kept by the section itself, not by the institutions.
struct Inspector {
  std::string inspector_id;  // resident ID number, as written
  std::string name;
  std::string cert_no;  // law-enforcement certificate number (执法证号)
  std::string unit;
  std::vector<std::string> recuse;  // institution codes this inspector must not check
  bool active = true;
  SourceRef source;
};

// bureau/priority.csv (重点检查对象): always among the targets of a draw.
struct PriorityTarget {
  std::string code;
  std::string reason;  // as written (complaint, earlier violation, ...)
  SourceRef source;
};

// A problem met while loading: the run goes on, the report lists it.
struct LoadIssue {
  std::string file;    // archive-relative
  int line = 0;        // 0 = the whole file
  std::string column;  // header name as written, or empty
  std::string message_zh;
  std::string message_en;
};

// Which required files a folder lacked (feeds TRN-ARCHIVE-INCOMPLETE and friends).
struct MissingFile {
  std::string institution;
  std::string file;  // archive-relative path that should exist
};

// Everything loaded from the records of one archive.
struct ArchiveModel {
  std::vector<Institution> institutions;
  std::vector<TrainingClass> classes;
  std::vector<TrainingSession> sessions;
  std::vector<Attendance> attendance;
  std::vector<Trainee> trainees;
  std::vector<Teacher> teachers;
  std::vector<ExamPlanEntry> exam_plan;
  std::vector<ExamSession> exam_sessions;
  std::vector<Candidate> candidates;
  std::vector<StaffMember> staff;
  std::vector<Camera> cameras;
  std::vector<RecordingIndexEntry> recording_index;
  std::vector<Certificate> certificates;  // bureau/certificates.csv (optional)
  std::vector<Inspector> inspectors;      // bureau/: loaded by the draw, not by the audit
  std::vector<PriorityTarget> priority_targets;
  std::vector<MissingFile> missing_files;
  std::vector<LoadIssue> issues;
};

}  // namespace xk
