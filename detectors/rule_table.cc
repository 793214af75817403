#include "detectors/rule_table.h"

#include <fmt/format.h>

#include <algorithm>

#include "detectors/rule_rows.h"

namespace xk {

namespace {

const char* kOrder44Art10 =
    "《安全生产培训管理办法》（原国家安全监管总局令第44号）第十条：按照培训大纲组织培训，不得压缩学时";
const char* kHourPolicy =
    "1学时45分钟（线上30分钟）为可配置的政策默认值（AQ 8011-2023 施行前各地培训大纲的通行做法，"
    "当时有效的 AQ/T 8011-2016 为推荐性标准）";
const char* kAqHour = "AQ 8011-2023《安全生产培训机构基本条件》：1学时不少于45分钟（线上30分钟）";
const char* kDailyPolicy = "每日学时上限为可配置的政策默认值（8学时/日，参照地方做法，国家未明确规定）";
const char* kVideo104 =
    "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）第十七条：考试点应对考试全过程录像并存档，"
    "保存不少于3年";
const char* kPlanVideo = "衡应急〔2022〕27号附件5：未进行考试全过程录像";
const char* kLaw2014Archive =
    "《中华人民共和国安全生产法》（2014年修正）第二十五条：如实记录安全生产教育和培训的时间、内容、参加人员以及考核结"
    "果";
const char* kLaw2021Archive =
    "《中华人民共和国安全生产法》（2021年修正）第二十八条：如实记录安全生产教育和培训的时间、内容、参加人员以及考核结"
    "果";

std::string HoursText(const AuditPolicy& p, bool zh) {
  return fmt::format("{} {}；1学时={}分钟（线上{}分钟）", zh ? "容差" : "tolerance", p.hours_short_tolerance,
                     p.minutes_per_hour_offline, p.minutes_per_hour_online);
}
std::string SyllabusText(const AuditPolicy&, bool zh) {
  return ZhOrEn(zh, "内置大纲学时表（可由 syllabus.csv / audit.toml 覆盖）", "built-in syllabus table, overridable");
}
std::string DailyText(const AuditPolicy& p, bool) {
  return fmt::format("{} 学时/日，{:02d}:{:02d}-{:02d}:{:02d}", p.daily_cap_hours, p.day_earliest_minute / 60,
                     p.day_earliest_minute % 60, p.day_latest_minute / 60, p.day_latest_minute % 60);
}

}  // namespace

std::vector<RuleRow> BuildRuleTable() {
  // The bases several rows cite alike: the hour rules (the syllabus, then the hour's length, a
  // policy default until AQ 8011-2023 made it the standard's), the daily cap with the hour's
  // length, and the exam-video rules (104号 and the city's 2022 plan).
  const std::vector<LegalText> hour_basis = {InForceFrom(kOrder44Date, kOrder44Art10),
                                             InForceUntil(kAq2023Date, kHourPolicy), InForceFrom(kAq2023Date, kAqHour)};
  const std::vector<LegalText> daily_basis = {AlwaysInForce(kDailyPolicy), InForceUntil(kAq2023Date, kHourPolicy),
                                              InForceFrom(kAq2023Date, kAqHour)};
  const std::vector<LegalText> exam_video_basis = {AlwaysInForce(kVideo104), InForceFrom(kPlan2022Date, kPlanVideo)};
  // What the rules that compare hours with a minimum read (HoursText prints them).
  const std::vector<std::string_view> short_hours_thresholds = {"hours_short_tolerance", "minutes_per_hour_offline",
                                                                "minutes_per_hour_online"};
  std::vector<RuleRow> rules = {
      {RuleId::kTrnPlanHours,
       "TRN-PLAN-HOURS",
       "hours",
       Severity::kHigh,
       "申报学时低于培训大纲最低学时",
       "class declares fewer hours than the syllabus minimum",
       {InForceBetween(kOrder3Date, kOrder30Date,
                       "《生产经营单位安全培训规定》（原国家安全监管总局令第3号）第九条、第十三条"),
        InForceFrom(
            kOrder30Date,
            "《生产经营单位安全培训规定》（原国家安全监管总局令第3号）第九条、第十三条；《特种作业人员安全技术培训考核"
            "管理规定》（原国家安全监管总局令第30号）及国家培训大纲")},
       {},
       SyllabusText,
       false},
      {RuleId::kTrnHoursShort, "TRN-HOURS-SHORT", "hours", Severity::kHigh,
       "课程表实际支持的学时低于大纲最低学时（压缩学时）",
       "credited hours below the syllabus minimum (compressed hours)", hour_basis, short_hours_thresholds, HoursText,
       false},
      {RuleId::kTrnHoursOverclaim,
       "TRN-HOURS-OVERCLAIM",
       "hours",
       Severity::kHigh,
       "申报或记载的学时超过起止时间所能支持的学时",
       "declared or claimed hours exceed what the times hold",
       hour_basis,
       {"overclaim_tolerance_hours", "minutes_per_hour_offline", "minutes_per_hour_online"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("{} {} 学时", zh ? "超出" : "more than", p.overclaim_tolerance_hours);
       },
       false},
      {RuleId::kTrnPracticalShort,
       "TRN-PRACTICAL-SHORT",
       "hours",
       Severity::kHigh,
       "实操学时低于大纲实操学时（实操流于形式）",
       "practical hours below the syllabus practical minimum",
       {InForceFrom(kOrder30Date,
                    "《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号）及国家培训大纲实操学时"),
        InForceFrom(kAq2023Date, "AQ 8011-2023：实操必须线下开展")},
       {"minutes_per_hour_offline"},
       SyllabusText,
       false},
      {RuleId::kTrnOfflineTheoryShort,
       "TRN-OFFLINE-THEORY-SHORT",
       "hours",
       Severity::kMedium,
       "线下理论学时低于大纲理论学时的30%",
       "offline theory below 30% of the syllabus theory hours",
       {InForceFrom(kAq2023Date, "AQ 8011-2023《安全生产培训机构基本条件》：线下理论学时不少于大纲理论学时的30%")},
       {"offline_theory_share", "minutes_per_hour_offline"},
       [](const AuditPolicy& p, bool) { return fmt::format("{:.0f}%", p.offline_theory_share * 100); },
       false},
      {RuleId::kTrnMockSubstitution,
       "TRN-MOCK-SUBSTITUTION",
       "hours",
       Severity::kHigh,
       "以模拟考试、刷题代替理论培训并计入学时",
       "mock exams or question drilling counted as teaching hours",
       {InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：严查“模拟真题代替理论培训”"),
        InForceFrom(kOrder44Date, "《安全生产培训管理办法》（原国家安全监管总局令第44号）第十条")},
       {},
       [](const AuditPolicy&, bool zh) {
         return ZhOrEn(zh, "任一计入学时的模拟考试/刷题课次（模拟、题库、刷题、真题、考前冲刺、押题、模考…）",
                       "any mock-exam or drilling session counted toward hours");
       },
       false},
      {RuleId::kTrnDailyOverload,
       "TRN-DAILY-OVERLOAD",
       "hours",
       Severity::kHigh,
       "一天内学时超过上限，或在不合理时段授课",
       "more than the daily cap on one day, or teaching at implausible hours",
       daily_basis,
       {"daily_cap_hours", "day_earliest_minute", "day_latest_minute", "minutes_per_hour_offline"},
       DailyText,
       false},
      {RuleId::kTrnSpanShort,
       "TRN-SPAN-SHORT",
       "hours",
       Severity::kHigh,
       "开班至结业的天数按每日上限计算不足以完成大纲学时",
       "the class's calendar span cannot hold the required hours",
       daily_basis,
       {"daily_cap_hours"},
       DailyText,
       false},
      {RuleId::kTrnTeacherClash,
       "TRN-TEACHER-CLASH",
       "teachers",
       Severity::kHigh,
       "同一教师同时在两处授课",
       "one teacher in overlapping sessions",
       {InForceUntil(kLaw2021Date, kLaw2014Archive), InForceFrom(kLaw2021Date, kLaw2021Archive),
        InForceFrom(kOrder44Date, "《安全生产培训管理办法》（原国家安全监管总局令第44号）要求如实建立培训档案")},
       {},
       [](const AuditPolicy&, bool zh) { return ZhOrEn(zh, "重叠 > 0 秒", "overlap > 0 s"); },
       false},
      {RuleId::kTrnTeacherUnqualified,
       "TRN-TEACHER-UNQUALIFIED",
       "teachers",
       Severity::kMedium,
       "授课教师不在师资名单、无资格或从业不足5年",
       "teacher not listed, without qualification, or under 5 years' practice",
       {InForceUntil(
            kAq2023Date,
            "AQ/T 8011-2016《安全生产培训机构基本条件》（推荐性标准）对师资的要求；从业年限阈值为可配置的政策默认值"),
        InForceFrom(kAq2023Date,
                    "AQ 8011-2023《安全生产培训机构基本条件》：授课教师应具有相关专业背景和不少于5年的从业经历"),
        InForceFrom(kOrder44Date, "《安全生产培训管理办法》（原国家安全监管总局令第44号）")},
       {"teacher_min_years"},
       [](const AuditPolicy& p, bool zh) { return fmt::format("{} {}", p.teacher_min_years, zh ? "年" : "years"); },
       false},
      {RuleId::kTrnAttendanceShort, "TRN-ATTENDANCE-SHORT", "attendance", Severity::kHigh,
       "学员签到学时不足却已结业或参加考试", "trainee's attended hours below the minimum while completed or examined",
       hour_basis, short_hours_thresholds, HoursText, false},
      {RuleId::kTrnProxySignin,
       "TRN-PROXY-SIGNIN",
       "attendance",
       Severity::kHigh,
       "不可能的签到：同秒批量签到、远离课时签到、分身签到、考试时段签到",
       "impossible check-ins (same second, far outside the session, two places at once)",
       {InForceUntil(kLaw2021Date, kLaw2014Archive), InForceFrom(kLaw2021Date, kLaw2021Archive),
        InForceFrom(
            kAq2023Date,
            "AQ "
            "8011-"
            "2023《安全生产培训机构基本条件》：以身份证、指纹、人脸等方式考勤的，考勤记录应可查询、可追溯、防作弊")},
       {"proxy_same_second_count", "proxy_outside_session_minutes"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("{} {}；{} {} {}", zh ? "同一秒" : "same second:", p.proxy_same_second_count,
                            zh ? "课时外" : "outside the session:", p.proxy_outside_session_minutes,
                            zh ? "分钟" : "min");
       },
       false},
      {RuleId::kTrnArchiveIncomplete,
       "TRN-ARCHIVE-INCOMPLETE",
       "archive",
       Severity::kMedium,
       "培训档案不完整（缺名册、课程表、签到或师资）",
       "class without roster, timetable or attendance; no teachers.csv",
       {InForceUntil(kLaw2021Date, kLaw2014Archive), InForceFrom(kLaw2021Date, kLaw2021Archive),
        InForceFrom(
            kOrder44Date,
            "《安全生产培训管理办法》（原国家安全监管总局令第44号）第三十四条（未建立培训档案或档案管理不规范）"),
        InForceFrom(kAq2023Date, "AQ 8011-2023《安全生产培训机构基本条件》：一期一档")},
       {},
       NoThreshold,
       false},
      {RuleId::kTrnExamBeforeTraining,
       "TRN-EXAM-BEFORE-TRAINING",
       "attendance",
       Severity::kHigh,
       "学员在结业前或学时未满即参加考试（包过班信号）",
       "trainee examined before the class ended or before reaching the required hours",
       {InForceFrom(kOrder44Date, "《安全生产培训管理办法》（原国家安全监管总局令第44号）"),
        AlwaysInForce(kExam104Citation),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：与考试机构勾结，举办包过班")},
       {},
       NoThreshold,
       false},
      {RuleId::kExmVideoMissing,
       "EXM-VIDEO-MISSING",
       "coverage",
       Severity::kHigh,
       "考场摄像机在考试场次内没有任何录像",
       "a required camera has no recording for a held session",
       exam_video_basis,
       {"session_padding_seconds"},
       NoThreshold,
       false},
      {RuleId::kExmVideoGap,
       "EXM-VIDEO-GAP",
       "coverage",
       Severity::kHigh,
       "考试场次内录像中断",
       "a stretch of a held session not covered by video",
       exam_video_basis,
       {"gap_min_seconds", "session_padding_seconds"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("{} {} s；{} {} s", zh ? "中断≥" : "gaps >=", p.gap_min_seconds,
                            zh ? "场次前后延伸" : "padding", p.session_padding_seconds);
       },
       false},
      {RuleId::kExmVideoUnreadable,
       "EXM-VIDEO-UNREADABLE",
       "coverage",
       Severity::kHigh,
       "录像文件无法打开或解码",
       "a recording that cannot be read",
       exam_video_basis,
       {},
       NoThreshold,
       false},
      {RuleId::kExmVideoBlack,
       "EXM-VIDEO-BLACK",
       "picture",
       Severity::kHigh,
       "录像画面全黑（遮挡镜头、无信号）",
       "black picture during a session",
       exam_video_basis,
       {"black_min_seconds", "black_picture_ratio", "black_pixel_threshold"},
       [](const AuditPolicy& p, bool) {
         return fmt::format("≥{} s，pic_th={}，pix_th={}", p.black_min_seconds, p.black_picture_ratio,
                            p.black_pixel_threshold);
       },
       false},
      {RuleId::kExmVideoFrozen,
       "EXM-VIDEO-FROZEN",
       "picture",
       Severity::kHigh,
       "录像画面冻结",
       "frozen picture during a session",
       exam_video_basis,
       {"frozen_min_seconds", "frozen_noise_db"},
       [](const AuditPolicy& p, bool) { return fmt::format("≥{} s，{} dB", p.frozen_min_seconds, p.frozen_noise_db); },
       false},
      {RuleId::kExmVideoReplay,
       "EXM-VIDEO-REPLAY",
       "picture",
       Severity::kHigh,
       "录像与其他时间或其他摄像机的录像重复（回放、复制）",
       "footage that repeats other footage",
       {AlwaysInForce(kVideo104),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：未进行考试全过程录像，考试档案造假")},
       {"replay_min_seconds"},
       [](const AuditPolicy& p, bool) { return fmt::format("≥{} s", p.replay_min_seconds); },
       false},
      {RuleId::kExmVideoClock,
       "EXM-VIDEO-CLOCK",
       "coverage",
       Severity::kMedium,
       "录像文件名时间与内嵌时间不符，或同一摄像机录像重叠",
       "name time and embedded time disagree; overlapping recordings",
       {AlwaysInForce(kExam104Citation), InForceFrom(kPlan2022Date, kPlanDataCitation)},
       {"clock_tolerance_seconds"},
       [](const AuditPolicy& p, bool) { return fmt::format("{} s", p.clock_tolerance_seconds); },
       false},
      {RuleId::kExmProctorShort,
       "EXM-PROCTOR-SHORT",
       "exam_records",
       Severity::kHigh,
       "监考/考评人员少于要求",
       "fewer proctors or examiners than required",
       {AlwaysInForce(
            "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：理论考试每个考场须有监考人员并填写考场"
            "记录，实操考试由考评人员现场评分"),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：未安排监考、考评人员进行理论考试监考和实操考评")},
       {"min_proctors", "min_examiners"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("{} {}，{} {}", zh ? "监考" : "proctors", p.min_proctors, zh ? "考评员" : "examiners",
                            p.min_examiners);
       },
       false},
      {RuleId::kExmProctorConflict,
       "EXM-PROCTOR-CONFLICT",
       "exam_records",
       Severity::kHigh,
       "监考/考评人员在考生所在培训机构任教（考教不分离）",
       "a proctor or examiner teaches at the trainees' institution",
       {AlwaysInForce(
            "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：实行考教分离，考试机构和考试点的工作"
            "人员不得从事与其所承担考试有关的培训"),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：从事与所承担考试任务有关培训活动")},
       {},
       NoThreshold,
       false},
      {RuleId::kExmPlanDeviation,
       "EXM-PLAN-DEVIATION",
       "exam_records",
       Severity::kMedium,
       "未按考试计划组织考试",
       "exam not held to the plan",
       {AlwaysInForce(
            "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：考试机构应制定考试计划并按计划组织考"
            "试"),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：未严格按照考试计划组织实施考试")},
       {"plan_tolerance_minutes"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("{} {}", p.plan_tolerance_minutes, zh ? "分钟" : "min");
       },
       false},
      {RuleId::kExmCandidateData,
       "EXM-CANDIDATE-DATA",
       "candidates",
       Severity::kLow,
       "考生数据不规范（身份证号、姓名、重复、成绩、结果）",
       "irregular candidate data",
       {AlwaysInForce("GB 11643-1999《公民身份号码》"),
        AlwaysInForce("《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：及格80分"),
        InForceFrom(kPlan2022Date, kPlanDataCitation)},
       {"pass_mark"},
       [](const AuditPolicy& p, bool zh) { return fmt::format("{} {}", zh ? "及格线" : "pass mark", p.pass_mark); },
       false},
      {RuleId::kExmCandidateUntrained,
       "EXM-CANDIDATE-UNTRAINED",
       "candidates",
       Severity::kHigh,
       "考生无培训记录或未结业",
       "candidate without completed training",
       {InForceFrom(kOrder3Date,
                    "《生产经营单位安全培训规定》（原国家安全监管总局令第3号）：相关人员须经安全培训后方可参加考核"),
        InForceFrom(kOrder30Date, "《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号）"),
        AlwaysInForce(kExam104Citation),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：举办“包过班”，纵容或参与考生作弊")},
       {},
       NoThreshold,
       false},
      {RuleId::kExmArchiveIncomplete,
       "EXM-ARCHIVE-INCOMPLETE",
       "exam_archive",
       Severity::kMedium,
       "考试机构档案不完整（缺考试计划、考场记录、考生、人员或摄像机清单），相关规则无法核查",
       "an exam centre's folder without plan, sessions, candidates, staff or cameras",
       {AlwaysInForce(
            "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：考试计划、考场记录、考生数据和考试录像"
            "应归档备查"),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：考试数据采集格式不规范、信息不准确，考试档案造假")},
       {},
       NoThreshold,
       false},
      {RuleId::kInsCoverage,
       "INS-COVERAGE",
       "inspections",
       Severity::kMedium,
       "机构在某半年度内未被审查",
       "an institution not audited in a half-year",
       {InForceFrom(kPlan2022Date,
                    "衡应急〔2022〕27号附件5：全年对所有安全培训机构和考试机构（考试点）的检查不少于2次")},
       {},
       [](const AuditPolicy&, bool zh) { return ZhOrEn(zh, "每半年至少一次", "at least once per half-year"); },
       true},
  };
  AppendExamResultAndCertificateRows(&rules);
  AppendClassroomVideoRows(&rules);
  return rules;
}

const std::vector<RuleRow>& RuleTable() {
  static const std::vector<RuleRow> kRules = BuildRuleTable();
  return kRules;
}

const RuleRow& Rule(RuleId id) { return RuleTable().at(static_cast<size_t>(id)); }

const RuleRow* FindRule(std::string_view code) {
  for (const RuleRow& row : RuleTable()) {
    if (code == row.code) return &row;
  }
  return nullptr;
}

namespace {
bool InForce(const LegalText& text, Date day) {
  return (!text.from || *text.from <= day) && (!text.until || day < *text.until);
}
}  // namespace

std::string CitationInForce(RuleId id, std::optional<Date> conduct) {
  std::string out;
  for (const LegalText& text : Rule(id).basis) {
    const bool applies = conduct ? InForce(text, *conduct) : !text.until.has_value();
    if (!applies) continue;
    if (!out.empty()) out += "；";
    out += text.citation;
  }
  return out;
}

bool AppliesOn(RuleId id, Date conduct) {
  const auto& basis = Rule(id).basis;
  return std::any_of(basis.begin(), basis.end(), [&](const LegalText& text) { return InForce(text, conduct); });
}

Finding NewFinding(RuleId id, std::string institution, std::string subject, std::optional<Date> conduct) {
  const RuleRow& row = Rule(id);
  Finding f;
  f.rule = row.code;
  f.severity = row.severity;
  f.institution = std::move(institution);
  f.subject = std::move(subject);
  f.basis = CitationInForce(id, conduct);
  return f;
}

}  // namespace xk
