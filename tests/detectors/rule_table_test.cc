// Guards that make forgetting a part of a rule impossible: every row's family runs, every rule is
// named in a unit test and has a row in the README, every threshold a row names exists and every
// threshold is read by some row and can be set from audit.toml; no detector writes a rule code by
// hand; the basis of a rule is cited by the date of the conduct (a 2022 class under the texts of
// 2022, a 2024-09 class under AQ 8011-2023).
#include "detectors/rule_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include "detectors/hours.h"
#include "detectors/registry.h"
#include "records/audit_config.h"
#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

TEST(RuleTable, RowsAreInRuleIdOrderWithUniqueCodesAndAFamilyThatRuns) {
  std::set<std::string> families;
  for (const auto& family : DetectorFamilies()) families.insert(family.name);
  std::set<std::string> codes;
  for (size_t i = 0; i < RuleTable().size(); ++i) {
    const RuleRow& row = RuleTable()[i];
    EXPECT_EQ(static_cast<size_t>(row.id), i) << row.code << " is not at its RuleId's place";
    EXPECT_TRUE(codes.insert(row.code).second) << "duplicate code " << row.code;
    EXPECT_EQ(&Rule(row.id), &row);
    EXPECT_EQ(FindRule(row.code), &row);
    EXPECT_FALSE(row.basis.empty()) << row.code << " has no basis";
    EXPECT_TRUE(*row.finds_zh && *row.finds_en) << row.code;
    // INS-COVERAGE is judged from the store's history, outside the families.
    if (!row.needs_history) {
      EXPECT_TRUE(families.count(row.family)) << row.code << ": no family " << row.family;
    }
  }
}

TEST(RuleTable, EveryThresholdIsReadByARuleAndEveryNamedThresholdExists) {
  std::set<std::string> declared, used;
  for (const ThresholdInfo& t : DescribeThresholds(AuditPolicy{})) declared.insert(t.name);
  for (const RuleRow& row : RuleTable()) {
    for (std::string_view name : row.thresholds) {
      EXPECT_TRUE(declared.count(std::string(name))) << row.code << " names an unknown threshold " << name;
      used.insert(std::string(name));
    }
  }
  for (const std::string& name : declared) EXPECT_TRUE(used.count(name)) << name << " is read by no rule row";
}

TEST(RuleTable, EveryThresholdCanBeSetFromAuditToml) {
  fs::path dir = e2e::FreshDir("thresholds-toml");
  std::ofstream toml(dir / "audit.toml");
  toml << "[thresholds]\n" << std::setprecision(17);  // a day as YYYYMMDD has 8 digits
  for (const ThresholdInfo& t : DescribeThresholds(AuditPolicy{})) toml << t.name << " = " << t.highest << "\n";
  toml.close();
  std::vector<LoadIssue> issues;
  AuditConfig config = LoadAuditConfig(dir, std::nullopt, &issues);
  EXPECT_TRUE(issues.empty()) << issues.front().message_en;
  for (const ThresholdInfo& t : DescribeThresholds(config.policy)) {
    EXPECT_DOUBLE_EQ(t.value, t.highest) << t.name << " was not set from audit.toml";
  }
}

TEST(RuleTable, AnUnknownThresholdNamesTheNearestValidOne) {
  AuditPolicy policy;
  auto problem = SetThreshold(&policy, "gap_min_second", 3);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->en.find("gap_min_seconds"), std::string::npos) << problem->en;
  EXPECT_TRUE(SetThreshold(&policy, "min_proctors", -1)) << "out of range is refused";
  EXPECT_EQ(policy.min_proctors, 2);
}

// No detector may write a rule code by hand: findings come from a row (NewFinding).
TEST(RuleTable, NoDetectorWritesARuleCodeByHand) {
  for (const auto& entry : fs::directory_iterator(fs::path(XUNKAO_SOURCE_DIR) / "detectors")) {
    // The table itself: rule_table.cc and the rows it appends from rule_rows.cc and
    // classroom_rule_rows.cc.
    const std::string name = entry.path().filename().string();
    if (name == "rule_table.cc" || name.ends_with("rule_rows.cc")) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (const char* prefix : {"\"TRN-", "\"EXM-", "\"INS-", "\"CRT-"}) {
      const size_t at = source.find(prefix);
      EXPECT_EQ(at, std::string::npos) << entry.path().filename() << " writes " << source.substr(at, 30)
                                       << " by hand: use NewFinding(RuleId::...)";
    }
  }
}

TEST(RuleTable, EveryRuleHasAUnitTest) {
  // A rule's unit test feeds its detector with structs and names the code it expects; the
  // end-to-end tests (tests/e2e, tests/hostile) do not count.
  std::string unit_tests;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(XUNKAO_SOURCE_DIR) / "tests")) {
    const std::string path = entry.path().generic_string();
    if (!entry.is_regular_file() || entry.path().extension() != ".cc") continue;
    if (path.find("/tests/e2e/") != std::string::npos || path.find("/tests/hostile/") != std::string::npos) continue;
    if (entry.path().filename() == "rule_table_test.cc") continue;
    unit_tests += e2e::ReadFile(entry.path());
  }
  for (const RuleRow& row : RuleTable()) {
    EXPECT_NE(unit_tests.find("\"" + std::string(row.code) + "\""), std::string::npos)
        << row.code << " is named in no unit test: add its test beside its detector's";
  }
}

TEST(RuleTable, EveryRuleHasARowInTheReadme) {
  // The README's "Rules" section is where a user reads what each code finds: a table row each.
  const std::string readme = e2e::ReadFile(fs::path(XUNKAO_SOURCE_DIR) / "README.md");
  const size_t start = readme.find("\n## Rules\n");
  ASSERT_NE(start, std::string::npos) << "README.md has no \"## Rules\" section";
  const size_t end = readme.find("\n## ", start + 1);
  const std::string rules = readme.substr(start, end == std::string::npos ? std::string::npos : end - start);
  for (const RuleRow& row : RuleTable()) {
    EXPECT_NE(rules.find("\n| " + std::string(row.code) + " |"), std::string::npos)
        << row.code << " has no row in README.md's Rules section: add what it finds and its default";
  }
}

TEST(RuleTable, TheBasisCitedIsTheOneInForceOnTheDayOfTheConduct) {
  const Date in_2022 = DateFromYmd(2022, 3, 1), in_2024 = DateFromYmd(2024, 9, 2);
  const std::string old_basis = CitationInForce(RuleId::kTrnHoursShort, in_2022);
  const std::string new_basis = CitationInForce(RuleId::kTrnHoursShort, in_2024);
  EXPECT_EQ(old_basis.find("AQ 8011-2023《"), std::string::npos) << old_basis;
  EXPECT_NE(old_basis.find("政策默认值"), std::string::npos) << old_basis;
  EXPECT_NE(new_basis.find("AQ 8011-2023《"), std::string::npos) << new_basis;
  EXPECT_FALSE(AppliesOn(RuleId::kTrnOfflineTheoryShort, DateFromYmd(2024, 6, 30)));
  EXPECT_TRUE(AppliesOn(RuleId::kTrnOfflineTheoryShort, DateFromYmd(2024, 7, 1)));
  // The city's 2022 plan is not cited for conduct of 2021.
  EXPECT_EQ(CitationInForce(RuleId::kExmVideoGap, DateFromYmd(2021, 6, 1)).find("衡应急〔2022〕"), std::string::npos);
  EXPECT_NE(CitationInForce(RuleId::kExmVideoGap, DateFromYmd(2022, 6, 1)).find("衡应急〔2022〕"), std::string::npos);
  // Nothing in force yet: the 2021 revision of the Safety Law is not cited for 2020.
  EXPECT_EQ(CitationInForce(RuleId::kTrnProxySignin, DateFromYmd(2020, 1, 1)).find("2021年修正"), std::string::npos);
}

// The same class, once held in 2022 and once in 2024-09: the 2022 one is not judged by the
// offline-theory share (AQ 8011-2023 took effect on 2024-07-01) and cites nothing later than
// 2022; the hour findings stay the same, only their citation changes.
TEST(RuleTable, A2022ClassIsJudgedAndCitedUnderTheTextsOf2022) {
  auto audit = [](Date start) {
    ArchiveModel model;
    TrainingClass c;
    c.institution = "PX01";
    c.class_id = "C1";
    c.category = Category::kSpecialOperation;
    c.job_type = "电力电缆作业";
    c.cycle = Cycle::kInitial;
    c.start_date = start;
    c.end_date = Date{start.days + 1};
    c.declared_hours = 104;
    model.classes.push_back(c);
    TimeZone zone;
    for (int day = 0; day < 2; ++day) {
      TrainingSession s;
      s.institution = "PX01";
      s.class_id = "C1";
      s.session_id = "S" + std::to_string(day);
      s.mode = SessionMode::kOnline;
      s.start = ToInstant(Date{start.days + day}, 9 * 3600, zone);
      s.end = s.start + 8 * 3600;
      model.sessions.push_back(s);
    }
    AuditPolicy policy;
    Syllabus syllabus = Syllabus::BuiltIn();
    std::vector<RecordingFacts> recordings;
    return DetectHoursRules(DetectorInput{model, policy, syllabus, recordings});
  };
  auto rules_of = [](const std::vector<Finding>& findings) {
    std::map<std::string, std::string> out;
    for (const Finding& f : findings) out[f.rule] = f.basis;
    return out;
  };
  const auto old_findings = rules_of(audit(DateFromYmd(2022, 3, 1)));
  const auto new_findings = rules_of(audit(DateFromYmd(2024, 9, 2)));
  EXPECT_FALSE(old_findings.count("TRN-OFFLINE-THEORY-SHORT"));
  EXPECT_TRUE(new_findings.count("TRN-OFFLINE-THEORY-SHORT"));
  ASSERT_TRUE(old_findings.count("TRN-HOURS-SHORT"));
  ASSERT_TRUE(new_findings.count("TRN-HOURS-SHORT"));
  for (const auto& [rule, basis] : old_findings) {
    EXPECT_EQ(basis.find("AQ 8011-2023《"), std::string::npos) << rule << ": " << basis;
    EXPECT_EQ(basis.find("2023："), std::string::npos) << rule << ": " << basis;
    EXPECT_TRUE(new_findings.count(rule)) << rule << " is found in 2022 but not in 2024";
  }
  EXPECT_NE(new_findings.at("TRN-HOURS-SHORT").find("AQ 8011-2023"), std::string::npos);
}

}  // namespace
}  // namespace xk
