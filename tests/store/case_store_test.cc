// Case events in the store, on real SQLite files: events and attachments round-trip in order,
// the tables refuse UPDATE and DELETE, an event on an unknown finding is refused whole, and a
// version 5 database gains the case tables as a new one has them.
#include "records/store/case_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "records/csv/values.h"
#include "records/store/audit_store.h"
#include "records/store/migrations.h"

namespace xk::store {
namespace {

namespace fs = std::filesystem;

class CaseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::path(::testing::TempDir()) / ("cases-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    Clean();
    AuditStore store(path_);
    int64_t run = store.BeginRun("2026-11-28T02:00:00+08:00", "/archive", "{}");
    RunResults results;
    for (const char* subject : {"C01", "C02"}) {
      Finding f;
      f.rule = "TRN-HOURS-SHORT";
      f.severity = Severity::kHigh;
      f.institution = "PX01";
      f.subject = subject;
      f.summary_zh = "学时不足";
      results.findings.push_back(f);
      ids_.push_back(f.Id());
    }
    results.finished = "2026-11-28T02:01:00+08:00";
    store.CompleteRun(run, results, TimeZone{});
  }
  void TearDown() override { Clean(); }
  void Clean() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }

  CaseEvent Handover(const std::string& finding) const {
    CaseEvent event;
    event.finding_id = finding;
    event.kind = CaseEventKind::kHandover;
    event.recorded = "2026-12-05T09:00:00+08:00";
    event.officer = "王明";
    event.deadline = ParseDate("2026-12-20");
    event.handed_to = "市安全培训中心";
    event.doc_no = "衡应急责改〔2026〕7号";
    return event;
  }

  std::string path_;
  std::vector<std::string> ids_;
};

TEST_F(CaseStoreTest, EventsAndAttachmentsRoundTripInOrder) {
  AuditStore store(path_);
  CaseEvent rectified = Handover(ids_[0]);
  rectified.kind = CaseEventKind::kRectified;
  rectified.deadline.reset();
  rectified.event_date = ParseDate("2026-12-18");
  rectified.note = "已补课 8 学时";
  rectified.attachments = {{"补课签到表.pdf", 1234, std::string(64, 'a')}, {"照片.jpg", 99, std::string(64, 'b')}};
  CaseEvent recheck = Handover(ids_[0]);
  recheck.kind = CaseEventKind::kRecheck;
  recheck.deadline.reset();
  recheck.event_date = ParseDate("2026-12-25");
  recheck.passed = true;
  recheck.inspectors = {"JZ-0011", "JZ-0022"};
  const auto ids = AppendCaseEvents(store.db(), {Handover(ids_[0]), rectified, recheck});
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_LT(ids[0], ids[1]);

  AuditStore reopened(path_);
  const auto events = CaseEventsOf(reopened.db(), ids_[0]);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, CaseEventKind::kHandover);
  EXPECT_EQ(events[0].deadline, ParseDate("2026-12-20"));
  EXPECT_EQ(events[0].doc_no, "衡应急责改〔2026〕7号");
  ASSERT_EQ(events[1].attachments.size(), 2u);
  EXPECT_EQ(events[1].attachments[0].name, "补课签到表.pdf");
  EXPECT_EQ(events[1].attachments[1].sha256, std::string(64, 'b'));
  EXPECT_EQ(events[2].passed, true);
  EXPECT_EQ(events[2].inspectors, (std::vector<std::string>{"JZ-0011", "JZ-0022"}));
  EXPECT_TRUE(CaseEventsOf(reopened.db(), ids_[1]).empty());
  EXPECT_EQ(CaseEventById(reopened.db(), ids[2])->kind, CaseEventKind::kRecheck);
}

TEST_F(CaseStoreTest, EventsCannotBeEditedOrDeleted) {
  AuditStore store(path_);
  AppendCaseEvents(store.db(), {Handover(ids_[0])});
  EXPECT_THROW(store.db().Execute("UPDATE case_events SET deadline = '2027-01-01'"), StoreError);
  EXPECT_THROW(store.db().Execute("DELETE FROM case_events"), StoreError);
  EXPECT_EQ(CaseEventsOf(store.db(), ids_[0]).front().deadline, ParseDate("2026-12-20"));
}

TEST_F(CaseStoreTest, AnEventOnAnUnknownFindingIsRefusedWithTheOthers) {
  AuditStore store(path_);
  EXPECT_THROW(AppendCaseEvents(store.db(), {Handover(ids_[0]), Handover("0000000000000000")}), StoreError);
  EXPECT_TRUE(AllCaseEvents(store.db()).empty()) << "nothing of a refused command is kept";
}

TEST_F(CaseStoreTest, VersionFiveDatabaseGainsTheCaseTables) {
  {
    AuditStore store(path_);
    store.db().Execute(
        "DROP TABLE case_attachments; DROP TABLE case_events; ALTER TABLE media_files DROP COLUMN measured_with; "
        "UPDATE meta SET value='5' WHERE key='schema_version';");
  }
  AuditStore store(path_);
  Statement version(store.db(), "SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(version.Step());
  EXPECT_EQ(version.Text(0), std::to_string(kCurrentSchemaVersion));
  AppendCaseEvents(store.db(), {Handover(ids_[1])});
  EXPECT_THROW(store.db().Execute("DELETE FROM case_events"), StoreError) << "the migration made the triggers too";
  EXPECT_EQ(CaseEventsOf(store.db(), ids_[1]).size(), 1u);
}

}  // namespace
}  // namespace xk::store
