#include "detectors/hours_math.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace xk {

namespace {
constexpr std::array<std::string_view, 9> kDrillWords = {"模拟", "题库", "刷题", "真题", "考前冲刺",
                                                         "押题", "模考", "冲刺", "习题"};
}  // namespace

bool IsMockExamTime(const TrainingSession& session) {
  if (session.mode == SessionMode::kMockExam) return true;
  if (session.mode != SessionMode::kTheory && session.mode != SessionMode::kOnline) return false;
  return std::any_of(kDrillWords.begin(), kDrillWords.end(),
                     [&](std::string_view word) { return session.topic.find(word) != std::string::npos; });
}

bool IsTeachingTime(const TrainingSession& session) {
  return session.mode != SessionMode::kExam && !IsMockExamTime(session);
}

int MinutesPerHour(SessionMode mode, const AuditPolicy& policy) {
  return mode == SessionMode::kOnline ? policy.minutes_per_hour_online : policy.minutes_per_hour_offline;
}

double HoursFromSeconds(int64_t seconds, SessionMode mode, const AuditPolicy& policy) {
  if (seconds <= 0) return 0;
  return static_cast<double>(seconds / 60) / MinutesPerHour(mode, policy);
}

double BackedHours(const TrainingSession& session, const AuditPolicy& policy) {
  if (!IsTeachingTime(session)) return 0;
  return HoursFromSeconds(session.end - session.start, session.mode, policy);
}

double CreditedHours(const TrainingSession& session, const AuditPolicy& policy) {
  double backed = BackedHours(session, policy);
  if (!session.claimed_hours) return backed;
  return std::min(*session.claimed_hours, backed);
}

double AttendedHours(const TrainingSession& session, const Attendance& attendance, const AuditPolicy& policy) {
  if (!IsTeachingTime(session)) return 0;
  Instant from = std::max(session.start, attendance.check_in);
  Instant to = std::min(session.end, attendance.check_out.value_or(session.end));
  return HoursFromSeconds(to - from, session.mode, policy);
}

std::string FormatHours(double hours) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::floor(hours * 10 + 1e-9) / 10);
  return buf;
}

}  // namespace xk
