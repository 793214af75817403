// The findings list's case states on a real store: the summaries read in one query are those
// SummarizeCase gives from each finding's events, and a case-state filter pages the same whatever
// the size of the chunks it reads the findings in.
#include "src/serve/case_states.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "records/store/case_store.h"

namespace xk::serve {
namespace {

namespace fs = std::filesystem;

class CaseStatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (fs::path(::testing::TempDir()) / ("xunkao-case-states-" + std::to_string(::getpid()) + ".db")).string();
    fs::remove(db_);
    store_ = std::make_unique<store::AuditStore>(db_);
    const int64_t run = store_->BeginRun("2026-11-28T02:00:00+08:00", "/archive", "{}");
    store::RunResults results;
    for (int i = 1; i <= 7; ++i) {
      Finding f;
      f.rule = "TRN-HOURS-SHORT";
      f.severity = Severity::kHigh;
      f.institution = "PX01";
      f.subject = "C0" + std::to_string(i);
      f.summary_zh = "班级 " + f.subject;
      results.findings.push_back(f);
      ids_.push_back(f.Id());
    }
    results.finished = "2026-11-28T02:01:00+08:00";
    store_->CompleteRun(run, results, TimeZone{});
    // C01, C03, C05 and C07 handed over (C05's deadline past on the day judged), C07 then closed.
    std::vector<store::CaseEvent> events;
    for (int i : {0, 2, 4, 6}) {
      store::CaseEvent handover;
      handover.finding_id = ids_[i];
      handover.kind = store::CaseEventKind::kHandover;
      handover.recorded = "2026-12-01T09:00:00+08:00";
      handover.officer = "王明";
      handover.handed_to = "PX01";
      handover.doc_no = "1号";
      handover.deadline = i == 4 ? DateFromYmd(2026, 12, 2) : DateFromYmd(2027, 1, 31);
      events.push_back(handover);
    }
    store::CaseEvent close = events.back();
    close.kind = store::CaseEventKind::kClose;
    close.note = "结案";
    events.push_back(close);
    store::AppendCaseEvents(store_->db(), events);
  }
  void TearDown() override {
    store_.reset();
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_ + suffix, ignored);
  }

  std::vector<std::string> Page(const CaseStateFilter& filter, int64_t offset, int64_t chunk, int64_t* total) {
    store::FindingSearch search;
    search.limit = 2;
    search.offset = offset;
    const store::FindingPage page = SearchFindingsInState(*store_, search, filter, kToday, 10, chunk);
    *total = page.total;
    std::vector<std::string> subjects;
    for (const auto& stored : page.findings) subjects.push_back(stored.finding.subject);
    return subjects;
  }

  const Date kToday = DateFromYmd(2026, 12, 5);
  std::string db_;
  std::unique_ptr<store::AuditStore> store_;
  std::vector<std::string> ids_;
};

TEST_F(CaseStatesTest, SummariesInOneQueryAreThoseOfEachFinding) {
  const auto summaries = CaseSummariesOf(store_->db(), ids_, kToday, 10);
  EXPECT_EQ(summaries.size(), 4u) << "findings without events are open and not listed";
  for (const std::string& id : ids_) {
    const CaseSummary one = SummarizeCase(store::CaseEventsOf(store_->db(), id), kToday, 10);
    const auto it = summaries.find(id);
    EXPECT_EQ(it == summaries.end() ? CaseState::kOpen : it->second.state, one.state) << id;
    EXPECT_EQ(it != summaries.end() && it->second.overdue, one.overdue) << id;
  }
  EXPECT_EQ(summaries.at(ids_[4]).overdue, true);
  EXPECT_EQ(summaries.at(ids_[6]).state, CaseState::kClosed);
  EXPECT_TRUE(CaseSummariesOf(store_->db(), {}, kToday, 10).empty());
  EXPECT_EQ(AllCaseSummaries(store_->db(), kToday, 10).size(), 4u);
}

TEST_F(CaseStatesTest, FilterPagesTheSameWhateverTheChunk) {
  const CaseStateFilter handed_over{CaseState::kHandedOver, false};
  const CaseStateFilter open{CaseState::kOpen, false};
  const CaseStateFilter overdue{std::nullopt, true};
  const CaseStateFilter escalated{CaseState::kEscalated, false};
  for (int64_t chunk : {1, 2, 3, 5000}) {
    int64_t total = 0;
    EXPECT_EQ(Page(handed_over, 0, chunk, &total), (std::vector<std::string>{"C01", "C03"})) << chunk;
    EXPECT_EQ(total, 3) << chunk;
    EXPECT_EQ(Page(handed_over, 2, chunk, &total), (std::vector<std::string>{"C05"})) << chunk;
    EXPECT_EQ(Page(open, 2, chunk, &total), (std::vector<std::string>{"C06"})) << chunk;
    EXPECT_EQ(total, 3) << chunk;
    EXPECT_EQ(Page(overdue, 0, chunk, &total), (std::vector<std::string>{"C05"})) << chunk;
    EXPECT_EQ(total, 1) << chunk;
    EXPECT_TRUE(Page(escalated, 0, chunk, &total).empty()) << chunk;
    EXPECT_EQ(total, 0) << chunk;
  }
  EXPECT_EQ(ParseCaseStateFilter("handed_over")->state, CaseState::kHandedOver);
  EXPECT_TRUE(ParseCaseStateFilter("overdue")->overdue);
  EXPECT_FALSE(ParseCaseStateFilter("<script>"));
}

}  // namespace
}  // namespace xk::serve
