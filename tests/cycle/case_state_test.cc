// The case state derived from events, fed with structs: the order of the loop, overdue by date
// (not rectified after the deadline; not re-checked recheck_days after it), a correction taking
// the corrected event's place, a failed re-check, a new hand-over after it.
#include "src/cycle/case_state.h"

#include <gtest/gtest.h>

#include "records/csv/values.h"

namespace xk {
namespace {

using store::CaseEvent;
using store::CaseEventKind;

Date D(const char* text) { return *ParseDate(text); }

CaseEvent Event(int64_t id, CaseEventKind kind) {
  CaseEvent event;
  event.id = id;
  event.finding_id = "f";
  event.kind = kind;
  event.officer = "王明";
  return event;
}

CaseEvent Handover(int64_t id, const char* deadline) {
  CaseEvent event = Event(id, CaseEventKind::kHandover);
  event.deadline = D(deadline);
  return event;
}

CaseEvent Rectified(int64_t id, const char* date) {
  CaseEvent event = Event(id, CaseEventKind::kRectified);
  event.event_date = D(date);
  return event;
}

CaseEvent Recheck(int64_t id, const char* date, bool passed) {
  CaseEvent event = Event(id, CaseEventKind::kRecheck);
  event.event_date = D(date);
  event.passed = passed;
  return event;
}

TEST(CaseState, NoEventsIsOpenAndNeverOverdue) {
  CaseSummary summary = SummarizeCase({}, D("2030-01-01"), 10);
  EXPECT_EQ(summary.state, CaseState::kOpen);
  EXPECT_FALSE(summary.overdue);
}

TEST(CaseState, FollowsTheLoopInOrder) {
  std::vector<CaseEvent> events = {Handover(1, "2026-12-20")};
  EXPECT_EQ(SummarizeCase(events, D("2026-12-10"), 10).state, CaseState::kHandedOver);
  events.push_back(Rectified(2, "2026-12-18"));
  EXPECT_EQ(SummarizeCase(events, D("2026-12-19"), 10).state, CaseState::kRectified);
  events.push_back(Recheck(3, "2026-12-25", true));
  EXPECT_EQ(SummarizeCase(events, D("2026-12-26"), 10).state, CaseState::kRecheckedPassed);
  events.push_back(Event(4, CaseEventKind::kClose));
  CaseSummary closed = SummarizeCase(events, D("2027-06-01"), 10);
  EXPECT_EQ(closed.state, CaseState::kClosed);
  EXPECT_FALSE(closed.overdue);
  EXPECT_EQ(closed.standing.size(), 4u);
}

TEST(CaseState, HandedOverIsOverdueTheDayAfterTheDeadline) {
  const std::vector<CaseEvent> events = {Handover(1, "2026-12-20")};
  EXPECT_FALSE(SummarizeCase(events, D("2026-12-20"), 10).overdue) << "the deadline day itself is in time";
  CaseSummary late = SummarizeCase(events, D("2026-12-24"), 10);
  EXPECT_TRUE(late.overdue);
  EXPECT_NE(late.overdue_zh.find("逾期未整改"), std::string::npos) << late.overdue_zh;
  EXPECT_NE(late.overdue_zh.find("4 天"), std::string::npos) << late.overdue_zh;
}

TEST(CaseState, RectifiedIsOverdueForARecheckDaysAfterTheDeadline) {
  const std::vector<CaseEvent> events = {Handover(1, "2026-12-20"), Rectified(2, "2026-12-15")};
  CaseSummary in_time = SummarizeCase(events, D("2026-12-30"), 10);
  EXPECT_FALSE(in_time.overdue);
  EXPECT_EQ(in_time.recheck_due, D("2026-12-30"));
  CaseSummary late = SummarizeCase(events, D("2026-12-31"), 10);
  EXPECT_TRUE(late.overdue);
  EXPECT_NE(late.overdue_zh.find("逾期未复查"), std::string::npos) << late.overdue_zh;
  EXPECT_FALSE(SummarizeCase(events, D("2026-12-31"), 30).overdue) << "recheck_days is the configured one";
}

TEST(CaseState, ACorrectionReplacesTheEventItNamesInItsPlace) {
  CaseEvent corrected_deadline = Handover(3, "2027-01-31");
  corrected_deadline.corrects = 1;
  const std::vector<CaseEvent> events = {Handover(1, "2026-12-01"), Rectified(2, "2026-12-20"), corrected_deadline};
  CaseSummary summary = SummarizeCase(events, D("2027-01-05"), 10);
  EXPECT_EQ(summary.state, CaseState::kRectified) << "the correction stands where the hand-over stood";
  EXPECT_EQ(summary.deadline, D("2027-01-31"));
  EXPECT_FALSE(summary.overdue) << "with the wrong deadline it would be overdue since 2026-12-11";
  ASSERT_EQ(summary.standing.size(), 2u);
  EXPECT_EQ(summary.standing[0].id, 3);
  EXPECT_EQ(summary.standing[1].id, 2);
}

TEST(CaseState, ACorrectionOfACorrectionStillStandsInTheFirstPlace) {
  CaseEvent first_fix = Recheck(3, "2026-12-25", true);
  first_fix.corrects = 2;
  CaseEvent second_fix = Recheck(4, "2026-12-25", false);
  second_fix.corrects = 3;
  const std::vector<CaseEvent> events = {Handover(1, "2026-12-20"), Recheck(2, "2026-12-24", true), first_fix,
                                         second_fix};
  CaseSummary summary = SummarizeCase(events, D("2026-12-26"), 10);
  EXPECT_EQ(summary.state, CaseState::kRecheckedFailed);
  ASSERT_EQ(summary.standing.size(), 2u);
  EXPECT_EQ(summary.standing[1].id, 4);
}

TEST(CaseState, AFailedRecheckThenANewHandoverStartsAgain) {
  const std::vector<CaseEvent> events = {Handover(1, "2026-12-20"), Rectified(2, "2026-12-18"),
                                         Recheck(3, "2026-12-22", false), Handover(4, "2027-01-15")};
  CaseSummary summary = SummarizeCase(events, D("2027-01-20"), 10);
  EXPECT_EQ(summary.state, CaseState::kHandedOver);
  EXPECT_EQ(summary.deadline, D("2027-01-15"));
  EXPECT_TRUE(summary.overdue);
  EXPECT_FALSE(summary.rectified_on.has_value());
}

TEST(CaseState, NamesRoundTrip) {
  for (CaseState state : AllCaseStates()) EXPECT_EQ(ParseCaseState(CaseStateName(state)), state);
  EXPECT_FALSE(ParseCaseState("resolved_by_data")) << "resolved by data is shown beside a state, not one";
}

}  // namespace
}  // namespace xk
