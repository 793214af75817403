// The attendance rules' shared parts (detectors/attendance.h runs them): an index of the archive
// built once (classes, people and sign-ins as small integers, sign-ins sorted so that each
// question is a range scan), the rules' class, and the words their findings share. Internal to
// detectors/attendance*.cc.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "detectors/detector_input.h"
#include "records/finding.h"

namespace xk::attendance {

inline constexpr Instant kForever = std::numeric_limits<Instant>::max();
inline constexpr double kEpsilon = 1e-9;
inline constexpr size_t kListedPeople = 10;  // people named in a summary before "等"

// What a hours finding adds to the rule's citation: where the minimum comes from and the tolerance.
std::string HoursParticulars(const std::string& syllabus_source, const AuditPolicy& policy);
// "48" for whole hours, else "20.5" (rounded down to one decimal, so 47.98 never shows as 48).
std::string Hours(double hours);
const char* MethodZh(SignInMethod method);
const char* MethodEn(SignInMethod method);
std::string PersonZh(const std::string& name, const std::string& id);
std::string PersonEn(const std::string& name, const std::string& id);

// Where and when a candidate sat an exam: the room record, else the plan.
struct ExamPlace {
  Instant start = 0;
  Instant end = 0;
  std::string room;
  SourceRef source;
};

// Everything the three rules look up, built once: classes, people and sign-ins as small integers,
// sign-ins sorted so that each question is a range scan.
class AttendanceIndex {
 public:
  struct ClassInfo {
    std::string institution;
    std::string class_id;
    const TrainingClass* record = nullptr;
    std::optional<SyllabusRequirement> requirement;
    std::unordered_map<std::string, int32_t> sessions;  // session id -> index in model.sessions
    size_t attendance_rows = 0;
  };
  // The sign-in row as numbers; window = the part of check-in..check-out inside the session.
  struct Row {
    int32_t cls = -1;
    int32_t person = -1;
    int32_t session = -1;  // -1: the timetable lacks the session
    Instant window_start = 0;
    Instant window_end = 0;  // <= window_start: nothing attended
  };
  struct RosterEntry {
    const Trainee* first = nullptr;
    bool completed = false;
    std::vector<SourceRef> rows;
  };

  explicit AttendanceIndex(const DetectorInput& input);

  const ArchiveModel& model;
  const AuditPolicy& policy;
  std::vector<ClassInfo> classes;
  std::vector<std::string> person_keys;
  std::vector<Row> rows;                             // parallel to model.attendance
  std::vector<char> session_is_teaching;             // parallel to model.sessions
  std::unordered_map<uint64_t, RosterEntry> roster;  // (class, person)
  // Sign-ins ordered by (class, person, session, window start): a (class, person) is one range.
  std::vector<uint32_t> by_class_person;
  std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> class_person_range;
  std::unordered_map<std::string, std::string> institution_names;

  int32_t FindClass(const std::string& institution, const std::string& class_id) const {
    auto it = class_ids_.find(ClassKey(institution, class_id));
    return it == class_ids_.end() ? -1 : it->second;
  }
  int32_t FindPerson(const std::string& key) const {
    auto it = person_ids_.find(key);
    return it == person_ids_.end() ? -1 : it->second;
  }
  static uint64_t Pair(int32_t a, int32_t b) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
  }
  std::pair<uint32_t, uint32_t> Range(int32_t cls, int32_t person) const {
    auto it = class_person_range.find(Pair(cls, person));
    return it == class_person_range.end() ? std::pair<uint32_t, uint32_t>{0, 0} : it->second;
  }
  // The keys `key_of(row, row_number)` gives the sign-in rows it keeps (a std::optional<Key>),
  // sorted: the order a rule sweeps the sign-ins in is the order of its Key's members.
  template <typename Key, typename KeyOf>
  std::vector<Key> SortedKeys(KeyOf key_of) const {
    std::vector<Key> keys;
    keys.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      if (std::optional<Key> key = key_of(rows[i], static_cast<uint32_t>(i))) keys.push_back(*key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
  }
  // Attended hours of (class, person) in teaching sessions, counting only time before `cutoff`.
  double AttendedHoursUntil(int32_t cls, int32_t person, Instant cutoff) const;
  std::optional<ExamPlace> ExamPlaceOf(const Candidate& candidate) const;
  std::string InstitutionLabel(const std::string& code) const {
    auto it = institution_names.find(code);
    if (it == institution_names.end() || it->second.empty()) return code;
    return fmt::format("{}（{}）", code, it->second);
  }
  std::string ClassKeyText(int32_t cls) const { return classes[cls].institution + "/" + classes[cls].class_id; }

 private:
  static std::string ClassKey(const std::string& institution, const std::string& class_id) {
    std::string key;
    key.reserve(institution.size() + class_id.size() + 1);
    key += institution;
    key += '\x1f';
    key += class_id;
    return key;
  }
  int32_t InternClass(const std::string& institution, const std::string& class_id);
  int32_t InternPerson(const std::string& id_as_written);

  std::unordered_map<std::string, int32_t> class_ids_;
  std::unordered_map<std::string, int32_t> person_ids_;
  std::unordered_map<std::string, const ExamSession*> exam_sessions_;  // centre \x1f session
  std::unordered_map<std::string, const ExamPlanEntry*> exam_plan_;
};

class AttendanceRules {
 public:
  explicit AttendanceRules(const DetectorInput& input)
      : index_(input), model_(input.model), policy_(input.policy), zone_(input.policy.zone) {}

  void DetectShort(std::vector<Finding>* out) const;
  void DetectSameSecond(std::vector<Finding>* out) const;
  void DetectOutsideSession(std::vector<Finding>* out) const;
  void DetectOverlaps(std::vector<Finding>* out) const;
  void DetectExamBeforeTraining(std::vector<Finding>* out) const;

 private:
  // Whether the class's sign-ins can be judged against its syllabus (see the header).
  bool Evaluable(int32_t cls) const {
    const auto& info = index_.classes[cls];
    return info.record && info.requirement && !info.sessions.empty() && info.attendance_rows > 0;
  }
  bool KnownToClass(int32_t cls, int32_t person) const {
    if (person < 0) return false;
    if (index_.roster.count(AttendanceIndex::Pair(cls, person))) return true;
    auto [begin, end] = index_.Range(cls, person);
    return end > begin;
  }
  // The name and ID as written of a person in a class: roster first, then what `fallback` says.
  std::pair<std::string, std::string> NameAndId(int32_t cls, int32_t person, const std::string& fallback_name,
                                                const std::string& fallback_id) const {
    auto it = index_.roster.find(AttendanceIndex::Pair(cls, person));
    if (it != index_.roster.end()) {
      return {it->second.first->name.empty() ? fallback_name : it->second.first->name, it->second.first->trainee_id};
    }
    return {fallback_name, fallback_id};
  }
  std::string NameOfPerson(int32_t cls, int32_t person) const {
    auto it = index_.roster.find(AttendanceIndex::Pair(cls, person));
    return it == index_.roster.end() ? std::string() : it->second.first->name;
  }
  void AddAttendanceRows(int32_t cls, int32_t person, std::vector<SourceRef>* out) const {
    auto [begin, end] = index_.Range(cls, person);
    for (uint32_t i = begin; i < end; ++i) out->push_back(model_.attendance[index_.by_class_person[i]].source);
  }

  AttendanceIndex index_;
  const ArchiveModel& model_;
  const AuditPolicy& policy_;
  const TimeZone& zone_;
};

}  // namespace xk::attendance
