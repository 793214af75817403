// The thresholds every rule uses, declared once. XK_THRESHOLDS is the only list: it declares the
// members of AuditPolicy with their defaults, the range audit.toml may set ([thresholds] table,
// keys as the member names), and from it come `xunkao rules`, the run's record in the database
// (runs.policy_json) and the validation of audit.toml. Which rule reads which threshold, and the
// basis of each default, is in the rule table (detectors/rule_table.cc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/input_limits.h"

namespace xk {

// X(type, name, default, lowest, highest): a value outside [lowest, highest] (-1 proctors, 1e308
// hours, an hour of 0 minutes) would make the rules meaningless or divide by zero, so it is
// refused and the default stays.
#define XK_THRESHOLDS(X)                                                                                         \
  /* Hours (AQ 8011-2023: one 学时 is >= 45 min offline, >= 30 min online). */                                 \
  X(int, minutes_per_hour_offline, 45, 1, 240)                                                                   \
  X(int, minutes_per_hour_online, 30, 1, 240)                                                                    \
  X(double, hours_short_tolerance, 0.0, 0, 1000)     /* TRN-HOURS-SHORT, TRN-ATTENDANCE-SHORT */                 \
  X(double, overclaim_tolerance_hours, 1.0, 0, 1000) /* TRN-HOURS-OVERCLAIM: more than this over */              \
  X(double, offline_theory_share, 0.30, 0, 1)        /* TRN-OFFLINE-THEORY-SHORT */                              \
  X(double, daily_cap_hours, 8.0, 0.5, 24)           /* TRN-DAILY-OVERLOAD, TRN-SPAN-SHORT (policy) */           \
  X(int, day_earliest_minute, 7 * 60, 0, 1440)       /* teaching before 07:00 is implausible */                  \
  X(int, day_latest_minute, 22 * 60, 0, 1440)        /* teaching after 22:00 is implausible */                   \
  /* Teachers (AQ 8011-2023: >= 5 years' practice). */                                                           \
  X(double, teacher_min_years, 5.0, 0, 80)                                                                       \
  /* Sign-ins. */                                                                                                \
  X(int, proxy_same_second_count, 5, 2, 100000)      /* check-ins in one second on one class */                  \
  X(int, proxy_outside_session_minutes, 30, 0, 1440) /* before start or after end */                             \
  /* Exams (安监总培训〔2013〕104号). */                                                                 \
  X(int, min_proctors, 2, 0, 100)  /* theory sessions */                                                         \
  X(int, min_examiners, 2, 0, 100) /* practical sessions (count NOT fixed by regulation) */                      \
  X(int, plan_tolerance_minutes, 15, 0, 1440)                                                                    \
  X(double, pass_mark, 80.0, 0, 1000)                                                                            \
  X(double, fast_submit_minutes, 20.0, 0, 120) /* EXM-SUBMIT-FAST: of the 120-minute computer exam */            \
  X(double, pass_rate_p_value, 0.001, 0, 1)    /* EXM-PASS-RATE: Fisher's exact test, one-sided */               \
  X(int, pass_rate_min_group, 10, 1, 100000)   /* EXM-PASS-RATE: candidates of the institution */                \
  /* Certificates (令第30号). */                                                                              \
  X(int, min_holder_age, 18, 0, 100)        /* CRT-HOLDER-DATA: Art. 4 */                                        \
  X(int, review_years, 3, 1, 20)            /* CRT-REVIEW-OVERDUE: Art. 21 */                                    \
  X(int, review_years_extended, 6, 1, 20)   /* CRT-REVIEW-OVERDUE: Art. 21 extension */                          \
  X(double, review_min_hours, 8.0, 0, 1000) /* CRT-REVIEW-UNBACKED: Art. 23 */                                   \
  /* Video. */                                                                                                   \
  X(double, gap_min_seconds, 5.0, 0.04, 86400)                                                                   \
  X(double, session_padding_seconds, 0.0, 0, 86400)                                                              \
  X(double, clock_tolerance_seconds, 60.0, 0, 31536000)                                                          \
  X(double, black_min_seconds, 5.0, 0.04, 86400)                                                                 \
  X(double, black_picture_ratio, 0.98, 0.01, 1) /* blackdetect pic_th */                                         \
  X(double, black_pixel_threshold, 0.10, 0, 1)  /* blackdetect pix_th (share of the luma range) */               \
  X(double, frozen_min_seconds, 10.0, 0.04, 86400)                                                               \
  X(double, frozen_noise_db, -60.0, -120, 0) /* freezedetect n: mean absolute frame difference */                \
  X(double, replay_min_seconds, 30.0, 1, 86400)                                                                  \
  /* Classroom recordings (AQ 8011-2023: offline training filmed end to end from 2024-07-01). */                 \
  X(int, classroom_video_from, 20240701, 20240701, 99991231) /* TRN-VIDEO-*: first day, YYYYMMDD */              \
  X(double, empty_room_motion_ratio, 0.002, 0, 1)            /* TRN-VIDEO-EMPTY-ROOM: moving share of picture */ \
  X(double, empty_room_still_share, 0.8, 0.01, 1)            /* TRN-VIDEO-EMPTY-ROOM: share of still samples */

struct AuditPolicy {
  TimeZone zone;       // the archive's local time zone
  InputLimits limits;  // what the archive may claim before reading stops ([limits] in audit.toml)

#define XK_THRESHOLD_MEMBER(type, name, default_value, lowest, highest) type name = default_value;
  XK_THRESHOLDS(XK_THRESHOLD_MEMBER)
#undef XK_THRESHOLD_MEMBER
};

struct ThresholdInfo {
  const char* name;  // as in audit.toml [thresholds] and runs.policy_json
  double value;      // in force
  double lowest, highest;
};

// Every threshold, in declaration order, with the value in force in `policy`.
std::vector<ThresholdInfo> DescribeThresholds(const AuditPolicy& policy);

// freezedetect's n from decibels to the ratio a mean absolute difference (0..1) is compared
// with (-60 dB: 0.001). One conversion for the sampler, which keeps the reference picture by it,
// and the frozen rule, which judges by it: the two must agree.
double FrozenNoiseRatio(double frozen_noise_db);

struct ThresholdProblem {
  std::string zh, en;
};
// Sets threshold `name` to `value`; on an unknown name (the nearest valid one is named) or a value
// out of range, says why and the value in force stays.
std::optional<ThresholdProblem> SetThreshold(AuditPolicy* policy, const std::string& name, double value);

}  // namespace xk
