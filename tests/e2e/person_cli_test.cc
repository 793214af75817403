// End to end: `xunkao person ID` on the audited demo archive follows a trainee from class to exam
// to certificate, lists the findings that name a person, and report.html links each finding's
// people to the same chain.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "records/model.h"
#include "tests/e2e/demo_cache.h"
#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

std::string Quoted(const fs::path& path) { return "'" + path.string() + "'"; }

TEST(PersonCommand, FollowsATraineeToTheCertificateAndListsTheFindingsThatNameAPerson) {
  fs::path dir = e2e::FreshDir("person");
  DemoKey key = e2e::CopyDemoArchive(dir / "archive", DemoScale{}, 7);
  auto audit = e2e::RunXunkao("audit " + Quoted(dir / "archive") + " --out " + Quoted(dir / "out"));
  ASSERT_EQ(audit.exit_code, 0) << audit.output;
  const std::string db = Quoted(dir / "out/xunkao.db");

  // A clean holder: trained in PX01's C01, passed, certified (the demo key says so).
  std::string holder;
  for (const CleanSubject& clean : key.clean) {
    if (clean.note.find("trained (C01), passed S1, one certificate") != std::string::npos)
      holder = clean.match[0].second;
  }
  ASSERT_FALSE(holder.empty()) << "the demo key lost its certified trainee";
  auto chain = e2e::RunXunkao("person " + holder + " --db " + db + " --format json");
  ASSERT_EQ(chain.exit_code, 0) << chain.output;
  auto json = nlohmann::json::parse(chain.output);
  ASSERT_EQ(json["classes"].size(), 1u) << json.dump(2);
  EXPECT_EQ(json["classes"][0]["institution"], "PX01");
  EXPECT_EQ(json["classes"][0]["class_id"], "C01");
  EXPECT_GT(json["classes"][0]["attended_hours"].get<double>(), 0);
  EXPECT_FALSE(json["classes"][0]["sessions"].empty());
  ASSERT_FALSE(json["exams"].empty());
  EXPECT_EQ(json["exams"][0]["passed"], true);
  ASSERT_EQ(json["certificates"].size(), 1u);
  EXPECT_TRUE(json["findings"].empty()) << "a clean holder: " << json["findings"].dump();

  // A trainee a finding names: the text lists that finding.
  auto findings = nlohmann::json::parse(e2e::ReadFile(dir / "out/findings.json"));
  std::string person, finding_id;
  for (const auto& f : findings["findings"]) {
    if (f["rule"] == "TRN-ATTENDANCE-SHORT" && f["people"].is_array() && !f["people"].empty()) {
      person = f["people"][0];
      finding_id = f["id"];
      break;
    }
  }
  ASSERT_FALSE(person.empty()) << "the demo has no attendance-short finding naming a trainee";
  auto text = e2e::RunXunkao("person " + person + " --db " + db);
  ASSERT_EQ(text.exit_code, 0) << text.output;
  for (const std::string& expected : {std::string("一、培训"), std::string("二、考试"), std::string("三、证书"),
                                      std::string("四、涉及此人的问题"), "#" + finding_id}) {
    EXPECT_NE(text.output.find(expected), std::string::npos) << expected << " missing in:\n" << text.output;
  }

  // report.html links the finding's person to their chain.
  std::string report = e2e::ReadFile(dir / "out/report.html");
  std::string anchor = "p-";
  for (unsigned char c : PersonKey(person)) anchor += fmt::format("{:02x}", c);
  EXPECT_NE(report.find("href=\"#" + anchor + "\""), std::string::npos);
  EXPECT_NE(report.find("id=\"" + anchor + "\""), std::string::npos);
  for (const char* section : {"四、按问题类别", "证书（", "考试成绩（", "七、人员链条"}) {
    EXPECT_NE(report.find(section), std::string::npos) << section;
  }

  // Nobody: exit 1 with a message; no database: a usage error.
  auto nobody = e2e::RunXunkao("person 110101200001010000 --db " + db);
  EXPECT_EQ(nobody.exit_code, 1) << nobody.output;
  EXPECT_NE(nobody.output.find("都没有"), std::string::npos) << nobody.output;
  EXPECT_EQ(e2e::RunXunkao("person 110101200001010000 --db " + Quoted(dir / "none.db")).exit_code, 2);
}

}  // namespace
}  // namespace xk
