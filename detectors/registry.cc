#include "detectors/registry.h"

#include <fmt/format.h>

#include <algorithm>

#include "detectors/archive_completeness.h"
#include "detectors/attendance.h"
#include "detectors/candidates.h"
#include "detectors/coverage.h"
#include "detectors/exam_archive.h"
#include "detectors/exam_records.h"
#include "detectors/hours.h"
#include "detectors/picture.h"
#include "detectors/teachers.h"

namespace xk {

const std::vector<RuleInfo>& RuleCatalog() {
  static const std::vector<RuleInfo> kRules = {
      {"TRN-PLAN-HOURS", Severity::kHigh, "申报学时低于培训大纲最低学时",
       "class declares fewer hours than the syllabus minimum",
       "《生产经营单位安全培训规定》第九条、第十三条；《特种作业人员安全技术培训考核管理规定》（总局令第30号）"},
      {"TRN-HOURS-SHORT", Severity::kHigh, "课程表实际支持的学时低于大纲最低学时（压缩学时）",
       "credited hours below the syllabus minimum (compressed hours)",
       "《安全生产培训管理办法》（总局令第44号）；AQ 8011-2023：1学时≥45分钟（线上30分钟）"},
      {"TRN-HOURS-OVERCLAIM", Severity::kHigh, "申报或记载的学时超过起止时间所能支持的学时",
       "declared or claimed hours exceed what the times hold", "AQ 8011-2023：1学时≥45分钟（线上30分钟）"},
      {"TRN-PRACTICAL-SHORT", Severity::kHigh, "实操学时低于大纲实操学时（实操流于形式）",
       "practical hours below the syllabus practical minimum", "总局令第30号及国家培训大纲；AQ 8011-2023"},
      {"TRN-OFFLINE-THEORY-SHORT", Severity::kMedium, "线下理论学时低于大纲理论学时的30%",
       "offline theory below 30% of the syllabus theory hours", "AQ 8011-2023"},
      {"TRN-MOCK-SUBSTITUTION", Severity::kHigh, "以模拟考试、刷题代替理论培训并计入学时",
       "mock exams or question drilling counted as teaching hours", "衡应急〔2022〕27号附件5；总局令第44号"},
      {"TRN-DAILY-OVERLOAD", Severity::kHigh, "一天内学时超过上限，或在不合理时段授课",
       "more than the daily cap on one day, or teaching at implausible hours",
       "可配置的政策默认值（国家未明确每日上限）；参照地方做法"},
      {"TRN-SPAN-SHORT", Severity::kHigh, "开班至结业的天数按每日上限计算不足以完成大纲学时",
       "the class's calendar span cannot hold the required hours", "同上（每日学时上限为政策默认值）"},
      {"TRN-TEACHER-CLASH", Severity::kHigh, "同一教师同时在两处授课", "one teacher in overlapping sessions",
       "档案造假信号；《安全生产培训管理办法》第四十四号令档案要求"},
      {"TRN-TEACHER-UNQUALIFIED", Severity::kMedium, "授课教师不在师资名单、无资格或从业不足5年",
       "teacher not listed, without qualification, or under 5 years' practice", "AQ 8011-2023：教师≥5年实践经历"},
      {"TRN-ATTENDANCE-SHORT", Severity::kHigh, "学员签到学时不足却已结业或参加考试",
       "trainee's attended hours below the minimum while completed or examined", "总局令第44号；AQ 8011-2023"},
      {"TRN-PROXY-SIGNIN", Severity::kHigh, "不可能的签到：同秒批量签到、远离课时签到、分身签到、考试时段签到",
       "impossible check-ins (same second, far outside the session, two places at once)",
       "AQ 8011-2023：考勤须可查询、可追溯、防作弊"},
      {"TRN-ARCHIVE-INCOMPLETE", Severity::kMedium, "培训档案不完整（缺名册、课程表、签到或师资）",
       "class without roster, timetable or attendance; no teachers.csv",
       "AQ 8011-2023 一期一档；总局令第44号第三十四条"},
      {"TRN-EXAM-BEFORE-TRAINING", Severity::kHigh, "学员在结业前或学时未满即参加考试（包过班信号）",
       "trainee examined before the class ended or before reaching the required hours",
       "衡应急〔2022〕27号附件5（包过班）；安监总培训〔2013〕104号"},
      {"EXM-VIDEO-MISSING", Severity::kHigh, "考场摄像机在考试场次内没有任何录像",
       "a required camera has no recording for a held session",
       "安监总培训〔2013〕104号第十七条：考试全过程录像并存档"},
      {"EXM-VIDEO-GAP", Severity::kHigh, "考试场次内录像中断", "a stretch of a held session not covered by video",
       "安监总培训〔2013〕104号第十七条"},
      {"EXM-VIDEO-UNREADABLE", Severity::kHigh, "录像文件无法打开或解码", "a recording that cannot be read",
       "安监总培训〔2013〕104号第十七条"},
      {"EXM-VIDEO-BLACK", Severity::kHigh, "录像画面全黑（遮挡镜头、无信号）", "black picture during a session",
       "安监总培训〔2013〕104号第十七条；阈值取 FFmpeg blackdetect 默认值"},
      {"EXM-VIDEO-FROZEN", Severity::kHigh, "录像画面冻结", "frozen picture during a session",
       "安监总培训〔2013〕104号第十七条；阈值取 FFmpeg freezedetect"},
      {"EXM-VIDEO-REPLAY", Severity::kHigh, "录像与其他时间或其他摄像机的录像重复（回放、复制）",
       "footage that repeats other footage", "安监总培训〔2013〕104号（考试档案造假）"},
      {"EXM-VIDEO-CLOCK", Severity::kMedium, "录像文件名时间与内嵌时间不符，或同一摄像机录像重叠",
       "name time and embedded time disagree; overlapping recordings", "考试数据采集格式不规范、信息不准确"},
      {"EXM-PROCTOR-SHORT", Severity::kHigh, "监考/考评人员少于要求", "fewer proctors or examiners than required",
       "安监总培训〔2013〕104号：每个考场安排监考；实操考评员人数为可配置默认值"},
      {"EXM-PROCTOR-CONFLICT", Severity::kHigh, "监考/考评人员在考生所在培训机构任教（考教不分离）",
       "a proctor or examiner teaches at the trainees' institution", "安监总培训〔2013〕104号：考教分离"},
      {"EXM-PLAN-DEVIATION", Severity::kMedium, "未按考试计划组织考试", "exam not held to the plan",
       "衡应急〔2022〕27号附件5：未严格按照考试计划组织实施考试"},
      {"EXM-CANDIDATE-DATA", Severity::kLow, "考生数据不规范（身份证号、姓名、重复、成绩、结果）",
       "irregular candidate data", "GB 11643-1999；安监总培训〔2013〕104号：及格80分"},
      {"EXM-CANDIDATE-UNTRAINED", Severity::kHigh, "考生无培训记录或未结业", "candidate without completed training",
       "安监总培训〔2013〕104号"},
      {"INS-COVERAGE", Severity::kMedium, "机构在某半年度内未被审查", "an institution not audited in a half-year",
       "衡应急〔2022〕27号附件5：全年检查不少于2次"},
  };
  return kRules;
}

const RuleInfo* FindRule(const std::string& code) {
  for (const auto& rule : RuleCatalog()) {
    if (code == rule.code) return &rule;
  }
  return nullptr;
}

std::string ThresholdText(const std::string& code, const AuditPolicy& p, bool zh) {
  auto pick = [zh](std::string a, std::string b) { return zh ? a : b; };
  if (code == "TRN-PLAN-HOURS" || code == "TRN-PRACTICAL-SHORT")
    return pick("内置大纲学时表（可由 syllabus.csv / audit.toml 覆盖）", "built-in syllabus table, overridable");
  if (code == "TRN-HOURS-SHORT" || code == "TRN-ATTENDANCE-SHORT")
    return fmt::format("{} {}；1学时={}分钟（线上{}分钟）", pick("容差", "tolerance"), p.hours_short_tolerance,
                       p.minutes_per_hour_offline, p.minutes_per_hour_online);
  if (code == "TRN-HOURS-OVERCLAIM")
    return fmt::format("{} {} 学时", pick("超出", "more than"), p.overclaim_tolerance_hours);
  if (code == "TRN-OFFLINE-THEORY-SHORT") return fmt::format("{:.0f}%", p.offline_theory_share * 100);
  if (code == "TRN-MOCK-SUBSTITUTION")
    return pick("任一计入学时的模拟考试/刷题课次（模拟、题库、刷题、真题、考前冲刺、押题、模考…）",
                "any mock-exam or drilling session counted toward hours");
  if (code == "TRN-DAILY-OVERLOAD" || code == "TRN-SPAN-SHORT")
    return fmt::format("{} 学时/日，{:02d}:{:02d}-{:02d}:{:02d}", p.daily_cap_hours, p.day_earliest_minute / 60,
                       p.day_earliest_minute % 60, p.day_latest_minute / 60, p.day_latest_minute % 60);
  if (code == "TRN-TEACHER-CLASH") return pick("重叠 > 0 秒", "overlap > 0 s");
  if (code == "TRN-TEACHER-UNQUALIFIED") return fmt::format("{} {}", p.teacher_min_years, pick("年", "years"));
  if (code == "TRN-PROXY-SIGNIN")
    return fmt::format("{} {}；{} {} {}", pick("同一秒", "same second:"), p.proxy_same_second_count,
                       pick("课时外", "outside the session:"), p.proxy_outside_session_minutes, pick("分钟", "min"));
  if (code == "EXM-VIDEO-GAP")
    return fmt::format("{} {} s；{} {} s", pick("中断≥", "gaps >="), p.gap_min_seconds, pick("场次前后延伸", "padding"),
                       p.session_padding_seconds);
  if (code == "EXM-VIDEO-BLACK")
    return fmt::format("≥{} s，pic_th={}，pix_th={}", p.black_min_seconds, p.black_picture_ratio,
                       p.black_pixel_threshold);
  if (code == "EXM-VIDEO-FROZEN") return fmt::format("≥{} s，{} dB", p.frozen_min_seconds, p.frozen_noise_db);
  if (code == "EXM-VIDEO-REPLAY") return fmt::format("≥{} s", p.replay_min_seconds);
  if (code == "EXM-VIDEO-CLOCK") return fmt::format("{} s", p.clock_tolerance_seconds);
  if (code == "EXM-PROCTOR-SHORT")
    return fmt::format("{} {}，{} {}", pick("监考", "proctors"), p.min_proctors, pick("考评员", "examiners"),
                       p.min_examiners);
  if (code == "EXM-PLAN-DEVIATION") return fmt::format("{} {}", p.plan_tolerance_minutes, pick("分钟", "min"));
  if (code == "EXM-CANDIDATE-DATA") return fmt::format("{} {}", pick("及格线", "pass mark"), p.pass_mark);
  if (code == "INS-COVERAGE") return pick("每半年至少一次", "at least once per half-year");
  return "";
}

const std::vector<FamilyInfo>& DetectorFamilies() {
  static const std::vector<FamilyInfo> kFamilies = {
      {"hours", DetectHoursRules},
      {"teachers", DetectTeacherRules},
      {"attendance", DetectAttendanceRules},
      {"archive", DetectArchiveCompleteness},
      {"exam_records", DetectExamRecordRules},
      {"exam_archive", DetectExamArchiveCompleteness},
      {"candidates", DetectCandidateRules},
      {"coverage", DetectCoverageRules},
      {"picture", DetectPictureRules},
  };
  return kFamilies;
}

std::vector<Finding> RunAllDetectors(const DetectorInput& input) {
  std::vector<Finding> all;
  for (const auto& family : DetectorFamilies()) {
    auto found = family.run(input);
    all.insert(all.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  std::sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.institution, a.rule, a.subject) < std::tie(b.institution, b.rule, b.subject);
  });
  return all;
}

}  // namespace xk
