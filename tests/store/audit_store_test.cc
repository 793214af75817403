// The store on real SQLite files: finding life cycle across runs, one transaction per run,
// schema versions.
#include "records/store/audit_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "records/store/migrations.h"

namespace xk::store {
namespace {

namespace fs = std::filesystem;

class AuditStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::path(::testing::TempDir()) / ("store-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    Clean();
  }
  void TearDown() override { Clean(); }
  void Clean() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }

  static Finding MakeFinding(const std::string& subject) {
    Finding f;
    f.rule = "TRN-HOURS-SHORT";
    f.severity = Severity::kHigh;
    f.institution = "PX01";
    f.subject = subject;
    f.class_id = subject;
    f.measured = 32;
    f.required = 48;
    f.unit = "学时";
    f.summary_zh = "培训班 " + subject + " 压缩学时";
    f.rows.push_back({"training/PX01/classes.csv", 3});
    return f;
  }

  std::vector<StoredFinding> RunWith(AuditStore& store, std::vector<Finding> findings) {
    int64_t run = store.BeginRun("2026-11-28T02:00:00+08:00", "/archive", "{}");
    RunResults results;
    results.findings = std::move(findings);
    results.audited.push_back({"PX01", "2026H2"});
    results.finished = "2026-11-28T02:01:00+08:00";
    return store.CompleteRun(run, results, TimeZone{});
  }

  std::string path_;
};

TEST_F(AuditStoreTest, FindingsPersistAndResolveAcrossRuns) {
  AuditStore store(path_);
  auto first = RunWith(store, {MakeFinding("C01"), MakeFinding("C02")});
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].status, FindingStatus::kNew);
  auto second = RunWith(store, {MakeFinding("C01")});
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].status, FindingStatus::kPersisting);
  EXPECT_EQ(second[0].id, first[0].id);
  EXPECT_EQ(second[0].first_run, 1);
  EXPECT_EQ(second[1].status, FindingStatus::kResolved);
  EXPECT_EQ(second[1].finding.class_id, "C02");
  EXPECT_EQ(store.OpenFindings(std::nullopt).size(), 1u);
  // The finding round-trips through its stored JSON.
  auto stored = store.FindingById(first[0].id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->finding.summary_zh, "培训班 C01 压缩学时");
  EXPECT_EQ(stored->finding.rows.at(0).line, 3);
}

TEST_F(AuditStoreTest, ReopenedDatabaseKeepsEverything) {
  std::string id;
  {
    AuditStore store(path_);
    id = RunWith(store, {MakeFinding("C01")})[0].id;
  }
  AuditStore reopened(path_);
  EXPECT_TRUE(reopened.FindingById(id));
  EXPECT_EQ(reopened.LastCompletedRun()->id, 1);
  EXPECT_EQ(reopened.AuditedRuns().size(), 1u);
}

TEST_F(AuditStoreTest, AnUnfinishedRunIsMarkedInterruptedAndWroteNoFindings) {
  {
    AuditStore store(path_);
    store.BeginRun("2026-11-28T02:00:00+08:00", "/archive", "{}");  // process "dies" here
  }
  AuditStore store(path_);
  EXPECT_EQ(store.MarkInterruptedRuns(), 1);
  EXPECT_EQ(store.Run(1)->status, "interrupted");
  EXPECT_TRUE(store.OpenFindings(std::nullopt).empty());
  EXPECT_FALSE(store.LastCompletedRun());
}

TEST_F(AuditStoreTest, NewerSchemaIsRefusedWithAClearMessage) {
  {
    AuditStore store(path_);
    store.db().Execute("UPDATE meta SET value='99' WHERE key='schema_version'");
  }
  try {
    AuditStore store(path_);
    FAIL() << "a newer schema must be refused";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("99"), std::string::npos);
  }
}

// A version 1 database (the first release: media_files without `thorough`, `sha256`,
// `path_bytes`, `truncated_frames`, runs without `reason`, no draw tables) is
// migrated in place and keeps what it holds.
TEST_F(AuditStoreTest, VersionOneDatabaseIsMigratedKeepingItsData) {
  {
    AuditStore store(path_);
    auto stored = RunWith(store, {MakeFinding("B1")});
    ASSERT_EQ(stored.size(), 1u);
    store.db().Execute(
        "INSERT INTO media_files(path, institution, room, camera, size, mtime_epoch, analysed) "
        "VALUES ('exams/KC01/video/a.mp4', 'KC01', 'r', 'c', 10, 20, 1);"
        "ALTER TABLE media_files DROP COLUMN thorough;"
        "ALTER TABLE media_files DROP COLUMN sha256;"
        "ALTER TABLE media_files DROP COLUMN path_bytes;"
        "ALTER TABLE media_files DROP COLUMN truncated_frames;"
        "ALTER TABLE runs DROP COLUMN reason;"
        "DROP TABLE case_attachments; DROP TABLE case_events;"
        "DROP TABLE draw_inspectors; DROP TABLE draw_targets; DROP TABLE draws;"
        "ALTER TABLE media_files DROP COLUMN measured_with;"
        "UPDATE meta SET value='1' WHERE key='schema_version';");
  }
  AuditStore store(path_);
  Statement version(store.db(), "SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(version.Step());
  EXPECT_EQ(version.Text(0), std::to_string(kCurrentSchemaVersion));
  Statement media(store.db(), "SELECT size, analysed, thorough, sha256 FROM media_files");
  ASSERT_TRUE(media.Step());
  EXPECT_EQ(media.Int(0), 10);
  EXPECT_EQ(media.Int(1), 1);
  EXPECT_EQ(media.Int(2), 0);
  EXPECT_EQ(media.Text(3), "");
  EXPECT_EQ(store.OpenFindings(std::nullopt).size(), 1u);
}

// A version 8 database: its catalogued recordings learn that nothing is known of how their
// samples were measured (''), so the next audit analyses them again once.
TEST_F(AuditStoreTest, VersionEightDatabaseAsksForItsRecordingsAgain) {
  {
    AuditStore store(path_);
    store.db().Execute(
        "INSERT INTO media_files(path, institution, room, camera, size, mtime_epoch, analysed) "
        "VALUES ('exams/KC01/video/a.mp4', 'KC01', 'r', 'c', 10, 20, 1);"
        "ALTER TABLE media_files DROP COLUMN measured_with;"
        "UPDATE meta SET value='8' WHERE key='schema_version';");
  }
  AuditStore store(path_);
  Statement media(store.db(), "SELECT size, analysed, measured_with FROM media_files");
  ASSERT_TRUE(media.Step());
  EXPECT_EQ(media.Int(0), 10);
  EXPECT_EQ(media.Int(1), 1);
  EXPECT_EQ(media.Text(2), "");
}

TEST_F(AuditStoreTest, CheckConstraintsGuardTheData) {
  AuditStore store(path_);
  EXPECT_THROW(
      store.db().Execute("INSERT INTO runs(started, status, archive, tool_version) VALUES ('x','bogus','a','v')"),
      StoreError);
  Statement mode(store.db(), "PRAGMA journal_mode");
  ASSERT_TRUE(mode.Step());
  EXPECT_EQ(mode.Text(0), "wal");
}

}  // namespace
}  // namespace xk::store

namespace xk::store {
namespace {

std::vector<std::string> IdsNaming(AuditStore& store, const std::string& person, bool open_only = true) {
  FindingSearch search;
  search.person = person;
  search.open_only = open_only;
  std::vector<std::string> subjects;
  for (const StoredFinding& stored : store.SearchFindings(search).findings) subjects.push_back(stored.finding.subject);
  return subjects;
}

TEST_F(AuditStoreTest, APersonsFindingsAreThoseWhoseJsonNamesThemAfterEveryChange) {
  AuditStore store(path_);
  Finding compressed = MakeFinding("C01");
  compressed.trainee_id = "430402199001010011";
  // Named twice, and the trainee among the people too: the finding names each of them once.
  compressed.people = {"430402199001010022", "430402199001010033", "430402199001010033", "430402199001010011"};
  Finding other = MakeFinding("C02");
  other.people = {"430402199001010033"};
  RunWith(store, {compressed, other});
  EXPECT_EQ(IdsNaming(store, "430402199001010011"), (std::vector<std::string>{"C01"}));
  EXPECT_EQ(IdsNaming(store, "430402199001010033"), (std::vector<std::string>{"C01", "C02"}));
  EXPECT_TRUE(IdsNaming(store, "4304021990010100").empty()) << "a whole ID, not a part of one";

  // The same findings found again (an upsert, whose conflict policy a trigger's OR IGNORE gives way to).
  RunWith(store, {compressed, other});
  EXPECT_EQ(IdsNaming(store, "430402199001010033"), (std::vector<std::string>{"C01", "C02"}));
  // The next run finds C01 naming someone else and no longer finds C02.
  compressed.people = {"430402199001010044", "430402199001010044"};
  RunWith(store, {compressed});
  EXPECT_TRUE(IdsNaming(store, "430402199001010022").empty());
  EXPECT_EQ(IdsNaming(store, "430402199001010044"), (std::vector<std::string>{"C01"}));
  EXPECT_TRUE(IdsNaming(store, "430402199001010033").empty());
  EXPECT_EQ(IdsNaming(store, "430402199001010033", /*open_only=*/false), (std::vector<std::string>{"C02"}));
}

TEST_F(AuditStoreTest, VersionSevenDatabaseLearnsWhoItsFindingsName) {
  {
    AuditStore store(path_);
    Finding named = MakeFinding("C01");
    named.people = {"430402199001010022"};
    RunWith(store, {named});
    store.db().Execute(
        "DROP TRIGGER finding_people_on_insert; DROP TRIGGER finding_people_on_update;"
        "DROP TRIGGER finding_people_on_delete; DROP TABLE finding_people;"
        "DROP INDEX findings_by_rule; DROP INDEX findings_by_severity;"
        "ALTER TABLE media_files DROP COLUMN measured_with;"
        "UPDATE meta SET value='7' WHERE key='schema_version';");
  }
  AuditStore store(path_);
  EXPECT_EQ(IdsNaming(store, "430402199001010022"), (std::vector<std::string>{"C01"}));
  Finding renamed = MakeFinding("C01");
  renamed.people = {"430402199001010044"};
  RunWith(store, {renamed});
  EXPECT_TRUE(IdsNaming(store, "430402199001010022").empty()) << "the migration's triggers keep it up to date";
  EXPECT_EQ(IdsNaming(store, "430402199001010044"), (std::vector<std::string>{"C01"}));
}

}  // namespace
}  // namespace xk::store
