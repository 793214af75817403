// The arithmetic of 学时 shared by the hour, attendance and exam-joining rules (rules.md, "Hours"):
// one 学时 is 45 minutes offline, 30 online; mock-exam time and exams are never teaching hours.
#pragma once

#include <string>

#include "records/model.h"
#include "records/policy.h"

namespace xk {

// True for sessions whose time is mock-exam time: mode mock_exam, or a theory session whose topic
// is question drilling (模拟, 题库, 刷题, 真题, 考前冲刺, 押题, 模考).
bool IsMockExamTime(const TrainingSession& session);

// True when the session's time may count as teaching hours (theory, practical, online and not
// mock-exam time).
bool IsTeachingTime(const TrainingSession& session);

int MinutesPerHour(SessionMode mode, const AuditPolicy& policy);

// Hours that `seconds` of a session in `mode` hold (whole minutes only: 44 minutes is 0.977 of an
// offline 学时, not 1).
double HoursFromSeconds(int64_t seconds, SessionMode mode, const AuditPolicy& policy);

// What the session's start/end times hold; 0 for non-teaching time and for end <= start.
double BackedHours(const TrainingSession& session, const AuditPolicy& policy);

// Claimed hours capped at backed hours (backed hours where nothing is claimed); 0 for
// non-teaching time.
double CreditedHours(const TrainingSession& session, const AuditPolicy& policy);

// Hours a trainee attended a session: the overlap of check-in..check-out with the session window
// (a missing check-out counts until the session's end), in the session's mode; 0 for non-teaching
// time.
double AttendedHours(const TrainingSession& session, const Attendance& attendance, const AuditPolicy& policy);

// "32.0" style formatting of hours for messages (one decimal, trailing ".0" kept).
std::string FormatHours(double hours);

}  // namespace xk
