// TRN-PROXY-SIGNIN (a) many check-ins in one second on one class and (b) check-ins far outside
// the session.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "detectors/attendance_index.h"
#include "detectors/finding_text.h"
#include "detectors/hours_math.h"
#include "detectors/rule_table.h"

namespace xk::attendance {

// ---------------------------------------------------------------- TRN-PROXY-SIGNIN (a)

void AttendanceRules::DetectSameSecond(std::vector<Finding>* out) const {
  struct Key {
    int32_t cls;
    Instant check_in;
    int32_t person;
    uint32_t row;
    auto operator<=>(const Key&) const = default;  // each class's check-ins in time
  };
  const std::vector<Key> keys =
      index_.SortedKeys<Key>([&](const AttendanceIndex::Row& row, uint32_t i) -> std::optional<Key> {
        if (row.person < 0) return std::nullopt;
        return Key{row.cls, model_.attendance[i].check_in, row.person, i};
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

}  // namespace xk::attendance
