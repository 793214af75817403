#include "detectors/filmed_sessions.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace xk {

namespace {

// The two kinds of filmed session, exam rooms first.
constexpr VideoRuleSet kVideoRuleSets[] = {
    {RuleId::kExmVideoMissing, RuleId::kExmVideoGap, RuleId::kExmVideoUnreadable, RuleId::kExmVideoBlack,
     RuleId::kExmVideoFrozen, RuleId::kExmVideoReplay, "考场", "room", "考试全过程录像", "考试现场"},
    {RuleId::kTrnVideoMissing, RuleId::kTrnVideoGap, RuleId::kTrnVideoUnreadable, RuleId::kTrnVideoBlack,
     RuleId::kTrnVideoFrozen, RuleId::kTrnVideoReplay, "教室", "classroom", "线下培训全过程录像", "培训现场"},
};

}  // namespace

const VideoRuleSet& ExamVideoRules() { return kVideoRuleSets[0]; }
const VideoRuleSet& ClassroomVideoRules() { return kVideoRuleSets[1]; }

std::string FilmedSession::LabelZh() const {
  return classroom() ? fmt::format("班级 {} 课次 {}", class_id, session_id) : fmt::format("场次 {}", session_id);
}

std::string FilmedSession::LabelEn() const {
  return classroom() ? fmt::format("class {} session {}", class_id, session_id) : fmt::format("session {}", session_id);
}

Date ClassroomVideoFrom(const AuditPolicy& policy) {
  const int value = policy.classroom_video_from;
  const int month = std::clamp(value / 100 % 100, 1, 12);
  const int day = std::clamp(value % 100, 1, 31);
  return DateFromYmd(value / 10000, month, day);
}

bool IsTrainingInstitution(const ArchiveModel& model, const std::string& institution) {
  return std::any_of(model.institutions.begin(), model.institutions.end(), [&](const Institution& i) {
    return i.code == institution && i.kind == InstitutionKind::kTraining;
  });
}

std::vector<FilmedSession> FilmedSessions(const DetectorInput& input) {
  // An exam session or a timetabled training session, to be judged by `rules`.
  auto filmed = [](const auto& session, const VideoRuleSet& rules) {
    return FilmedSession{.rules = &rules,
                         .institution = session.institution,
                         .session_id = session.session_id,
                         .room = session.room,
                         .date = session.date,
                         .start = session.start,
                         .end = session.end,
                         .source = session.source};
  };
  std::vector<FilmedSession> out;
  for (const ExamSession& s : input.model.exam_sessions) {
    if (s.room.empty()) continue;  // no room recorded: nothing to place its cameras by
    out.push_back(filmed(s, ExamVideoRules()));
  }
  // Offline sessions from the first day filming is required. One without a room is filmed all the
  // same: it is judged with no camera to match, so leaving the room out cannot hide a session.
  const Date first_day = ClassroomVideoFrom(input.policy);
  const size_t first_classroom = out.size();
  std::unordered_map<std::string, size_t> by_session;  // institution, class, session -> index in out
  auto session_key = [](const std::string& institution, const std::string& class_id, const std::string& session_id) {
    return institution + '\x1f' + class_id + '\x1f' + session_id;
  };
  for (const TrainingSession& s : input.model.sessions) {
    const bool offline = s.mode == SessionMode::kTheory || s.mode == SessionMode::kPractical;
    if (!offline || s.date < first_day) continue;
    if (!AppliesOn(RuleId::kTrnVideoMissing, s.date)) continue;
    FilmedSession f = filmed(s, ClassroomVideoRules());
    f.class_id = s.class_id;
    by_session.emplace(session_key(s.institution, s.class_id, s.session_id), out.size());
    out.push_back(std::move(f));
  }
  if (out.size() == first_classroom) return out;  // nothing filmed: no need to count sign-ins
  for (const Attendance& a : input.model.attendance) {
    auto it = by_session.find(session_key(a.institution, a.class_id, a.session_id));
    if (it != by_session.end()) ++out[it->second].sign_ins;
  }
  return out;
}

}  // namespace xk
