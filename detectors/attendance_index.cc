#include "detectors/attendance_index.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "detectors/finding_text.h"
#include "detectors/hours_math.h"

namespace xk::attendance {

std::string HoursParticulars(const std::string& syllabus_source, const AuditPolicy& policy) {
  return fmt::format("；{}规定的最低学时（1学时：线下{}分钟，线上{}分钟；容差 {:g} 学时）",
                     syllabus_source.empty() ? "培训大纲" : syllabus_source, policy.minutes_per_hour_offline,
                     policy.minutes_per_hour_online, policy.hours_short_tolerance);
}

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

}  // namespace xk::attendance
