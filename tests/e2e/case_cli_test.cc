// `xunkao case` through the real binary on real SQLite files: the loop in order, a refused
// command writes nothing, attachments are kept under their SHA-256, overdue by date, a correction,
// a finding resolved by data shown beside its case state, a closed case refusing new steps, and
// events that survive a kill -9 of the command whole or not at all.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "records/hashing.h"
#include "records/store/audit_store.h"
#include "records/store/case_store.h"
#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

class CaseCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = e2e::FreshDir("case");
    db_ = dir_ / "xunkao.db";
  }

  // Stores a completed run finding TRN-HOURS-SHORT for each subject; returns their ids.
  std::vector<std::string> StoreRun(const std::vector<std::string>& subjects) {
    store::AuditStore store(db_.string());
    const int64_t run = store.BeginRun("2026-11-28T02:00:00+08:00", (dir_ / "archive").string(), "{}");
    store::RunResults results;
    std::vector<std::string> ids;
    for (const auto& subject : subjects) {
      Finding f;
      f.rule = "TRN-HOURS-SHORT";
      f.severity = Severity::kHigh;
      f.institution = "PX01";
      f.subject = subject;
      f.summary_zh = "班级 " + subject + " 学时不足";
      f.basis = "《特种作业人员安全技术培训考核管理规定》";
      results.findings.push_back(f);
      ids.push_back(f.Id());
    }
    results.finished = "2026-11-28T02:01:00+08:00";
    store.CompleteRun(run, results, TimeZone{});
    return ids;
  }

  e2e::CommandResult Case(const std::string& args) {
    return e2e::RunXunkao("case " + args + " --db " + e2e::Quoted(db_) + " --officer 王明");
  }
  e2e::CommandResult Show(const std::string& args) {
    return e2e::RunXunkao("case show " + args + " --db " + e2e::Quoted(db_));
  }
  e2e::CommandResult List(const std::string& args, const std::string& format = "json") {
    return e2e::RunXunkao("case list --format " + format + " --db " + e2e::Quoted(db_) + " " + args);
  }
  // finding id -> its row in `case list --format json`.
  std::map<std::string, nlohmann::json> Rows(const std::string& args) {
    auto result = List(args);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    std::map<std::string, nlohmann::json> rows;
    const nlohmann::json list = nlohmann::json::parse(result.output);
    for (const auto& row : list["cases"]) rows[row["id"]] = row;
    return rows;
  }
  size_t EventCount() {
    store::AuditStore store(db_.string());
    return store::AllCaseEvents(store.db()).size();
  }

  fs::path dir_, db_;
};

TEST_F(CaseCommand, TheLoopInOrderWithAnAttachmentKeptUnderItsHash) {
  const auto ids = StoreRun({"C01", "C02"});
  auto handover = Case("handover " + ids[0] + " " + ids[1] +
                       " --to 市安全培训中心 --doc-no '衡应急责改〔2026〕7号' --deadline 2026-12-20");
  ASSERT_EQ(handover.exit_code, 0) << handover.output;
  auto rows = Rows("--as-of 2026-12-10");
  EXPECT_EQ(rows[ids[0]]["state"], "handed_over");
  EXPECT_EQ(rows[ids[1]]["deadline"], "2026-12-20");

  const fs::path photo = dir_ / "整改照片.jpg";
  std::ofstream(photo, std::ios::binary) << "not really a jpeg, but bytes to keep";
  auto rectified =
      Case("rectified " + ids[0] + " --date 2026-12-18 --note '已补课 8 学时' --attach " + e2e::Quoted(photo));
  ASSERT_EQ(rectified.exit_code, 0) << rectified.output;
  const std::string sha256 = *Sha256File(photo.string());
  const fs::path kept = fs::path(db_.string() + "-attachments") / sha256;
  ASSERT_TRUE(fs::exists(kept)) << kept;
  EXPECT_EQ(*Sha256File(kept.string()), sha256);

  auto recheck = Case("recheck " + ids[0] + " --date 2026-12-25 --result pass --inspectors 'JZ-0011;JZ-0022'");
  ASSERT_EQ(recheck.exit_code, 0) << recheck.output;
  rows = Rows("--as-of 2026-12-26");
  EXPECT_EQ(rows[ids[0]]["state"], "rechecked_passed");
  EXPECT_EQ(rows[ids[0]]["events"].size(), 3u);
  EXPECT_EQ(rows[ids[0]]["events"][1]["attachments"][0]["sha256"], sha256);
  EXPECT_EQ(rows[ids[0]]["events"][1]["attachments"][0]["name"], "整改照片.jpg");
  EXPECT_EQ(rows[ids[0]]["events"][0]["officer"], "王明");

  auto show = Show(ids[0] + " --as-of 2026-12-26");
  ASSERT_EQ(show.exit_code, 0) << show.output;
  for (const char* expected :
       {"复查合格", "交办", "衡应急责改〔2026〕7号", "已补课 8 学时", "整改照片.jpg", "JZ-0022"}) {
    EXPECT_NE(show.output.find(expected), std::string::npos) << expected << "\n" << show.output;
  }
}

TEST_F(CaseCommand, AnUnknownFindingIdIsNamedAndNothingIsWritten) {
  const auto ids = StoreRun({"C01"});
  auto result = Case("handover " + ids[0] + " deadbeefdeadbeef --to x --doc-no 1 --deadline 2026-12-20");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("deadbeefdeadbeef"), std::string::npos) << result.output;
  EXPECT_EQ(EventCount(), 0u);
  auto bad_date = Case("handover " + ids[0] + " --to x --doc-no 1 --deadline 2026-02-30");
  EXPECT_EQ(bad_date.exit_code, 2) << bad_date.output;
  EXPECT_EQ(EventCount(), 0u);
}

TEST_F(CaseCommand, OverdueByDateAndACorrectionThatPutsTheDeadlineRight) {
  const auto ids = StoreRun({"C01", "C02"});
  ASSERT_EQ(Case("handover " + ids[0] + " --to x --doc-no A1 --deadline 2026-12-01").exit_code, 0);
  ASSERT_EQ(Case("handover " + ids[1] + " --to x --doc-no A2 --deadline 2026-12-01").exit_code, 0);
  ASSERT_EQ(Case("rectified " + ids[1] + " --date 2026-11-30 --note done").exit_code, 0);

  auto on_time = Rows("--overdue --as-of 2026-12-01");
  EXPECT_TRUE(on_time.empty());
  auto overdue = Rows("--overdue --as-of 2026-12-12");
  ASSERT_EQ(overdue.size(), 2u) << "not rectified after the deadline; not re-checked 10 days after it";
  EXPECT_NE(overdue[ids[0]]["overdue_reason"].get<std::string>().find("逾期未整改"), std::string::npos);
  EXPECT_NE(overdue[ids[1]]["overdue_reason"].get<std::string>().find("逾期未复查"), std::string::npos);

  // The first hand-over's deadline was mistyped: the correction replaces it, the original stays.
  const int64_t first_event = Rows("")[ids[0]]["events"][0]["id"];
  auto correction =
      Case("handover " + ids[0] + " --to x --doc-no A1 --deadline 2027-01-31 --correct " + std::to_string(first_event));
  ASSERT_EQ(correction.exit_code, 0) << correction.output;
  overdue = Rows("--overdue --as-of 2026-12-12");
  EXPECT_EQ(overdue.count(ids[0]), 0u);
  EXPECT_EQ(EventCount(), 4u) << "a correction is a new event";
  auto show = Show(ids[0]);
  EXPECT_NE(show.output.find("已被更正"), std::string::npos) << show.output;
  auto wrong_correction = Case("close " + ids[1] + " --note x --correct " + std::to_string(first_event));
  EXPECT_EQ(wrong_correction.exit_code, 2) << "an event of another finding: " << wrong_correction.output;

  auto csv = List("--overdue --as-of 2026-12-12", "csv");
  EXPECT_NE(csv.output.find("rectified"), std::string::npos) << csv.output;
}

TEST_F(CaseCommand, AFindingResolvedByDataKeepsItsCaseStateBesideIt) {
  const auto ids = StoreRun({"C01", "C02"});
  ASSERT_EQ(Case("handover " + ids[1] + " --to x --doc-no A2 --deadline 2026-12-20").exit_code, 0);
  StoreRun({"C01"});  // the next audit no longer finds C02
  auto rows = Rows("--as-of 2026-12-10");
  ASSERT_EQ(rows.count(ids[1]), 1u) << "a finding with events stays in the list";
  EXPECT_EQ(rows[ids[1]]["state"], "handed_over");
  EXPECT_EQ(rows[ids[1]]["resolved_by_data"], true);
  EXPECT_EQ(rows[ids[0]]["resolved_by_data"], false);
  auto handed_over = Rows("--state handed_over");
  EXPECT_EQ(handed_over.size(), 1u);
}

TEST_F(CaseCommand, AClosedCaseTakesNoNewStepButItsClosingCanBeCorrected) {
  const auto ids = StoreRun({"C01"});
  ASSERT_EQ(Case("close " + ids[0] + " --note 误报").exit_code, 0);
  auto refused = Case("escalate " + ids[0] + " --doc-no L1");
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_EQ(EventCount(), 1u);
  const int64_t closing = Rows("")[ids[0]]["events"][0]["id"];
  auto corrected = Case("escalate " + ids[0] + " --doc-no L1 --correct " + std::to_string(closing));
  EXPECT_EQ(corrected.exit_code, 0) << corrected.output;
  EXPECT_EQ(Rows("")[ids[0]]["state"], "escalated");
}

// Starts `xunkao case handover` on every id and kills it with SIGKILL after `delay`.
bool StartAndKill(const std::vector<std::string>& ids, const fs::path& db, std::chrono::microseconds delay) {
  std::vector<std::string> args = {XUNKAO_BINARY, "case", "handover"};
  args.insert(args.end(), ids.begin(), ids.end());
  for (const char* arg : {"--to", "x", "--doc-no", "K1", "--deadline", "2026-12-20", "--db"}) args.emplace_back(arg);
  args.push_back(db.string());
  pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::execv(XUNKAO_BINARY, argv.data());
    ::_exit(127);
  }
  std::this_thread::sleep_for(delay);
  const bool running = ::kill(pid, SIGKILL) == 0;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return running && WIFSIGNALED(status);
}

TEST_F(CaseCommand, AKilledCommandLeavesAllItsEventsOrNone) {
  std::vector<std::string> subjects;
  for (int i = 0; i < 1500; ++i) subjects.push_back("C" + std::to_string(i));
  const auto ids = StoreRun(subjects);
  int killed = 0;
  size_t expected = 0;
  for (int delay_ms : {5, 40, 120, 300, 600, 1000}) {
    if (StartAndKill(ids, db_, std::chrono::milliseconds(delay_ms))) ++killed;
    const size_t count = EventCount();
    EXPECT_TRUE(count == expected || count == expected + ids.size()) << count << " events after a kill at " << delay_ms;
    expected = count;
    store::AuditStore store(db_.string());
    store::Statement check(store.db(), "PRAGMA integrity_check");
    ASSERT_TRUE(check.Step());
    EXPECT_EQ(check.Text(0), "ok");
  }
  EXPECT_GT(killed, 0) << "no command was still running when killed: the test proved nothing";
  auto finished = Case("recheck " + ids[0] + " --date 2026-12-25 --result fail --inspectors 'JZ-1;JZ-2'");
  EXPECT_EQ(finished.exit_code, 0) << finished.output;
}

}  // namespace
}  // namespace xk
