// A finding's place in the enforcement loop, derived from its case events (never stored): the
// events that stand (a correction replaces the event it names, in that event's place), the state
// they lead to, the deadline in force and whether the case is overdue on a given day.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/civil_time.h"
#include "records/store/case_store.h"

namespace xk {

// open -> handed_over -> rectified -> rechecked_passed / rechecked_failed -> closed / escalated.
enum class CaseState { kOpen, kHandedOver, kRectified, kRecheckedPassed, kRecheckedFailed, kClosed, kEscalated };

std::string_view CaseStateName(CaseState state);  // "handed_over", as `case list --state` takes it
std::string_view CaseStateZh(CaseState state);    // 已交办
std::optional<CaseState> ParseCaseState(std::string_view name);
std::vector<CaseState> AllCaseStates();

// Why a re-check is due [cycle] recheck_days (default 10) after the rectification deadline.
inline constexpr const char* kRecheckDaysBasisZh =
    "复查期限：整改期限届满（或接到整改完毕报告）后10日内复查，为通行做法（原国家安全监管总局令第15号），"
    "本程序作为可配置的默认值 [cycle] recheck_days";

struct CaseSummary {
  CaseState state = CaseState::kOpen;
  std::vector<store::CaseEvent> standing;  // the events that stand, in their order
  std::optional<Date> deadline;            // rectify by (the last standing handover's)
  std::optional<Date> rectified_on;
  std::optional<Date> rechecked_on;
  std::optional<Date> recheck_due;  // deadline (or the rectification when no deadline) + recheck days
  bool overdue = false;
  std::string overdue_zh;  // e.g. "逾期未整改：整改期限 2026-11-30，已过 4 天"
  std::string overdue_en;
};

// The events that stand: each event unless a later one corrects it, the correction taking the
// corrected event's place. `events` oldest first, as CaseEventsOf returns them.
std::vector<store::CaseEvent> StandingEvents(const std::vector<store::CaseEvent>& events);

// The case on `today` (local date): overdue when handed over and not rectified after the
// deadline, or rectified and not re-checked within `recheck_days` after the deadline.
CaseSummary SummarizeCase(const std::vector<store::CaseEvent>& events, Date today, int recheck_days);

}  // namespace xk
