// The hostile-input catalogue: each kind of bad input an audited institution can export (by
// accident or on purpose), built at test time into a copy of a clean archive and audited end to
// end by the real binary as a child process. Each case asserts what the officer gets (exit status,
// the load issue or EXM-VIDEO-UNREADABLE reason naming the file), that every finding of the rest
// of the archive still comes out, and that the audit stayed under the memory ceiling. The last
// test puts every kind into one archive at once.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "records/store/database.h"
#include "tests/e2e/e2e_util.h"
#include "tests/hostile/hostile_kinds.h"
#include "tests/hostile/hostile_world.h"
#include "tests/media/media_samples.h"

namespace xk::hostile {
namespace {

namespace fs = std::filesystem;

// audit.toml for the kinds in `spoils` (the case's own audit.toml, if it wrote one, is kept).
void WriteConfig(const fs::path& archive, const std::vector<const Spoil*>& spoils) {
  std::string limits, thresholds, patterns, sections;
  for (const Spoil* spoil : spoils) {
    for (const auto& line : spoil->limits) limits += line + "\n";
    for (const auto& line : spoil->thresholds) thresholds += line + "\n";
    for (const auto& line : spoil->patterns) patterns += (patterns.empty() ? "" : ", ") + line;
    for (const auto& line : spoil->sections) sections += line + "\n";
  }
  std::string toml;
  if (!limits.empty()) toml += "[limits]\n" + limits;
  if (!thresholds.empty()) toml += "[thresholds]\n" + thresholds;
  if (!patterns.empty()) toml += "[recordings]\nname_patterns = [" + patterns + "]\n";
  toml += sections;
  if (!toml.empty()) WriteBytes(archive / "audit.toml", toml);
}

AuditRun AuditSpoiled(const std::vector<const Spoil*>& spoils, const std::string& tag) {
  const fs::path archive = FreshArchive(tag);
  std::map<std::string, std::string> environment;
  WriteConfig(archive, spoils);
  for (const Spoil* spoil : spoils) {
    spoil->inject(archive);
    environment.insert(spoil->environment.begin(), spoil->environment.end());
  }
  return Audit(archive, {}, environment);
}

class HostileKind : public ::testing::TestWithParam<Spoil> {};

TEST_P(HostileKind, IsReportedAndCostsNothingElse) {
  const Spoil& spoil = GetParam();
  AuditRun run = AuditSpoiled({&spoil}, spoil.name);
  ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.output;
  ASSERT_TRUE(run.findings.is_object()) << run.output;
  spoil.check(run);
  ExpectRestIntact(run, spoil.spoiled);
}

std::string KindName(const ::testing::TestParamInfo<Spoil>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Catalogue, HostileKind, ::testing::ValuesIn(Catalogue()), KindName);
INSTANTIATE_TEST_SUITE_P(Alone, HostileKind, ::testing::ValuesIn(AloneCatalogue()), KindName);

TEST(HostileArchive, EveryKindAtOnceIsAuditedToCompletion) {
  const std::vector<Spoil> kinds = Catalogue();
  std::vector<const Spoil*> all;
  std::set<std::string> spoiled;
  for (const Spoil& kind : kinds) {
    if (kind.alone) continue;
    all.push_back(&kind);
    spoiled.insert(kind.spoiled.begin(), kind.spoiled.end());
  }
  ASSERT_GE(all.size() + AloneCatalogue().size() + 2, 40u) << "the catalogue holds at least 40 kinds";
  AuditRun run = AuditSpoiled(all, "all");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const Spoil* kind : all) {
    SCOPED_TRACE(kind->name);
    kind->check(run);
  }
  ExpectRestIntact(run, spoiled);
}

TEST(HostileArchive, AnArchivePathThatIsAFileEndsTheRunWithExit3) {
  const fs::path file = FreshArchive() / "institutions.csv";
  AuditRun run = Audit(file);
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("不是目录"), std::string::npos) << run.output;
}

TEST(HostileArchive, ARecordingThatCrashedItsWorkerIsNotRetriedUnlessItChanges) {
  const fs::path archive = FreshArchive();
  CopySampleRecording(Spare(archive, "crashme") / "090000.mp4");
  const std::map<std::string, std::string> crash = {{"XUNKAO_TEST_WORKER_FAULT", "crash:crashme"}};
  AuditRun first = Audit(archive, {}, crash);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_EQ(first.CountFindings("EXM-VIDEO-UNREADABLE", "分析进程崩溃"), 1);
  // The same database again: nothing is analysed afresh, the finding persists.
  AuditRun second = Audit(archive, {"--db", first.db.string()}, crash);
  EXPECT_NE(second.output.find("新分析 0"), std::string::npos) << second.output;
  EXPECT_EQ(second.CountFindings("EXM-VIDEO-UNREADABLE", "分析进程崩溃"), 1);
  // Changed (a new copy, another size): analysed again, and without the fault it is readable.
  CopySampleRecording(Spare(archive, "crashme") / "090000.mp4", "clean.mp4");
  AuditRun third = Audit(archive, {"--db", first.db.string()});
  EXPECT_NE(third.output.find("新分析 1"), std::string::npos) << third.output;
  EXPECT_EQ(third.CountFindings("EXM-VIDEO-UNREADABLE", "分析进程崩溃"), 0);
}

TEST(HostileArchive, ARunThatCannotWriteItsReportIsMarkedFailedWithTheReason) {
  const fs::path archive = FreshArchive();
  const fs::path out = archive.string() + "-failing-out";
  fs::create_directories(out / "report.html" / "occupied");  // a folder where the report must go
  const e2e::CommandResult result =
      e2e::RunXunkao("audit '" + archive.string() + "' --out '" + out.string() + "' --jobs 2");
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("已标记为失败"), std::string::npos) << result.output;
  store::Database db((out / "xunkao.db").string());
  store::Statement run(db, "SELECT status, reason FROM runs ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(run.Step());
  EXPECT_EQ(run.Text(0), "failed") << "a run never stays running";
  EXPECT_NE(run.Text(1).find("report.html"), std::string::npos) << run.Text(1);
}

}  // namespace
}  // namespace xk::hostile
