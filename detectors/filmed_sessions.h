// The sessions that must be filmed end to end, exam and classroom alike, and which rules judge
// their video. An exam session held in a room (exams/<code>/sessions.csv) is judged by the
// EXM-VIDEO-* rules; a timetabled offline training session (theory or practical, in the room of
// training/<code>/sessions.csv `room`) on or after `classroom_video_from` by the TRN-VIDEO-*
// rules — also when the timetable names no room: it is then matched to no camera, so leaving the
// room out cannot keep a session from being judged. The coverage and picture rules work on these, so one check serves
// both.
#pragma once

#include <string>
#include <vector>

#include "detectors/detector_input.h"
#include "detectors/rule_table.h"

namespace xk {

// The rules (and the words) for one kind of filmed session.
struct VideoRuleSet {
  RuleId missing, gap, unreadable, black, frozen, replay;
  const char* place_zh;    // "考场" | "教室"
  const char* place_en;    // "room" | "classroom"
  const char* filming_zh;  // what was required: "考试全过程录像" | "培训全过程录像"
  const char* scene_zh;    // what the footage should show: "考试现场" | "培训现场"
};
const VideoRuleSet& ExamVideoRules();
const VideoRuleSet& ClassroomVideoRules();

struct FilmedSession {
  const VideoRuleSet* rules = &ExamVideoRules();
  std::string institution;
  std::string class_id;  // classroom sessions only
  std::string session_id;
  std::string room;
  Date date;
  Instant start = 0;
  Instant end = 0;
  SourceRef source;  // the timetable or room-record row
  int sign_ins = 0;  // classroom sessions: rows of attendance.csv for the session

  bool classroom() const { return rules == &ClassroomVideoRules(); }
  // "场次 S1" or "班级 C1 课次 K3" (zh); "session S1" or "class C1 session K3" (en).
  std::string LabelZh() const;
  std::string LabelEn() const;
  // The session in a finding's subject: "S1", or "C1/K3" (a session id is unique within a class).
  std::string SubjectKey() const { return classroom() ? class_id + "/" + session_id : session_id; }
};

// The first day classrooms must be filmed: AuditPolicy::classroom_video_from (YYYYMMDD).
Date ClassroomVideoFrom(const AuditPolicy& policy);

// Every session to be filmed, exam sessions first (in the order of the model), then the
// classroom sessions on or after ClassroomVideoFrom for which the rules' text is in force.
std::vector<FilmedSession> FilmedSessions(const DetectorInput& input);

// Whether `institution` is a training institution (its recordings are classroom recordings).
bool IsTrainingInstitution(const ArchiveModel& model, const std::string& institution);

}  // namespace xk
