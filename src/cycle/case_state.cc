#include "src/cycle/case_state.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <utility>

#include "records/value_names.h"

namespace xk {

namespace {

constexpr std::array<ValueNames<CaseState>, 7> kStates = {{
    {CaseState::kOpen, "open", "未处理"},
    {CaseState::kHandedOver, "handed_over", "已交办"},
    {CaseState::kRectified, "rectified", "已报整改"},
    {CaseState::kRecheckedPassed, "rechecked_passed", "复查合格"},
    {CaseState::kRecheckedFailed, "rechecked_failed", "复查不合格"},
    {CaseState::kClosed, "closed", "已结案"},
    {CaseState::kEscalated, "escalated", "已立案"},
}};

}  // namespace

std::string_view CaseStateName(CaseState state) { return NamesOf(kStates, state).name; }
std::string_view CaseStateZh(CaseState state) { return NamesOf(kStates, state).zh; }
std::optional<CaseState> ParseCaseState(std::string_view name) { return ValueNamed(kStates, name); }
std::vector<CaseState> AllCaseStates() { return ValuesOf(kStates); }

std::vector<store::CaseEvent> StandingEvents(const std::vector<store::CaseEvent>& events) {
  // Follow each correction back to the original event it (through a chain) replaces.
  std::map<int64_t, int64_t> original_of;  // event id -> the id of the first event of its chain
  for (const auto& event : events) {
    int64_t original = event.id;
    if (event.corrects) {
      auto found = original_of.find(*event.corrects);
      original = found != original_of.end() ? found->second : *event.corrects;
    }
    original_of[event.id] = original;
  }
  // The latest event of each chain stands, in the place of the chain's first event.
  std::map<int64_t, const store::CaseEvent*> latest;  // original id -> standing event
  for (const auto& event : events) latest[original_of[event.id]] = &event;
  std::vector<store::CaseEvent> standing;
  for (const auto& [original, event] : latest) standing.push_back(*event);
  return standing;
}

CaseSummary SummarizeCase(const std::vector<store::CaseEvent>& events, Date today, int recheck_days) {
  CaseSummary summary;
  summary.standing = StandingEvents(events);
  for (const auto& event : summary.standing) {
    switch (event.kind) {
      case store::CaseEventKind::kHandover:
        summary.state = CaseState::kHandedOver;
        summary.deadline = event.deadline;
        summary.rectified_on.reset();
        summary.rechecked_on.reset();
        break;
      case store::CaseEventKind::kRectified:
        summary.state = CaseState::kRectified;
        summary.rectified_on = event.event_date;
        summary.rechecked_on.reset();
        break;
      case store::CaseEventKind::kRecheck:
        summary.state = event.passed.value_or(false) ? CaseState::kRecheckedPassed : CaseState::kRecheckedFailed;
        summary.rechecked_on = event.event_date;
        break;
      case store::CaseEventKind::kEscalate:
        summary.state = CaseState::kEscalated;
        break;
      case store::CaseEventKind::kClose:
        summary.state = CaseState::kClosed;
        break;
    }
  }
  if (summary.state == CaseState::kHandedOver && summary.deadline && today > *summary.deadline) {
    summary.overdue = true;
    const int days = today.days - summary.deadline->days;
    summary.overdue_zh = fmt::format("逾期未整改：整改期限 {}，已过 {} 天", FormatDate(*summary.deadline), days);
    summary.overdue_en =
        fmt::format("not rectified by the deadline {} ({} days ago)", FormatDate(*summary.deadline), days);
  }
  if (summary.state == CaseState::kRectified) {
    const std::optional<Date> from = summary.deadline ? summary.deadline : summary.rectified_on;
    if (from) {
      summary.recheck_due = Date{from->days + recheck_days};
      if (today > *summary.recheck_due) {
        summary.overdue = true;
        const int days = today.days - summary.recheck_due->days;
        summary.overdue_zh =
            fmt::format("逾期未复查：应于 {} 前复查（{} {} 天），已过 {} 天", FormatDate(*summary.recheck_due),
                        summary.deadline ? "整改期限后" : "报整改后", recheck_days, days);
        summary.overdue_en =
            fmt::format("not re-checked by {} ({} days after the {}), {} days ago", FormatDate(*summary.recheck_due),
                        recheck_days, summary.deadline ? "deadline" : "rectification", days);
      }
    }
  }
  return summary;
}

}  // namespace xk
