// The findings list's case states on a real store: the summaries read in one query are those
// SummarizeCase gives from each finding's events, and every page of a case-state filter, alone or
// with the list's other filters, is the page summarising every finding one by one would give.
#include "src/serve/case_states.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "records/store/case_store.h"

namespace xk::serve {
namespace {

namespace fs = std::filesystem;

// 3 institutions x 2 rules x 4 classes; every seventh finding escalated, every other third one
// handed over (C2's deadline past on the day judged) and every fifteenth then closed.
class CaseStatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (fs::path(::testing::TempDir()) / ("xunkao-case-states-" + std::to_string(::getpid()) + ".db")).string();
    fs::remove(db_);
    store_ = std::make_unique<store::AuditStore>(db_);
    const int64_t run = store_->BeginRun("2026-11-28T02:00:00+08:00", "/archive", "{}");
    store::RunResults results;
    for (const char* institution : {"PX03", "PX01", "KS02"}) {
      for (const char* rule : {"TRN-HOURS-SHORT", "EXM-VIDEO-GAP"}) {
        for (int i = 1; i <= 4; ++i) {
          Finding f;
          f.rule = rule;
          f.severity = i % 2 ? Severity::kHigh : Severity::kLow;
          f.institution = institution;
          f.subject = "C" + std::to_string(i);
          f.summary_zh = std::string("班级 ") + institution + f.subject;
          results.findings.push_back(f);
        }
      }
    }
    results.finished = "2026-11-28T02:01:00+08:00";
    std::vector<store::CaseEvent> events;
    int position = 0;
    for (const store::StoredFinding& stored : store_->CompleteRun(run, results, TimeZone{})) {
      ids_.push_back(stored.id);
      store::CaseEvent event;
      event.finding_id = stored.id;
      event.recorded = "2026-12-01T09:00:00+08:00";
      event.officer = "王明";
      ++position;
      if (position % 7 == 0) {
        event.kind = store::CaseEventKind::kEscalate;
        event.doc_no = "立1号";
        events.push_back(event);
      } else if (position % 3 == 0) {
        event.kind = store::CaseEventKind::kHandover;
        event.handed_to = stored.finding.institution;
        event.doc_no = "1号";
        event.deadline = stored.finding.subject == "C2" ? DateFromYmd(2026, 12, 2) : DateFromYmd(2027, 1, 31);
        events.push_back(event);
        if (position % 5 == 0) {
          event.kind = store::CaseEventKind::kClose;
          event.note = "结案";
          events.push_back(event);
        }
      }
    }
    store::AppendCaseEvents(store_->db(), events);
  }
  void TearDown() override {
    store_.reset();
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_ + suffix, ignored);
  }

  // The ids of a page, and the total, as the list shows them.
  std::pair<std::vector<std::string>, int64_t> Page(store::FindingSearch search, const CaseStateFilter& filter) {
    const store::FindingPage page = SearchFindingsInState(*store_, search, filter, kToday, 10);
    std::vector<std::string> ids;
    for (const auto& stored : page.findings) ids.push_back(stored.id);
    return {ids, page.total};
  }
  // The same the slow way: every finding found, each case summarised from its own events.
  std::pair<std::vector<std::string>, int64_t> Expected(store::FindingSearch search, const CaseStateFilter& filter) {
    const int64_t offset = search.offset, limit = search.limit;
    search.offset = 0;
    search.limit = -1;
    std::vector<std::string> passing;
    for (const auto& stored : store_->SearchFindings(search).findings) {
      const CaseSummary summary = SummarizeCase(store::CaseEventsOf(store_->db(), stored.id), kToday, 10);
      if (filter.overdue ? summary.overdue : summary.state == *filter.state) passing.push_back(stored.id);
    }
    std::vector<std::string> page;
    for (int64_t i = offset; i < static_cast<int64_t>(passing.size()) && i < offset + limit; ++i) {
      page.push_back(passing[static_cast<size_t>(i)]);
    }
    return {page, static_cast<int64_t>(passing.size())};
  }

  const Date kToday = DateFromYmd(2026, 12, 5);
  std::string db_;
  std::unique_ptr<store::AuditStore> store_;
  std::vector<std::string> ids_;
};

TEST_F(CaseStatesTest, SummariesInOneQueryAreThoseOfEachFinding) {
  const auto summaries = CaseSummariesOf(store_->db(), ids_, kToday, 10);
  EXPECT_EQ(summaries.size(), 10u) << "findings without events are open and not listed";
  int overdue = 0, closed = 0;
  for (const std::string& id : ids_) {
    const CaseSummary one = SummarizeCase(store::CaseEventsOf(store_->db(), id), kToday, 10);
    const auto it = summaries.find(id);
    EXPECT_EQ(it == summaries.end() ? CaseState::kOpen : it->second.state, one.state) << id;
    EXPECT_EQ(it != summaries.end() && it->second.overdue, one.overdue) << id;
    overdue += one.overdue;
    closed += one.state == CaseState::kClosed;
  }
  EXPECT_GT(overdue, 0);
  EXPECT_GT(closed, 0);
  EXPECT_TRUE(CaseSummariesOf(store_->db(), {}, kToday, 10).empty());
  EXPECT_EQ(AllCaseSummaries(store_->db(), kToday, 10).size(), 10u);
}

TEST_F(CaseStatesTest, FilterFindsAndPagesAsSummarisingEveryFindingWould) {
  std::vector<CaseStateFilter> filters = {{std::nullopt, true}};
  for (CaseState state : AllCaseStates()) filters.push_back({state, false});
  std::vector<store::FindingSearch> searches(5);
  searches[1].institution = "PX01";
  searches[2].rule = "EXM-VIDEO-GAP";
  searches[3].severity = "high";
  searches[4].text = "PX03C";
  int compared = 0;
  for (const CaseStateFilter& filter : filters) {
    for (store::FindingSearch search : searches) {
      for (int64_t limit : {2, 5, 50}) {
        for (int64_t offset : {0, 1, 2, 5, 13, 30}) {
          search.limit = limit;
          search.offset = offset;
          const auto got = Page(search, filter);
          const auto want = Expected(search, filter);
          ASSERT_EQ(got, want) << (filter.state ? CaseStateName(*filter.state) : "overdue") << " limit " << limit
                               << " offset " << offset;
          compared += !want.first.empty();
        }
      }
    }
  }
  EXPECT_GT(compared, 100) << "pages with findings on them were compared";
  EXPECT_EQ(ParseCaseStateFilter("handed_over")->state, CaseState::kHandedOver);
  EXPECT_TRUE(ParseCaseStateFilter("overdue")->overdue);
  EXPECT_FALSE(ParseCaseStateFilter("<script>"));
}

}  // namespace
}  // namespace xk::serve
