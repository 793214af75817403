// TRN-PROXY-SIGNIN (c) and (d): one person signed in at two places at once.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "detectors/attendance_index.h"
#include "detectors/finding_text.h"
#include "detectors/hours_math.h"
#include "detectors/overlap_sweep.h"
#include "detectors/rule_table.h"

namespace xk::attendance {

// ---------------------------------------------------------------- TRN-PROXY-SIGNIN (c) and (d)

void AttendanceRules::DetectOverlaps(std::vector<Finding>* out) const {
  struct Window {
    int32_t person;
    Instant start;
    Instant end;
    uint32_t row;
    auto operator<=>(const Window&) const = default;  // each person's windows in time
  };
  const std::vector<Window> windows =
      index_.SortedKeys<Window>([](const AttendanceIndex::Row& row, uint32_t i) -> std::optional<Window> {
        if (row.person < 0 || row.session < 0 || row.window_end <= row.window_start) return std::nullopt;
        return Window{row.person, row.window_start, row.window_end, i};
      });

  // (c) Sweep each person's windows in time; the open ones overlap the next that starts before
  // they end. Pairs are gathered per (person, class pair).
  struct Overlap {
    uint32_t first_row, second_row;  // first_row's class has the smaller key
    Instant start, end;
  };
  std::map<std::tuple<std::string, int32_t, int32_t>, std::vector<Overlap>> clashes;
  auto same_person = [](const Window& a, const Window& b) { return a.person == b.person; };
  ForEachOverlap(windows, same_person, [&](const Window& o, const Window& w) {
    const auto& row = index_.rows[w.row];
    const auto& other = index_.rows[o.row];
    if (other.cls == row.cls) return;
    const auto& s1 = model_.sessions[row.session];
    const auto& s2 = model_.sessions[other.session];
    if (s1.institution == s2.institution && !s1.room.empty() && PersonKey(s1.room) == PersonKey(s2.room) &&
        s1.start == s2.start && s1.end == s2.end) {
      return;  // combined lecture (合班授课)
    }
    Overlap overlap{o.row, w.row, std::max(o.start, w.start), std::min(o.end, w.end)};
    int32_t first_cls = other.cls, second_cls = row.cls;
    if (index_.ClassKeyText(second_cls) < index_.ClassKeyText(first_cls)) {
      std::swap(first_cls, second_cls);
      std::swap(overlap.first_row, overlap.second_row);
    }
    clashes[{index_.person_keys[w.person], first_cls, second_cls}].push_back(overlap);
  });
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

}  // namespace xk::attendance
