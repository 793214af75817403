// End to end: the demo archive audited as four shards (each its own process and store) and merged
// gives the findings, ids and reports of one audit on one machine; merging again is harmless;
// a shard that never completed stops the merge with its name and loses nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "records/store/database.h"
#include "tests/e2e/demo_cache.h"
#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

// findings.json without the run's clock times (the one thing two audits cannot share).
nlohmann::json WithoutRunTimes(const fs::path& findings_json) {
  auto json = nlohmann::json::parse(e2e::ReadFile(findings_json));
  json["run"].erase("started");
  json["run"].erase("finished");
  json["run"].erase("archive");
  return json;
}

int64_t FilesAnalysed(const fs::path& db_path) {
  store::Database db(db_path.string());
  store::Statement run(db, "SELECT files_analysed FROM runs WHERE status='completed' ORDER BY id DESC LIMIT 1");
  return run.Step() ? run.Int(0) : -1;
}

TEST(ShardMerge, FourShardsMergedGiveTheSingleMachineAudit) {
  const fs::path root = e2e::FreshDir("shards");
  const fs::path archive = root / "archive";
  e2e::CopyDemoArchive(archive, DemoScale{}, 7);

  const fs::path single = root / "single";
  auto plain = e2e::RunXunkao("audit " + e2e::Quoted(archive) + " --out " + e2e::Quoted(single) + " --jobs 2");
  ASSERT_EQ(plain.exit_code, 0) << plain.output;

  std::string shard_dbs;
  int64_t analysed_by_shards = 0;
  for (int k = 1; k <= 4; ++k) {
    const fs::path db = root / fmt::format("shard-{}.db", k);
    auto shard = e2e::RunXunkao(fmt::format("audit {} --shard {}/4 --db {} --out {} --jobs 1", e2e::Quoted(archive), k,
                                            e2e::Quoted(db), e2e::Quoted(root / fmt::format("shard-out-{}", k))));
    ASSERT_EQ(shard.exit_code, 0) << shard.output;
    EXPECT_NE(shard.output.find(fmt::format("分片 {}/4 完成", k)), std::string::npos) << shard.output;
    EXPECT_FALSE(fs::exists(root / fmt::format("shard-out-{}", k) / "report.html")) << "a shard runs no rule";
    analysed_by_shards += FilesAnalysed(db);
    shard_dbs += " " + e2e::Quoted(db);
  }
  EXPECT_EQ(analysed_by_shards, FilesAnalysed(single / "xunkao.db")) << "each recording analysed by one shard";

  const fs::path merged = root / "merged";
  auto merge = e2e::RunXunkao("merge" + shard_dbs + " --db " + e2e::Quoted(merged / "xunkao.db") + " --out " +
                              e2e::Quoted(merged) + " --jobs 2");
  ASSERT_EQ(merge.exit_code, 0) << merge.output;
  EXPECT_EQ(WithoutRunTimes(merged / "findings.json"), WithoutRunTimes(single / "findings.json"));
  EXPECT_EQ(e2e::ReadFile(merged / "findings.csv"), e2e::ReadFile(single / "findings.csv"));
  // Counted as analysed in this round (by the shards), like the single audit's; none opened again.
  EXPECT_NE(merge.output.find("分析新录像 0.00 s"), std::string::npos) << merge.output;

  // Merging twice is harmless: the same findings, found again.
  auto again = e2e::RunXunkao("merge" + shard_dbs + " --db " + e2e::Quoted(merged / "xunkao.db") + " --out " +
                              e2e::Quoted(root / "merged-again") + " --jobs 2");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  auto first = WithoutRunTimes(merged / "findings.json");
  auto second = WithoutRunTimes(root / "merged-again" / "findings.json");
  ASSERT_EQ(first["findings"].size(), second["findings"].size());
  for (size_t i = 0; i < first["findings"].size(); ++i) {
    EXPECT_EQ(first["findings"][i]["id"], second["findings"][i]["id"]);
    EXPECT_EQ(second["findings"][i]["status"], "persisting");
  }
  EXPECT_NE(again.output.find("新 0"), std::string::npos) << again.output;
}

TEST(ShardMerge, AShardThatNeverCompletedStopsTheMergeAndLosesNothing) {
  const fs::path root = e2e::FreshDir("unfinished");
  const fs::path archive = root / "archive";
  e2e::CopyDemoArchive(archive, DemoScale{}, 7);
  const fs::path done = root / "shard-1.db";
  ASSERT_EQ(e2e::RunXunkao(fmt::format("audit {} --shard 1/2 --db {} --out {} --jobs 2", e2e::Quoted(archive),
                                       e2e::Quoted(done), e2e::Quoted(root / "out-1")))
                .exit_code,
            0);
  {  // shard 2 was killed before it completed: its run stays 'running'
    fs::copy_file(done, root / "shard-2.db");
    store::Database db((root / "shard-2.db").string());
    db.Execute("UPDATE runs SET status='running', finished=NULL");
  }
  auto merge = e2e::RunXunkao("merge " + e2e::Quoted(done) + " " + e2e::Quoted(root / "shard-2.db") + " --db " +
                              e2e::Quoted(root / "main.db") + " --archive " + e2e::Quoted(archive) + " --out " +
                              e2e::Quoted(root / "merged"));
  EXPECT_EQ(merge.exit_code, 3) << merge.output;
  EXPECT_NE(merge.output.find("shard-2.db 没有完成的审查"), std::string::npos) << merge.output;
  store::Database main_db((root / "main.db").string());
  store::Statement run(main_db, "SELECT status, reason FROM runs ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(run.Step());
  EXPECT_EQ(run.Text(0), "failed") << "the merge's run says why it stopped";
  EXPECT_NE(run.Text(1).find("shard-2.db"), std::string::npos);

  auto usage = e2e::RunXunkao("audit " + e2e::Quoted(archive) + " --shard 3/2 --out " + e2e::Quoted(root / "bad"));
  EXPECT_EQ(usage.exit_code, 2) << usage.output;
}

}  // namespace
}  // namespace xk
