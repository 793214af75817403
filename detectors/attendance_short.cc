// TRN-ATTENDANCE-SHORT (a trainee completed with fewer hours signed in than the syllabus asks) and
// TRN-EXAM-BEFORE-TRAINING (an exam sat before the hours were attended).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "detectors/attendance_index.h"
#include "detectors/finding_text.h"
#include "detectors/hours_math.h"
#include "detectors/rule_table.h"

namespace xk::attendance {

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

}  // namespace xk::attendance
