// The draws in the store, on real SQLite files: a draw round-trips whole, earlier draws of a
// half-year are found, open high-severity findings counted, the constraints hold, and a version
// 4 database gains the draw tables exactly as a new one has them.
#include "records/store/draw_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "records/store/audit_store.h"
#include "records/store/migrations.h"

namespace xk::store {
namespace {

namespace fs = std::filesystem;

class DrawStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::path(::testing::TempDir()) / ("draws-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    Clean();
  }
  void TearDown() override { Clean(); }
  void Clean() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }

  static DrawRecord MakeDraw(const std::string& period, const std::vector<std::string>& codes) {
    DrawRecord draw;
    draw.created = "2026-12-05T10:15:30+08:00";
    draw.period = period;
    draw.seed = draw.created;
    draw.ratio = "0.3";
    draw.min_targets = 1;
    draw.pool_size = 10;
    draw.pool_sha256 = std::string(64, 'a');
    draw.pool_text = "xunkao-draw-pool 1\n";
    draw.archive = "/archive";
    draw.tool_version = "0.1.0";
    for (const auto& code : codes) {
      DrawTargetRow target{
          code, code == "KS01" ? "priority" : "drawn", code == "KS01" ? "群众投诉" : "", std::string(64, 'b'), {}};
      target.inspectors.push_back({"110101198001010011", "王明", "JZ-0001", "市局", std::string(64, 'c')});
      target.inspectors.push_back({"110101198001010022", "李华", "JZ-0002", "市局", std::string(64, 'd')});
      draw.targets.push_back(std::move(target));
    }
    return draw;
  }

  static int64_t Save(AuditStore& store, const DrawRecord& draw) {
    Transaction transaction(store.db());
    int64_t id = SaveDraw(store.db(), draw);
    transaction.Commit();
    return id;
  }

  // Every column of `table` (name, type, not null, default, primary key), to compare two files.
  static std::vector<std::string> Columns(Database& db, const std::string& table) {
    std::vector<std::string> out;
    Statement info(db, "SELECT name, type, \"notnull\", coalesce(dflt_value, ''), pk FROM pragma_table_info(?1)");
    info.Bind(1, table);
    while (info.Step()) {
      out.push_back(info.Text(0) + " " + info.Text(1) + " " + info.Text(2) + " " + info.Text(3) + " " + info.Text(4));
    }
    Statement indexes(db, "SELECT name, \"unique\", origin FROM pragma_index_list(?1) ORDER BY name");
    indexes.Bind(1, table);
    while (indexes.Step()) out.push_back("index " + indexes.Text(1) + " " + indexes.Text(2));
    return out;
  }

  std::string path_;
};

TEST_F(DrawStoreTest, ADrawIsStoredWholeAndReadBack) {
  AuditStore store(path_);
  const int64_t first = Save(store, MakeDraw("2022H2", {"PX03", "KS01"}));
  const int64_t second = Save(store, MakeDraw("2022H2", {"PX05"}));
  Save(store, MakeDraw("2023H1", {"PX07"}));
  auto loaded = LoadDraw(store.db(), first);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->period, "2022H2");
  EXPECT_EQ(loaded->seed, "2026-12-05T10:15:30+08:00");
  ASSERT_EQ(loaded->targets.size(), 2u);
  EXPECT_EQ(loaded->targets[0].institution, "PX03");  // the order of the public list
  EXPECT_EQ(loaded->targets[1].selection, "priority");
  EXPECT_EQ(loaded->targets[1].reason, "群众投诉");
  ASSERT_EQ(loaded->targets[1].inspectors.size(), 2u);
  EXPECT_EQ(loaded->targets[1].inspectors[1].name, "李华");
  EXPECT_EQ(loaded->targets[1].inspectors[1].cert_no, "JZ-0002");
  EXPECT_FALSE(LoadDraw(store.db(), 99));
  EXPECT_EQ(ListDraws(store.db()).size(), 3u);

  EXPECT_EQ(InstitutionsDrawnInPeriod(store.db(), "2022H2", std::nullopt),
            (std::set<std::string>{"KS01", "PX03", "PX05"}));
  EXPECT_EQ(InstitutionsDrawnInPeriod(store.db(), "2022H2", second), (std::set<std::string>{"KS01", "PX03"}));
  EXPECT_EQ(InstitutionsDrawnInPeriod(store.db(), "2022H2", first), std::set<std::string>{});
  EXPECT_EQ(InstitutionsDrawnInPeriod(store.db(), "2023H1", std::nullopt), std::set<std::string>{"PX07"});
}

TEST_F(DrawStoreTest, ConstraintsRefuseWhatADrawCannotBe) {
  AuditStore store(path_);
  EXPECT_THROW(Save(store, MakeDraw("2022H3", {"PX01"})), StoreError);
  DrawRecord same_twice = MakeDraw("2022H2", {"PX01"});
  same_twice.targets[0].inspectors[1] = same_twice.targets[0].inspectors[0];
  EXPECT_THROW(Save(store, same_twice), StoreError);
  DrawRecord no_certificate = MakeDraw("2022H2", {"PX01"});
  no_certificate.targets[0].inspectors[0].cert_no = "";
  EXPECT_THROW(Save(store, no_certificate), StoreError);
  DrawRecord bad_ratio = MakeDraw("2022H2", {"PX01"});
  bad_ratio.ratio = "1.5";
  EXPECT_THROW(Save(store, bad_ratio), StoreError);
  EXPECT_TRUE(ListDraws(store.db()).empty());  // each refused draw rolled back whole
}

TEST_F(DrawStoreTest, OpenHighSeverityFindingsAreCountedPerInstitution) {
  AuditStore store(path_);
  int64_t run = store.BeginRun("2026-11-28T02:00:00+08:00", "/archive", "{}");
  RunResults results;
  for (const auto& [institution, severity, subject] : std::vector<std::tuple<std::string, Severity, std::string>>{
           {"KS01", Severity::kHigh, "a"}, {"KS01", Severity::kHigh, "b"}, {"PX01", Severity::kMedium, "c"}}) {
    Finding f;
    f.rule = "EXM-VIDEO-GAP";
    f.severity = severity;
    f.institution = institution;
    f.subject = subject;
    f.summary_zh = "录像中断";
    results.findings.push_back(f);
  }
  results.finished = "2026-11-28T02:01:00+08:00";
  store.CompleteRun(run, results, TimeZone{});
  EXPECT_EQ(OpenHighFindingsByInstitution(store.db()), (std::map<std::string, int>{{"KS01", 2}}));
}

TEST_F(DrawStoreTest, VersionFourDatabaseGainsTheDrawTablesAsANewOneHasThem) {
  std::map<std::string, std::vector<std::string>> fresh;
  {
    AuditStore store(path_);
    for (const char* table : {"draws", "draw_targets", "draw_inspectors"}) fresh[table] = Columns(store.db(), table);
    store.db().Execute(
        "DROP TABLE case_attachments; DROP TABLE case_events;"
        "DROP TABLE draw_inspectors; DROP TABLE draw_targets; DROP TABLE draws;"
        "ALTER TABLE media_files DROP COLUMN measured_with;"
        "UPDATE meta SET value='4' WHERE key='schema_version';");
  }
  {
    AuditStore store(path_);
    Statement version(store.db(), "SELECT value FROM meta WHERE key='schema_version'");
    ASSERT_TRUE(version.Step());
    EXPECT_EQ(version.Text(0), std::to_string(kCurrentSchemaVersion));
    for (const auto& [table, columns] : fresh) EXPECT_EQ(Columns(store.db(), table), columns) << table;
    Save(store, MakeDraw("2022H2", {"PX01"}));
  }
  AuditStore reopened(path_);
  EXPECT_EQ(ListDraws(reopened.db()).size(), 1u);
}

}  // namespace
}  // namespace xk::store
