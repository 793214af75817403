// The thresholds every rule uses, with their defaults. Each is a configurable default: audit.toml
// ([thresholds] table, keys as the member names) overrides it, and `xunkao rules` prints the
// values in force with their basis (detectors/registry.cc).
#pragma once

#include <string>

#include "records/civil_time.h"
#include "records/input_limits.h"

namespace xk {

struct AuditPolicy {
  TimeZone zone;       // the archive's local time zone
  InputLimits limits;  // what the archive may claim before reading stops ([limits] in audit.toml)

  // Hours (AQ 8011-2023: one 学时 is >= 45 min offline, >= 30 min online).
  int minutes_per_hour_offline = 45;
  int minutes_per_hour_online = 30;
  double hours_short_tolerance = 0.0;      // TRN-HOURS-SHORT, TRN-ATTENDANCE-SHORT
  double overclaim_tolerance_hours = 1.0;  // TRN-HOURS-OVERCLAIM: more than this over
  double offline_theory_share = 0.30;      // TRN-OFFLINE-THEORY-SHORT
  double daily_cap_hours = 8.0;            // TRN-DAILY-OVERLOAD, TRN-SPAN-SHORT (policy, not law)
  int day_earliest_minute = 7 * 60;        // teaching before 07:00 is implausible
  int day_latest_minute = 22 * 60;         // teaching after 22:00 is implausible

  // Teachers (AQ 8011-2023: >= 5 years' practice).
  double teacher_min_years = 5.0;

  // Sign-ins.
  int proxy_same_second_count = 5;         // this many check-ins in one second on one class
  int proxy_outside_session_minutes = 30;  // check-in this far before start or after end

  // Exams (安监总培训〔2013〕104号).
  int min_proctors = 2;   // theory sessions
  int min_examiners = 2;  // practical sessions (count NOT fixed by regulation: default)
  int plan_tolerance_minutes = 15;
  double pass_mark = 80.0;

  // Video.
  double gap_min_seconds = 5.0;
  double session_padding_seconds = 0.0;
  double clock_tolerance_seconds = 60.0;
  double black_min_seconds = 5.0;
  double black_picture_ratio = 0.98;    // blackdetect pic_th
  double black_pixel_threshold = 0.10;  // blackdetect pix_th (share of the luma range)
  double frozen_min_seconds = 10.0;
  double frozen_noise_db = -60.0;  // freezedetect n: mean absolute frame difference
  double replay_min_seconds = 30.0;
};

}  // namespace xk
