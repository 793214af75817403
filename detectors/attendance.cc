#include "detectors/attendance.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "detectors/finding_text.h"
#include "detectors/hours_math.h"
#include "detectors/rule_table.h"

namespace xk {

namespace {

constexpr Instant kForever = std::numeric_limits<Instant>::max();
constexpr double kEpsilon = 1e-9;
constexpr size_t kListedPeople = 10;  // people named in a summary before "等"

// What a hours finding adds to the rule's citation: where the minimum comes from and the tolerance.
std::string HoursParticulars(const std::string& syllabus_source, const AuditPolicy& policy) {
  return fmt::format("；{}规定的最低学时（1学时：线下{}分钟，线上{}分钟；容差 {:g} 学时）",
                     syllabus_source.empty() ? "培训大纲" : syllabus_source, policy.minutes_per_hour_offline,
                     policy.minutes_per_hour_online, policy.hours_short_tolerance);
}

// "48" for whole hours, else "20.5" (rounded down to one decimal, so 47.98 never shows as 48).
std::string Hours(double hours) {
  if (std::abs(hours - std::round(hours)) < kEpsilon) return fmt::format("{:.0f}", hours);
  return FormatHours(hours);
}

const char* MethodZh(SignInMethod method) {
  switch (method) {
    case SignInMethod::kFace:
      return "人脸";
    case SignInMethod::kFingerprint:
      return "指纹";
    case SignInMethod::kIdCard:
      return "身份证";
    case SignInMethod::kManual:
      return "手签";
  }
  return "";
}
const char* MethodEn(SignInMethod method) {
  switch (method) {
    case SignInMethod::kFace:
      return "face";
    case SignInMethod::kFingerprint:
      return "fingerprint";
    case SignInMethod::kIdCard:
      return "ID card";
    case SignInMethod::kManual:
      return "manual";
  }
  return "";
}

std::string PersonZh(const std::string& name, const std::string& id) {
  return name.empty() ? id : fmt::format("{}（{}）", name, id);
}
std::string PersonEn(const std::string& name, const std::string& id) {
  return name.empty() ? id : fmt::format("{} ({})", name, id);
}

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

int32_t AttendanceIndex::InternClass(const std::string& institution, const std::string& class_id) {
  auto [it, inserted] = class_ids_.try_emplace(ClassKey(institution, class_id), static_cast<int32_t>(classes.size()));
  if (inserted) {
    ClassInfo info;
    info.institution = institution;
    info.class_id = class_id;
    classes.push_back(std::move(info));
  }
  return it->second;
}

// IDs already in key form (ASCII digits and capitals) skip PersonKey's copies.
int32_t AttendanceIndex::InternPerson(const std::string& id_as_written) {
  bool plain = !id_as_written.empty() && std::all_of(id_as_written.begin(), id_as_written.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  });
  if (plain) {
    auto it = person_ids_.find(id_as_written);
    if (it != person_ids_.end()) return it->second;
  }
  std::string key = plain ? id_as_written : PersonKey(id_as_written);
  if (key.empty()) return -1;
  auto [it, inserted] = person_ids_.try_emplace(key, static_cast<int32_t>(person_keys.size()));
  if (inserted) person_keys.push_back(key);
  return it->second;
}

AttendanceIndex::AttendanceIndex(const DetectorInput& input) : model(input.model), policy(input.policy) {
  for (const auto& institution : model.institutions) institution_names[institution.code] = institution.name;
  for (const auto& c : model.classes) {
    int32_t cls = InternClass(c.institution, c.class_id);
    if (!classes[cls].record) {
      classes[cls].record = &c;
      classes[cls].requirement = input.syllabus.Lookup(c);
    }
  }
  session_is_teaching.resize(model.sessions.size());
  for (size_t i = 0; i < model.sessions.size(); ++i) {
    const auto& s = model.sessions[i];
    session_is_teaching[i] = IsTeachingTime(s) ? 1 : 0;
    int32_t cls = InternClass(s.institution, s.class_id);
    classes[cls].sessions.try_emplace(s.session_id, static_cast<int32_t>(i));
  }

  // Sign-ins: consecutive rows mostly share institution, class and session, so the last lookup
  // is reused before hashing.
  rows.resize(model.attendance.size());
  person_ids_.reserve(model.attendance.size() / 16 + 16);
  const Attendance* previous = nullptr;
  for (size_t i = 0; i < model.attendance.size(); ++i) {
    const auto& a = model.attendance[i];
    Row& row = rows[i];
    if (previous && previous->institution == a.institution && previous->class_id == a.class_id) {
      row.cls = rows[i - 1].cls;
      row.session = previous->session_id == a.session_id ? rows[i - 1].session : [&] {
        auto it = classes[row.cls].sessions.find(a.session_id);
        return it == classes[row.cls].sessions.end() ? -1 : it->second;
      }();
    } else {
      row.cls = InternClass(a.institution, a.class_id);
      auto it = classes[row.cls].sessions.find(a.session_id);
      row.session = it == classes[row.cls].sessions.end() ? -1 : it->second;
    }
    previous = &a;
    ++classes[row.cls].attendance_rows;
    row.person = InternPerson(a.trainee_id);
    if (row.session >= 0) {
      const auto& s = model.sessions[row.session];
      row.window_start = std::max(s.start, a.check_in);
      row.window_end = std::min(s.end, a.check_out.value_or(s.end));
    }
  }

  for (const auto& t : model.trainees) {
    int32_t cls = InternClass(t.institution, t.class_id);
    int32_t person = InternPerson(t.trainee_id);
    if (person < 0) continue;
    RosterEntry& entry = roster[Pair(cls, person)];
    if (!entry.first) entry.first = &t;
    entry.completed = entry.completed || t.completed;
    entry.rows.push_back(t.source);
  }

  for (const auto& s : model.exam_sessions) {
    exam_sessions_.try_emplace(s.institution + '\x1f' + s.session_id, &s);
  }
  for (const auto& p : model.exam_plan) {
    exam_plan_.try_emplace(p.institution + '\x1f' + p.session_id, &p);
  }

  struct SortKey {
    uint64_t class_person;
    int32_t session;
    Instant window_start;
    uint32_t row;
  };
  std::vector<SortKey> keys;
  keys.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].person < 0) continue;
    keys.push_back(
        SortKey{Pair(rows[i].cls, rows[i].person), rows[i].session, rows[i].window_start, static_cast<uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(), [](const SortKey& a, const SortKey& b) {
    return std::tie(a.class_person, a.session, a.window_start, a.row) <
           std::tie(b.class_person, b.session, b.window_start, b.row);
  });
  by_class_person.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    by_class_person.push_back(keys[i].row);
    auto [it, inserted] =
        class_person_range.try_emplace(keys[i].class_person, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));
    if (!inserted) it->second.second = static_cast<uint32_t>(i + 1);
  }
}

double AttendanceIndex::AttendedHoursUntil(int32_t cls, int32_t person, Instant cutoff) const {
  auto [begin, end] = Range(cls, person);
  double hours = 0;
  uint32_t i = begin;
  while (i < end) {
    const int32_t session = rows[by_class_person[i]].session;
    // Union of this session's windows (sorted by start), cut at `cutoff`.
    int64_t covered = 0;
    Instant run_start = 0, run_end = 0;
    bool in_run = false;
    for (; i < end && rows[by_class_person[i]].session == session; ++i) {
      if (session < 0) continue;
      const Row& row = rows[by_class_person[i]];
      Instant from = row.window_start;
      Instant to = std::min(row.window_end, cutoff);
      if (to <= from) continue;
      if (in_run && from <= run_end) {
        run_end = std::max(run_end, to);
      } else {
        if (in_run) covered += run_end - run_start;
        run_start = from;
        run_end = to;
        in_run = true;
      }
    }
    if (in_run) covered += run_end - run_start;
    if (session >= 0 && session_is_teaching[session]) {
      hours += HoursFromSeconds(covered, model.sessions[session].mode, policy);
    }
  }
  return hours;
}

std::optional<ExamPlace> AttendanceIndex::ExamPlaceOf(const Candidate& candidate) const {
  const std::string key = candidate.institution + '\x1f' + candidate.session_id;
  if (auto it = exam_sessions_.find(key); it != exam_sessions_.end()) {
    return ExamPlace{it->second->start, it->second->end, it->second->room, it->second->source};
  }
  if (auto it = exam_plan_.find(key); it != exam_plan_.end()) {
    return ExamPlace{it->second->start, it->second->end, it->second->room, it->second->source};
  }
  return std::nullopt;
}

// Findings in (rule, institution, subject) order; one fact found twice (e.g. a duplicated candidate
// row) becomes one finding citing the rows of both.
std::vector<Finding> SortAndMerge(std::vector<Finding> findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.rule, a.institution, a.subject) < std::tie(b.rule, b.institution, b.subject);
  });
  std::vector<Finding> merged;
  merged.reserve(findings.size());
  for (auto& f : findings) {
    if (!merged.empty() && merged.back().rule == f.rule && merged.back().institution == f.institution &&
        merged.back().subject == f.subject) {
      auto& rows = merged.back().rows;
      rows.insert(rows.end(), f.rows.begin(), f.rows.end());
      SortRows(&rows);
      continue;
    }
    merged.push_back(std::move(f));
  }
  return merged;
}

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

// ---------------------------------------------------------------- TRN-ATTENDANCE-SHORT

void AttendanceRules::DetectShort(std::vector<Finding>* out) const {
  struct Who {
    bool completed = false;
    std::vector<const Candidate*> exams;
  };
  // (class, person) -> why the person's hours matter; std::map keeps the output in a stable order.
  std::map<std::pair<int32_t, int32_t>, Who> population;
  for (const auto& [pair, entry] : index_.roster) {
    if (!entry.completed) continue;
    int32_t cls = static_cast<int32_t>(pair >> 32);
    int32_t person = static_cast<int32_t>(pair & 0xffffffffu);
    if (Evaluable(cls)) population[{cls, person}].completed = true;
  }
  for (const auto& c : model_.candidates) {
    int32_t cls = index_.FindClass(c.training_institution, c.class_id);
    if (cls < 0 || !Evaluable(cls)) continue;
    int32_t person = index_.FindPerson(PersonKey(c.candidate_id));
    if (!KnownToClass(cls, person)) continue;  // EXM-CANDIDATE-UNTRAINED says so
    population[{cls, person}].exams.push_back(&c);
  }

  for (const auto& [key, who] : population) {
    const auto [cls, person] = key;
    const auto& info = index_.classes[cls];
    const double required = info.requirement->total_hours;
    const double attended = index_.AttendedHoursUntil(cls, person, kForever);
    if (attended + kEpsilon >= required - policy_.hours_short_tolerance) continue;

    const Candidate* exam = who.exams.empty() ? nullptr : who.exams.front();
    auto [name, id] = NameAndId(cls, person, exam ? exam->name : "", exam ? exam->candidate_id : "");
    Finding f = NewFinding(RuleId::kTrnAttendanceShort, info.institution,
                           "class=" + info.class_id + "|trainee=" + index_.person_keys[person],
                           info.record ? std::optional<Date>(info.record->start_date) : std::nullopt);
    f.class_id = info.class_id;
    f.trainee_id = id;
    f.people = {id};
    f.measured = attended;
    f.required = required;
    f.unit = "学时";
    f.rows.push_back(info.record->source);
    if (auto it = index_.roster.find(AttendanceIndex::Pair(cls, person)); it != index_.roster.end()) {
      f.rows.insert(f.rows.end(), it->second.rows.begin(), it->second.rows.end());
    }
    for (const Candidate* c : who.exams) f.rows.push_back(c->source);
    AddAttendanceRows(cls, person, &f.rows);
    SortRows(&f.rows);

    std::string status_zh, status_en;
    if (who.completed) {
      status_zh = "已结业";
      status_en = "is marked completed";
    }
    if (exam) {
      status_zh += fmt::format("{}已在考点 {} 场次 {} 参加考试", who.completed ? "并" : "",
                               index_.InstitutionLabel(exam->institution), exam->session_id);
      status_en +=
          fmt::format("{}sat exam session {} at {}", who.completed ? " and " : "", exam->session_id, exam->institution);
    }
    f.summary_zh = fmt::format("学员 {}{}，但签到记录仅支持 {} 学时，低于大纲要求的 {} 学时（{} 班级 {}）",
                               PersonZh(name, id), status_zh, Hours(attended), Hours(required),
                               index_.InstitutionLabel(info.institution), info.class_id);
    f.summary_en = fmt::format(
        "Trainee {} {}, but the sign-in records support only {} hours (学时), below the {} the "
        "syllabus requires (class {} of {})",
        PersonEn(name, id), status_en, Hours(attended), Hours(required), info.class_id, info.institution);
    f.basis += HoursParticulars(info.requirement->source, policy_);
    out->push_back(std::move(f));
  }
}

// ---------------------------------------------------------------- TRN-PROXY-SIGNIN (a)

void AttendanceRules::DetectSameSecond(std::vector<Finding>* out) const {
  struct Key {
    int32_t cls;
    int32_t person;
    Instant check_in;
    uint32_t row;
  };
  std::vector<Key> keys;
  keys.reserve(index_.rows.size());
  for (size_t i = 0; i < index_.rows.size(); ++i) {
    const auto& row = index_.rows[i];
    if (row.person < 0) continue;
    keys.push_back(Key{row.cls, row.person, model_.attendance[i].check_in, static_cast<uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.cls, a.check_in, a.person, a.row) < std::tie(b.cls, b.check_in, b.person, b.row);
  });
  const size_t threshold = static_cast<size_t>(std::max(1, policy_.proxy_same_second_count));
  size_t class_begin = 0;
  while (class_begin < keys.size()) {
    size_t class_end = class_begin;
    bool has_seconds = false;
    while (class_end < keys.size() && keys[class_end].cls == keys[class_begin].cls) {
      has_seconds = has_seconds || keys[class_end].check_in % 60 != 0;
      ++class_end;
    }
    // An export without seconds puts everyone who came in the same minute on ":00".
    if (has_seconds) {
      size_t run_begin = class_begin;
      while (run_begin < class_end) {
        size_t run_end = run_begin;
        size_t people = 0;
        while (run_end < class_end && keys[run_end].check_in == keys[run_begin].check_in) {
          if (run_end == run_begin || keys[run_end].person != keys[run_end - 1].person) ++people;
          ++run_end;
        }
        if (people >= threshold) {
          const int32_t cls = keys[run_begin].cls;
          const auto& info = index_.classes[cls];
          const Instant second = keys[run_begin].check_in;
          Finding f = NewFinding(RuleId::kTrnProxySignin, info.institution,
                                 "class=" + info.class_id + "|same_second=" + FormatInstant(second, zone_),
                                 LocalDate(second, zone_));
          f.class_id = info.class_id;
          f.start = second;
          f.end = second;
          f.measured = static_cast<double>(people);
          f.required = static_cast<double>(threshold);
          f.unit = "人";
          std::string names_zh, names_en, sessions, methods_zh, methods_en;
          std::vector<std::string> session_ids;
          std::vector<SignInMethod> methods;
          size_t listed = 0;
          for (size_t k = run_begin; k < run_end; ++k) {
            const auto& a = model_.attendance[keys[k].row];
            f.rows.push_back(a.source);
            if (std::find(session_ids.begin(), session_ids.end(), a.session_id) == session_ids.end()) {
              session_ids.push_back(a.session_id);
            }
            if (std::find(methods.begin(), methods.end(), a.method) == methods.end()) methods.push_back(a.method);
            if (k > run_begin && keys[k].person == keys[k - 1].person) continue;
            f.people.push_back(a.trainee_id);
            if (listed++ < kListedPeople) {
              std::string name = NameOfPerson(cls, keys[k].person);
              names_zh += (names_zh.empty() ? "" : "、") + PersonZh(name, a.trainee_id);
              names_en += (names_en.empty() ? "" : ", ") + PersonEn(name, a.trainee_id);
            }
          }
          if (people > kListedPeople) {
            names_zh += " 等";
            names_en += " and others";
          }
          for (size_t k = 0; k < session_ids.size(); ++k) sessions += (k ? "、" : "") + session_ids[k];
          for (size_t k = 0; k < methods.size(); ++k) {
            methods_zh += (k ? "、" : "") + std::string(MethodZh(methods[k]));
            methods_en += (k ? ", " : "") + std::string(MethodEn(methods[k]));
          }
          if (session_ids.size() == 1) f.session_id = session_ids.front();
          SortRows(&f.rows);
          f.summary_zh = fmt::format(
              "{} 班级 {} 有 {} 名学员在同一秒 {} 签到（课次 {}，签到方式：{}）：{}。同一秒内完成 "
              "{} 人以上签到不可能，疑似代签或批量补录",
              index_.InstitutionLabel(info.institution), info.class_id, people, FormatLocal(second, zone_), sessions,
              methods_zh, names_zh, threshold);
          f.summary_en = fmt::format(
              "{} trainees of class {} ({}) checked in in the same second, {} (session {}, method: "
              "{}): {}. {} or more check-ins in one second are impossible: proxy or bulk-entered "
              "sign-ins",
              people, info.class_id, info.institution, FormatLocal(second, zone_), sessions, methods_en, names_en,
              threshold);
          f.basis += fmt::format("；阈值：同一班级同一秒 {} 人及以上（可配置）", threshold);
          out->push_back(std::move(f));
        }
        run_begin = run_end;
      }
    }
    class_begin = class_end;
  }
}

// ---------------------------------------------------------------- TRN-PROXY-SIGNIN (b)

void AttendanceRules::DetectOutsideSession(std::vector<Finding>* out) const {
  const int64_t limit = static_cast<int64_t>(policy_.proxy_outside_session_minutes) * 60;
  // session index -> sign-in rows far outside it, in file order.
  std::map<int32_t, std::vector<uint32_t>> outside;
  for (size_t i = 0; i < index_.rows.size(); ++i) {
    const int32_t session = index_.rows[i].session;
    if (session < 0) continue;
    const auto& s = model_.sessions[session];
    const Instant check_in = model_.attendance[i].check_in;
    if (check_in < s.start - limit || check_in > s.end + limit) {
      outside[session].push_back(static_cast<uint32_t>(i));
    }
  }
  for (const auto& [session, row_ids] : outside) {
    const auto& s = model_.sessions[session];
    const int32_t cls = index_.rows[row_ids.front()].cls;
    Finding f =
        NewFinding(RuleId::kTrnProxySignin, s.institution,
                   "class=" + s.class_id + "|session=" + s.session_id + "|outside_session", LocalDate(s.start, zone_));
    f.class_id = s.class_id;
    f.session_id = s.session_id;
    if (!s.room.empty()) f.room = s.room;
    f.start = s.start;
    f.end = s.end;
    f.unit = "分钟";
    f.required = policy_.proxy_outside_session_minutes;
    f.rows.push_back(s.source);
    int64_t worst = 0;
    std::string list_zh, list_en;
    std::vector<int32_t> persons;
    for (size_t k = 0; k < row_ids.size(); ++k) {
      const auto& a = model_.attendance[row_ids[k]];
      f.rows.push_back(a.source);
      const int32_t person = index_.rows[row_ids[k]].person;
      if (std::find(persons.begin(), persons.end(), person) == persons.end()) {
        persons.push_back(person);
        f.people.push_back(a.trainee_id);
      }
      const bool before = a.check_in < s.start;
      const int64_t off = before ? s.start - a.check_in : a.check_in - s.end;
      worst = std::max(worst, off);
      if (k < kListedPeople) {
        const std::string name = person >= 0 ? NameOfPerson(cls, person) : "";
        list_zh += fmt::format("{}{} 于 {} 签到（{}{}）", k ? "；" : "", PersonZh(name, a.trainee_id),
                               FormatLocal(a.check_in, zone_), before ? "早于开始 " : "晚于结束 ", DurationZh(off));
        list_en +=
            fmt::format("{}{} checked in at {} ({} {})", k ? "; " : "", PersonEn(name, a.trainee_id),
                        FormatLocal(a.check_in, zone_), DurationEn(off), before ? "before the start" : "after the end");
      }
    }
    if (row_ids.size() > kListedPeople) {
      list_zh += " 等";
      list_en += " and others";
    }
    f.measured = static_cast<double>(worst) / 60.0;
    if (f.people.size() == 1) f.trainee_id = f.people.front();
    SortRows(&f.rows);
    f.summary_zh = fmt::format(
        "{} 班级 {} 课次 {}（{}）有 {} 条签到时间在课次前后 {} "
        "分钟以外：{}。签到远离上课时间，疑似代签或事后补录",
        index_.InstitutionLabel(s.institution), s.class_id, s.session_id, LocalRange(s.start, s.end, zone_),
        row_ids.size(), policy_.proxy_outside_session_minutes, list_zh);
    f.summary_en = fmt::format(
        "{} check-in(s) to session {} of class {} ({}, {}) more than {} minutes before its start "
        "or after its end: {}. Check-ins far from the lesson suggest proxy or after-the-fact "
        "sign-ins",
        row_ids.size(), s.session_id, s.class_id, s.institution, LocalRange(s.start, s.end, zone_),
        policy_.proxy_outside_session_minutes, list_en);
    f.basis += fmt::format("；阈值：签到早于课次开始或晚于课次结束超过 {} 分钟（可配置）",
                           policy_.proxy_outside_session_minutes);
    out->push_back(std::move(f));
  }
}

// ---------------------------------------------------------------- TRN-PROXY-SIGNIN (c) and (d)

void AttendanceRules::DetectOverlaps(std::vector<Finding>* out) const {
  struct Window {
    int32_t person;
    Instant start;
    Instant end;
    uint32_t row;
  };
  std::vector<Window> windows;
  windows.reserve(index_.rows.size());
  for (size_t i = 0; i < index_.rows.size(); ++i) {
    const auto& row = index_.rows[i];
    if (row.person < 0 || row.session < 0 || row.window_end <= row.window_start) continue;
    windows.push_back(Window{row.person, row.window_start, row.window_end, static_cast<uint32_t>(i)});
  }
  std::sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) {
    return std::tie(a.person, a.start, a.end, a.row) < std::tie(b.person, b.start, b.end, b.row);
  });

  // (c) Sweep each person's windows in time; the open ones overlap the next that starts before
  // they end. Pairs are gathered per (person, class pair).
  struct Overlap {
    uint32_t first_row, second_row;  // first_row's class has the smaller key
    Instant start, end;
  };
  std::map<std::tuple<std::string, int32_t, int32_t>, std::vector<Overlap>> clashes;
  std::vector<const Window*> open;
  for (size_t i = 0; i < windows.size(); ++i) {
    const Window& w = windows[i];
    if (i == 0 || windows[i - 1].person != w.person) open.clear();
    std::erase_if(open, [&](const Window* o) { return o->end <= w.start; });
    const auto& row = index_.rows[w.row];
    for (const Window* o : open) {
      const auto& other = index_.rows[o->row];
      if (other.cls == row.cls) continue;
      const auto& s1 = model_.sessions[row.session];
      const auto& s2 = model_.sessions[other.session];
      if (s1.institution == s2.institution && !s1.room.empty() && PersonKey(s1.room) == PersonKey(s2.room) &&
          s1.start == s2.start && s1.end == s2.end) {
        continue;  // combined lecture (合班授课)
      }
      Overlap overlap{o->row, w.row, std::max(o->start, w.start), std::min(o->end, w.end)};
      int32_t first_cls = other.cls, second_cls = row.cls;
      if (index_.ClassKeyText(second_cls) < index_.ClassKeyText(first_cls)) {
        std::swap(first_cls, second_cls);
        std::swap(overlap.first_row, overlap.second_row);
      }
      clashes[{index_.person_keys[w.person], first_cls, second_cls}].push_back(overlap);
    }
    open.push_back(&w);
  }
  for (const auto& [key, overlaps] : clashes) {
    const auto& [person_key, first_cls, second_cls] = key;
    const auto& first_info = index_.classes[first_cls];
    const auto& second_info = index_.classes[second_cls];
    const auto& first_attendance = model_.attendance[overlaps.front().first_row];
    const int32_t person = index_.rows[overlaps.front().first_row].person;
    std::string name = NameOfPerson(first_cls, person);
    if (name.empty()) name = NameOfPerson(second_cls, person);
    const bool cross = first_info.institution != second_info.institution;
    Finding f = NewFinding(
        RuleId::kTrnProxySignin, first_info.institution,
        "trainee=" + person_key + "|" + index_.ClassKeyText(first_cls) + "|" + index_.ClassKeyText(second_cls),
        LocalDate(overlaps.front().start, zone_));
    f.class_id = first_info.class_id;
    f.trainee_id = first_attendance.trainee_id;
    f.people = {first_attendance.trainee_id};
    f.unit = "分钟";
    f.required = 0;
    Instant start = kForever, end = std::numeric_limits<Instant>::min();
    int64_t overlap_seconds = 0;
    std::string list_zh, list_en;
    for (size_t k = 0; k < overlaps.size(); ++k) {
      const Overlap& o = overlaps[k];
      const auto& a1 = model_.attendance[o.first_row];
      const auto& a2 = model_.attendance[o.second_row];
      const auto& s1 = model_.sessions[index_.rows[o.first_row].session];
      const auto& s2 = model_.sessions[index_.rows[o.second_row].session];
      f.rows.insert(f.rows.end(), {a1.source, a2.source, s1.source, s2.source});
      if (a2.trainee_id != f.people.front() &&
          std::find(f.people.begin(), f.people.end(), a2.trainee_id) == f.people.end()) {
        f.people.push_back(a2.trainee_id);
      }
      start = std::min(start, o.start);
      end = std::max(end, o.end);
      overlap_seconds += o.end - o.start;
      if (k < kListedPeople) {
        list_zh += fmt::format("{}课次 {}（{}）与课次 {}（{}）重叠 {}", k ? "；" : "", s1.session_id,
                               LocalRange(s1.start, s1.end, zone_), s2.session_id, LocalRange(s2.start, s2.end, zone_),
                               DurationZh(o.end - o.start));
        list_en += fmt::format("{}session {} ({}) and session {} ({}) overlap by {}", k ? "; " : "", s1.session_id,
                               LocalRange(s1.start, s1.end, zone_), s2.session_id, LocalRange(s2.start, s2.end, zone_),
                               DurationEn(o.end - o.start));
      }
    }
    if (overlaps.size() > kListedPeople) {
      list_zh += " 等";
      list_en += " and more";
    }
    f.start = start;
    f.end = end;
    f.measured = static_cast<double>(overlap_seconds) / 60.0;
    SortRows(&f.rows);
    f.summary_zh = fmt::format(
        "学员 {} 同时签到于两个班级的重叠课次（{} 处）：{} 班级 {} 与 {} 班级 "
        "{}{}；{}。一人不可能同时在两处上课，疑似代签",
        PersonZh(name, f.people.front()), overlaps.size(), index_.InstitutionLabel(first_info.institution),
        first_info.class_id, index_.InstitutionLabel(second_info.institution), second_info.class_id,
        cross ? "（跨培训机构）" : "", list_zh);
    f.summary_en = fmt::format(
        "Trainee {} is signed in to overlapping sessions of two classes ({} times): class {} of {} "
        "and "
        "class {} of {}{}; {}. One person cannot attend two lessons at once: proxy sign-in",
        PersonEn(name, f.people.front()), overlaps.size(), first_info.class_id, first_info.institution,
        second_info.class_id, second_info.institution, cross ? " (two training institutions)" : "", list_en);
    f.basis += "；判定：同一人在不同班级课次的签到时段重叠超过 0 秒";
    out->push_back(std::move(f));
  }

  // (d) Exam rooms: a candidate's exam window against the same person's attended windows.
  struct ExamStay {
    ExamPlace place;
    const Candidate* candidate;
  };
  std::unordered_map<int32_t, std::vector<ExamStay>> exams_by_person;
  for (const auto& c : model_.candidates) {
    int32_t person = index_.FindPerson(PersonKey(c.candidate_id));
    if (person < 0) continue;
    auto place = index_.ExamPlaceOf(c);
    if (!place || place->end <= place->start) continue;
    exams_by_person[person].push_back(ExamStay{*place, &c});
  }
  if (exams_by_person.empty()) return;
  // (candidate row, training institution) -> sign-in rows overlapping that exam.
  std::map<std::pair<const Candidate*, std::string>, std::vector<uint32_t>> in_exam;
  for (const Window& w : windows) {
    auto it = exams_by_person.find(w.person);
    if (it == exams_by_person.end()) continue;
    for (const ExamStay& stay : it->second) {
      if (w.start < stay.place.end && stay.place.start < w.end) {
        in_exam[{stay.candidate, index_.classes[index_.rows[w.row].cls].institution}].push_back(w.row);
      }
    }
  }
  for (const auto& [key, row_ids] : in_exam) {
    const auto& [candidate, training_institution] = key;
    const ExamPlace place = *index_.ExamPlaceOf(*candidate);
    const int32_t first_cls = index_.rows[row_ids.front()].cls;
    const auto& first_attendance = model_.attendance[row_ids.front()];
    std::string name = NameOfPerson(first_cls, index_.rows[row_ids.front()].person);
    if (name.empty()) name = candidate->name;
    Finding f = NewFinding(RuleId::kTrnProxySignin, training_institution,
                           "trainee=" + index_.person_keys[index_.rows[row_ids.front()].person] +
                               "|exam=" + candidate->institution + "/" + candidate->session_id,
                           LocalDate(place.start, zone_));
    f.trainee_id = first_attendance.trainee_id;
    f.people = {first_attendance.trainee_id};
    if (candidate->candidate_id != first_attendance.trainee_id) f.people.push_back(candidate->candidate_id);
    f.start = place.start;
    f.end = place.end;
    f.unit = "分钟";
    f.required = 0;
    f.rows = {candidate->source, place.source};
    int64_t overlap_seconds = 0;
    std::string list_zh, list_en;
    bool one_class = true;
    for (size_t k = 0; k < row_ids.size(); ++k) {
      const auto& a = model_.attendance[row_ids[k]];
      const auto& row = index_.rows[row_ids[k]];
      const auto& s = model_.sessions[row.session];
      one_class = one_class && row.cls == first_cls;
      f.rows.push_back(a.source);
      f.rows.push_back(s.source);
      overlap_seconds += std::min(row.window_end, place.end) - std::max(row.window_start, place.start);
      if (k < kListedPeople) {
        list_zh += fmt::format("{}班级 {} 课次 {}（{}）于 {} 签到", k ? "；" : "", s.class_id, s.session_id,
                               LocalRange(s.start, s.end, zone_), FormatLocal(a.check_in, zone_));
        list_en += fmt::format("{}class {} session {} ({}), checked in at {}", k ? "; " : "", s.class_id, s.session_id,
                               LocalRange(s.start, s.end, zone_), FormatLocal(a.check_in, zone_));
      }
    }
    if (row_ids.size() > kListedPeople) {
      list_zh += " 等";
      list_en += " and more";
    }
    if (one_class) f.class_id = index_.classes[first_cls].class_id;
    f.measured = static_cast<double>(overlap_seconds) / 60.0;
    SortRows(&f.rows);
    f.summary_zh = fmt::format(
        "学员 {} 在 {} 于考点 {}{} 参加考试（场次 {}），同一时段却有 {} "
        "的培训签到记录：{}。一人不可能同时在考场和课堂，培训签到疑似代签",
        PersonZh(name, first_attendance.trainee_id), LocalRange(place.start, place.end, zone_),
        index_.InstitutionLabel(candidate->institution), place.room.empty() ? "" : " 考场 " + place.room,
        candidate->session_id, index_.InstitutionLabel(training_institution), list_zh);
    f.summary_en = fmt::format(
        "Trainee {} sat exam session {} at {}{} during {}, yet {} records training check-ins at "
        "the "
        "same time: {}. One person cannot be in an exam room and a classroom at once: proxy "
        "sign-in",
        PersonEn(name, first_attendance.trainee_id), candidate->session_id, candidate->institution,
        place.room.empty() ? "" : " room " + place.room, LocalRange(place.start, place.end, zone_),
        training_institution, list_en);
    f.basis += "；判定：培训签到时段与本人考试时段（考场记录，缺则考试计划）重叠超过 0 秒";
    out->push_back(std::move(f));
  }
}

// ---------------------------------------------------------------- TRN-EXAM-BEFORE-TRAINING

void AttendanceRules::DetectExamBeforeTraining(std::vector<Finding>* out) const {
  for (const auto& c : model_.candidates) {
    const int32_t cls = index_.FindClass(c.training_institution, c.class_id);
    if (cls < 0) continue;
    const auto& info = index_.classes[cls];
    if (!info.record) continue;
    const int32_t person = index_.FindPerson(PersonKey(c.candidate_id));
    if (!KnownToClass(cls, person)) continue;  // EXM-CANDIDATE-UNTRAINED says so
    auto place = index_.ExamPlaceOf(c);
    if (!place) continue;  // no time known for the exam: EXM-PLAN-DEVIATION says so

    const Date exam_date = LocalDate(place->start, zone_);
    const bool before_end = exam_date < info.record->end_date;
    bool short_at_exam = false;
    double hours_at_exam = 0, hours_total = 0, required = 0;
    const bool hours_known = Evaluable(cls);
    if (hours_known) {
      required = info.requirement->total_hours - policy_.hours_short_tolerance;
      hours_at_exam = index_.AttendedHoursUntil(cls, person, place->start);
      hours_total = index_.AttendedHoursUntil(cls, person, kForever);
      short_at_exam = hours_at_exam + kEpsilon < required && hours_total + kEpsilon >= required;
    }
    if (!before_end && !short_at_exam) continue;

    auto [name, id] = NameAndId(cls, person, c.name, c.candidate_id);
    Finding f =
        NewFinding(RuleId::kTrnExamBeforeTraining, info.institution,
                   "trainee=" + index_.person_keys[person] + "|exam=" + c.institution + "/" + c.session_id, exam_date);
    f.class_id = info.class_id;
    f.session_id = c.session_id;
    f.trainee_id = id;
    f.people = {id};
    if (c.candidate_id != id) f.people.push_back(c.candidate_id);
    if (!place->room.empty()) f.room = place->room;
    f.start = place->start;
    f.end = place->end;
    if (hours_known) {
      f.measured = hours_at_exam;
      f.required = info.requirement->total_hours;
      f.unit = "学时";
    }
    f.rows = {c.source, place->source, info.record->source};
    if (auto it = index_.roster.find(AttendanceIndex::Pair(cls, person)); it != index_.roster.end()) {
      f.rows.insert(f.rows.end(), it->second.rows.begin(), it->second.rows.end());
    }
    AddAttendanceRows(cls, person, &f.rows);
    SortRows(&f.rows);

    std::vector<std::string> zh, en;
    if (before_end) {
      zh.push_back(fmt::format("考试日期早于所在班级的结业日期 {}", FormatDate(info.record->end_date)));
      en.push_back(fmt::format("the exam was before the class's end date {}", FormatDate(info.record->end_date)));
    }
    if (hours_known) {
      if (short_at_exam) {
        zh.push_back(fmt::format("考试前签到仅 {} 学时，未达大纲要求的 {} 学时（全部签到 {} 学时，其余在考后）",
                                 Hours(hours_at_exam), Hours(info.requirement->total_hours), Hours(hours_total)));
        en.push_back(
            fmt::format("only {} hours were attended before the exam, of the {} the syllabus "
                        "requires ({} in all, the rest after the exam)",
                        Hours(hours_at_exam), Hours(info.requirement->total_hours), Hours(hours_total)));
      } else {
        zh.push_back(fmt::format("考试前已签到 {} 学时", Hours(hours_at_exam)));
        en.push_back(fmt::format("{} hours had been attended before the exam", Hours(hours_at_exam)));
      }
    }
    std::string why_zh, why_en;
    for (size_t k = 0; k < zh.size(); ++k) {
      why_zh += (k ? "；" : "") + zh[k];
      why_en += (k ? "; " : "") + en[k];
    }
    f.summary_zh = fmt::format(
        "{} 班级 {} 学员 {} 于 {} 在考点 {} 场次 {} "
        "参加考试：{}。培训未完成即参加考试，疑似“包过班”",
        index_.InstitutionLabel(info.institution), info.class_id, PersonZh(name, id), FormatLocal(place->start, zone_),
        index_.InstitutionLabel(c.institution), c.session_id, why_zh);
    f.summary_en = fmt::format(
        "Trainee {} (class {} of {}) sat exam session {} at {} on {}: {}. Examined before the "
        "training was complete: a guaranteed-pass class (包过班) signal",
        PersonEn(name, id), info.class_id, info.institution, c.session_id, c.institution,
        FormatLocal(place->start, zone_), why_en);
    f.basis +=
        fmt::format("；{}规定的最低学时，培训完成后方可结业参加考试",
                    info.requirement && !info.requirement->source.empty() ? info.requirement->source : "培训大纲");
    out->push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> DetectAttendanceRules(const DetectorInput& input) {
  AttendanceRules rules(input);
  std::vector<Finding> findings;
  rules.DetectShort(&findings);
  rules.DetectSameSecond(&findings);
  rules.DetectOutsideSession(&findings);
  rules.DetectOverlaps(&findings);
  rules.DetectExamBeforeTraining(&findings);
  return SortAndMerge(std::move(findings));
}

}  // namespace xk
