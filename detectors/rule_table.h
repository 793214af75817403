// The one table of rules (the bureau's rules contract, README "Rules"): a row per rule with its code, family, default
// severity, what it finds, its legal basis over time, the thresholds it reads and how they are
// shown. Detectors make findings from a row (NewFinding), never from a code written by hand;
// `xunkao rules`, the reports and the packets read the same rows. Adding a rule = its detector,
// its test, its RuleId here and its row (rule_table.cc, rule_rows.cc or classroom_rule_rows.cc),
// its demo case and its README row (the guard tests fail otherwise; README "Adding a rule").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/civil_time.h"
#include "records/finding.h"
#include "records/policy.h"

namespace xk {

enum class RuleId {
  kTrnPlanHours,
  kTrnHoursShort,
  kTrnHoursOverclaim,
  kTrnPracticalShort,
  kTrnOfflineTheoryShort,
  kTrnMockSubstitution,
  kTrnDailyOverload,
  kTrnSpanShort,
  kTrnTeacherClash,
  kTrnTeacherUnqualified,
  kTrnAttendanceShort,
  kTrnProxySignin,
  kTrnArchiveIncomplete,
  kTrnExamBeforeTraining,
  kExmVideoMissing,
  kExmVideoGap,
  kExmVideoUnreadable,
  kExmVideoBlack,
  kExmVideoFrozen,
  kExmVideoReplay,
  kExmVideoClock,
  kExmProctorShort,
  kExmProctorConflict,
  kExmPlanDeviation,
  kExmCandidateData,
  kExmCandidateUntrained,
  kExmArchiveIncomplete,
  kInsCoverage,
  // detectors/rule_rows.cc
  kExmResitExcess,
  kExmPracticalBeforeTheory,
  kExmSubmitFast,
  kExmPassRate,
  kExmDoubleSitting,
  kCrtNoExam,
  kCrtNoTraining,
  kCrtHolderData,
  kCrtDuplicate,
  kCrtReviewOverdue,
  kCrtReviewUnbacked,
  // detectors/classroom_rule_rows.cc
  kTrnVideoMissing,
  kTrnVideoGap,
  kTrnVideoUnreadable,
  kTrnVideoBlack,
  kTrnVideoFrozen,
  kTrnVideoReplay,
  kTrnVideoEmptyRoom,
};

// One text of a rule's basis and the dates it applies to conduct: [from, until). A missing end
// means still in force.
struct LegalText {
  std::optional<Date> from, until;
  const char* citation;  // Chinese, with the document number and article
};

struct RuleRow {
  RuleId id;
  const char* code;    // stable: reports, packets, the database and spreadsheets use it
  const char* family;  // the detector family that emits it (DetectorFamilies())
  Severity severity;   // default
  const char* finds_zh;
  const char* finds_en;
  // Every text with the dates it applies to conduct. A finding cites those in force on the date of
  // the conduct (joined with "；"); the rule is not applied to conduct on a date no text covers.
  std::vector<LegalText> basis;
  std::vector<std::string_view> thresholds;  // AuditPolicy members it reads (XK_THRESHOLDS names)
  std::string (*threshold_text)(const AuditPolicy& policy, bool chinese);  // "8 学时/日，07:00-22:00"
  bool needs_history;  // judged from earlier runs in the store, not from the archive alone
};

// Every rule, in catalog order (the order of RuleId).
const std::vector<RuleRow>& RuleTable();
const RuleRow& Rule(RuleId id);
const RuleRow* FindRule(std::string_view code);

// The texts of `id`'s basis in force on `conduct`, joined with "；"; without a date, the texts in
// force today. Empty when none applies.
std::string CitationInForce(RuleId id, std::optional<Date> conduct);
// Whether any text of `id`'s basis was in force on `conduct`: a rule is not applied to earlier
// conduct (e.g. AQ 8011-2023's offline theory share before 2024-07-01).
bool AppliesOn(RuleId id, Date conduct);

// A finding of rule `id` about `subject` of `institution`: code, default severity and the basis in
// force on `conduct` filled in from the row. Detectors append what is particular to the finding
// (thresholds, syllabus source) to `basis` after "；".
Finding NewFinding(RuleId id, std::string institution, std::string subject, std::optional<Date> conduct);

}  // namespace xk
