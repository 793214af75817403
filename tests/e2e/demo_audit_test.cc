// End to end: the real binary audits the generated demo archive (both encodings, both header
// languages, real video, a segment copied from the day before) and its findings.json is checked
// against the key, finding by finding; `xunkao demo` at a larger scale still scores perfectly.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "detectors/rule_table.h"
#include "records/store/database.h"
#include "src/audit/run_lock.h"
#include "tests/e2e/demo_cache.h"
#include "tests/e2e/e2e_util.h"
#include "tools/demo/accuracy.h"
#include "tools/demo/demo_archive.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

class DemoAudit : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(fs::path(::testing::TempDir()) / ("xunkao-demo-e2e-" + std::to_string(::getpid())));
    fs::remove_all(*root_);
    key_ = new DemoKey(e2e::CopyDemoArchive(*root_ / "archive", DemoScale{}, 7));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root_);
    delete root_;
    delete key_;
  }
  static fs::path Archive() { return *root_ / "archive"; }

  static fs::path* root_;
  static DemoKey* key_;
};
fs::path* DemoAudit::root_ = nullptr;
DemoKey* DemoAudit::key_ = nullptr;

TEST_F(DemoAudit, FindsEveryInjectedViolationAndNothingElse) {
  fs::path out = e2e::FreshDir("out");
  auto result = e2e::RunXunkao("audit '" + Archive().string() + "' --out '" + out.string() + "' --jobs 2");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::string json = e2e::ReadFile(out / "findings.json");
  AccuracyReport accuracy = ScoreFindings(*key_, json);
  EXPECT_TRUE(accuracy.perfect()) << accuracy.Table();

  auto root = nlohmann::json::parse(json);
  EXPECT_EQ(root["tool"]["name"], "xunkao");
  ASSERT_FALSE(root["findings"].empty());
  // Every rule of the table has its demo case (INS-COVERAGE needs earlier runs: nightly tests).
  std::set<std::string> in_key;
  for (const auto& e : key_->expected) in_key.insert(e.rule);
  for (const RuleRow& row : RuleTable()) {
    if (!row.needs_history) {
      EXPECT_TRUE(in_key.count(row.code)) << row.code << " has no demo case in the key";
    }
  }
  // Every threshold is recorded with the run.
  {
    store::Database db((out / "xunkao.db").string());
    store::Statement policy(db, "SELECT policy_json FROM runs ORDER BY id DESC LIMIT 1");
    ASSERT_TRUE(policy.Step());
    auto recorded = nlohmann::json::parse(policy.Text(0));
    for (const ThresholdInfo& t : DescribeThresholds(AuditPolicy{})) {
      EXPECT_TRUE(recorded["thresholds"].contains(t.name)) << t.name << " is not recorded with the run";
    }
  }
  std::set<std::string> ids;
  for (const auto& f : root["findings"]) {
    EXPECT_TRUE(FindRule(f["rule"].get<std::string>())) << "a code outside the rule table: " << f["rule"];
    EXPECT_EQ(f["status"], "new");
    EXPECT_FALSE(f["summary_zh"].get<std::string>().empty()) << f.dump();
    EXPECT_FALSE(f["basis"].get<std::string>().empty()) << f.dump();
    EXPECT_TRUE(ids.insert(f["id"].get<std::string>()).second) << "duplicate id " << f["id"];
    if (f["start"].is_string()) {
      EXPECT_EQ(f["start"].get<std::string>().substr(19), "+08:00");
    }
  }
  // The compressed class C02, with its numbers.
  bool c02 = false;
  for (const auto& f : root["findings"]) {
    if (f["rule"] == "TRN-HOURS-SHORT" && f["class_id"] == "C02") {
      c02 = true;
      EXPECT_DOUBLE_EQ(f["measured"].get<double>(), 32.0);
      EXPECT_DOUBLE_EQ(f["required"].get<double>(), 48.0);
      EXPECT_EQ(f["unit"], "学时");
    }
  }
  EXPECT_TRUE(c02);
  // The 09:00 segment of camera A-1 is the day before's file copied byte for byte: a replay of
  // the same camera 24 hours earlier, and a clock finding (its creation_time is the day before's).
  const std::string copy = "exams/KS01/video/A/1/20220415/090000.mp4";
  const std::string source = "exams/KS01/video/A/1/20220414/090000.mp4";
  int replays = 0, clocks = 0;
  for (const auto& f : root["findings"]) {
    if (f["rule"] == "EXM-VIDEO-CLOCK" && f["file"] == copy) ++clocks;
    if (f["rule"] != "EXM-VIDEO-REPLAY") continue;
    ++replays;
    EXPECT_EQ(f["session_id"], "S1");
    EXPECT_EQ(f["file"], copy);
    EXPECT_EQ(f["start"], "2022-04-15T09:00:00+08:00");
    EXPECT_GE(f["measured"].get<double>(), 295.0) << "the whole 5-minute file";
    std::string summary = f["summary_zh"];
    EXPECT_NE(summary.find(source), std::string::npos) << summary;
    EXPECT_NE(summary.find("同一摄像机"), std::string::npos) << summary;
  }
  EXPECT_EQ(replays, 1) << "only the copy: not its source, not the static room of camera A-2 on two days";
  EXPECT_EQ(clocks, 1);
  // No finding on any clean subject of the key.
  for (const auto& subject : key_->clean) {
    for (const auto& f : root["findings"]) {
      bool on_subject = f["institution"] == subject.institution;
      for (const auto& [field, value] : subject.match) {
        on_subject = on_subject && f.contains(field) && f[field].is_string() && f[field] == value;
      }
      EXPECT_FALSE(on_subject) << subject.note << ": " << f.dump();
    }
  }
  // findings.csv opens in Excel: UTF-8 with BOM, one row a finding.
  std::string csv = e2e::ReadFile(out / "findings.csv");
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')), root["findings"].size() + 1);
  // The report is self-contained and names the institution of each finding.
  std::string html = e2e::ReadFile(out / "report.html");
  EXPECT_NE(html.find("衡阳市安全技术培训学校"), std::string::npos);
  EXPECT_NE(html.find("data:image/png;base64,"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST_F(DemoAudit, RerunKeepsIdsAndMarksThemPersisting) {
  fs::path out = e2e::FreshDir("rerun");
  std::string args = "audit '" + Archive().string() + "' --out '" + out.string() + "' --fail-on high";
  auto first = e2e::RunXunkao(args);
  EXPECT_EQ(first.exit_code, 1) << "new high findings with --fail-on high";
  auto first_json = nlohmann::json::parse(e2e::ReadFile(out / "findings.json"));
  auto second = e2e::RunXunkao(args);
  EXPECT_EQ(second.exit_code, 0) << "nothing new on the second run: " << second.output;
  auto second_json = nlohmann::json::parse(e2e::ReadFile(out / "findings.json"));
  EXPECT_EQ(second_json["run"]["files_analysed"], 0) << "an unchanged archive analyses nothing again";
  std::set<std::string> first_ids, second_ids;
  for (const auto& f : first_json["findings"]) first_ids.insert(f["id"]);
  for (const auto& f : second_json["findings"]) {
    second_ids.insert(f["id"]);
    EXPECT_EQ(f["status"], "persisting");
  }
  EXPECT_EQ(first_ids, second_ids);
}

TEST_F(DemoAudit, ASecondRunOnTheSameDatabaseExitsThreeWithoutWriting) {
  fs::path out = e2e::FreshDir("locked");
  RunLock held((out / "xunkao.db").string());
  ASSERT_TRUE(held.held());
  auto result = e2e::RunXunkao("audit '" + Archive().string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("另一个"), std::string::npos);
  EXPECT_FALSE(fs::exists(out / "xunkao.db"));
  EXPECT_FALSE(fs::exists(out / "findings.json"));
}

TEST_F(DemoAudit, UsageErrorsExitTwo) {
  EXPECT_EQ(e2e::RunXunkao("audit").exit_code, 2);
  EXPECT_EQ(e2e::RunXunkao("frobnicate").exit_code, 2);
  // Not a usage error: the run cannot complete (README "Exit status"), whatever the path is.
  auto missing =
      e2e::RunXunkao("audit /no/such/archive --out " + (fs::path(::testing::TempDir()) / "nowhere").string());
  EXPECT_EQ(missing.exit_code, 3) << missing.output;
  EXPECT_NE(missing.output.find("不是目录"), std::string::npos) << missing.output;
  auto help = e2e::RunXunkao("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("audit"), std::string::npos);
}

// `xunkao demo` at a larger scale (tiny video to stay quick): the extra institutions, exam days
// and cameras are clean, so the score against the key is still perfect (exit code 0).
TEST(DemoCommand, ScaledDemoScoresPerfectly) {
  fs::path dir = e2e::FreshDir("scaled-demo");
  auto result = e2e::RunXunkao("demo '" + dir.string() +
                               "' --seed 3 --institutions 2 --classes 2 --exam-days 2 --cameras 3 --exam-minutes 10 "
                               "--resolution 160x90 --fps 2");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("EXM-VIDEO-REPLAY"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("FALSE"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("MISSED"), std::string::npos) << result.output;
  EXPECT_TRUE(fs::exists(dir / "archive/training/PX11/classes.csv"));
  EXPECT_TRUE(fs::exists(dir / "archive/exams/KS01/video/A/3/20220419/090500.mp4"));
  EXPECT_TRUE(fs::exists(dir / "out/report.html"));

  // The inspection cycle after the audit: a draw, two findings handed over, one re-checked.
  EXPECT_EQ(result.output.find("✘"), std::string::npos) << result.output;
  EXPECT_TRUE(fs::exists(dir / "out/draw-1.csv"));
  const std::string db = "'" + (dir / "out/xunkao.db").string() + "'";
  auto cases = e2e::RunXunkao("case list --institution PX01 --format json --db " + db);
  ASSERT_EQ(cases.exit_code, 0) << cases.output;
  std::map<std::string, std::string> states;
  int overdue = 0;
  const nlohmann::json list = nlohmann::json::parse(cases.output);
  for (const auto& row : list["cases"]) {
    if (row["state"] != "open") states[row["rule"].get<std::string>()] = row["state"];
    if (row["overdue"] == true) ++overdue;
  }
  EXPECT_EQ(states, (std::map<std::string, std::string>{{"TRN-HOURS-SHORT", "rechecked_passed"},
                                                        {"TRN-MOCK-SUBSTITUTION", "handed_over"}}));
  EXPECT_EQ(overdue, 1);
  auto nightly = e2e::RunXunkao("audit '" + (dir / "archive").string() + "' --out '" + (dir / "out").string() +
                                "' --fail-on overdue");
  EXPECT_EQ(nightly.exit_code, 1) << "the overdue hand-over makes cron alert: " << nightly.output;
  const std::string report = e2e::ReadFile(dir / "out/report.html");
  EXPECT_NE(report.find("复查合格 1"), std::string::npos) << "the loop per institution in the report";
  EXPECT_NE(report.find("双随机抽中"), std::string::npos);
  for (const char* kind : {"inspection-record", "rectification-order", "recheck-opinion"}) {
    EXPECT_TRUE(fs::exists(dir / "out/documents" / (std::string("PX01-") + kind + ".docx"))) << kind;
  }

  auto help = e2e::RunXunkao("demo --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* option : {"--institutions", "--classes", "--exam-days", "--cameras", "--exam-minutes",
                             "--resolution", "--fps", "--no-video", "--seed"}) {
    EXPECT_NE(help.output.find(option), std::string::npos) << option << " missing in:\n" << help.output;
  }
  EXPECT_EQ(e2e::RunXunkao("demo '" + dir.string() + "' --resolution 161x90").exit_code, 2);
  EXPECT_EQ(e2e::RunXunkao("demo '" + dir.string() + "' --resolution wide").exit_code, 2);
  EXPECT_EQ(e2e::RunXunkao("demo '" + dir.string() + "' --cameras 1").exit_code, 2);
}

TEST_F(DemoAudit, RulesCommandPrintsThresholdsInForce) {
  auto zh = e2e::RunXunkao("rules");
  EXPECT_EQ(zh.exit_code, 0);
  EXPECT_NE(zh.output.find("TRN-HOURS-SHORT"), std::string::npos);
  EXPECT_NE(zh.output.find("8 学时/日"), std::string::npos);
  EXPECT_NE(zh.output.find("第3号"), std::string::npos);
  auto en = e2e::RunXunkao("rules --lang en");
  EXPECT_NE(en.output.find("compressed hours"), std::string::npos);
}

}  // namespace
}  // namespace xk
