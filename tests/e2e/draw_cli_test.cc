// `xunkao draw` through the real binary on small generated archives (institutions.csv in UTF-8,
// the roster in GB18030 with Chinese headers) and real SQLite files: the same seed and pool give
// the same public list, another seed another; --verify until the pool file changes; recusal,
// priority targets, earlier draws of the half-year, the default seed, the missing roster; and the
// README's Python recomputation run on a real draw.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "records/csv/csv_reader.h"
#include "records/csv/encoding.h"
#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

const char* kInstitutions =
    "code,name,kind,county\n"
    "KS01,市安全生产考试中心,exam,朝阳区\n"
    "KS02,第二考试点,exam,南关区\n"
    "PX01,市安全培训中心,training,朝阳区\n"
    "PX02,<script>alert(1)</script>,training,宽城区\n"
    "PX03,第三培训学校,training,\"=HYPERLINK(\"\"http://x\"\")\"\n"
    "PX04,第四培训学校,training,二道区\n"
    "PX05,第五培训学校,training,绿园区\n"
    "PX06,第六培训学校,training,双阳区\n";

// In service: 0011 (recuses from PX01 and KS01), 0022, 0033 (recuses from PX05), 0055; 0044 is not.
const char* kRoster =
    "身份证号,姓名,执法证号,所属单位,回避机构,在岗\r\n"
    "110101198001010011,王明,JZ-0011,市应急管理局,PX01；KS01,是\r\n"
    "110101198001010022,李华,JZ-0022,市应急管理局,,是\r\n"
    "110101198001010033,赵强,JZ-0033,朝阳区应急管理局,PX05,是\r\n"
    "110101198001010044,孙丽,JZ-0044,朝阳区应急管理局,,否\r\n"
    "110101198001010055,周杰,JZ-0055,南关区应急管理局,,是\r\n";

const std::map<std::string, std::vector<std::string>> kRecusals = {{"110101198001010011", {"PX01", "KS01"}},
                                                                   {"110101198001010022", {}},
                                                                   {"110101198001010033", {"PX05"}},
                                                                   {"110101198001010055", {}}};

// One row of a public list, by the CSV's header names.
using ListRow = std::map<std::string, std::string>;

class DrawCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = e2e::FreshDir("draw");
    archive_ = dir_ / "archive";
    Write("institutions.csv", kInstitutions);
    Write("bureau/inspectors.csv", Utf8ToGb18030(kRoster));
    Write("bureau/priority.csv", "code,reason\nKS02,群众投诉\n");
  }

  void Write(const std::string& relative, const std::string& bytes) {
    fs::create_directories((archive_ / relative).parent_path());
    std::ofstream(archive_ / relative, std::ios::binary | std::ios::trunc) << bytes;
  }

  // `xunkao draw ARGS --archive ARCHIVE --out DIR/OUT`.
  e2e::CommandResult Draw(const std::string& args, const std::string& out = "out") {
    return e2e::RunXunkao("draw " + args + " --archive " + e2e::Quoted(archive_) + " --out " + e2e::Quoted(dir_ / out));
  }
  e2e::CommandResult Verify(int id, const std::string& out = "out") {
    return e2e::RunXunkao("draw --verify " + std::to_string(id) + " --db " + e2e::Quoted(dir_ / out / "xunkao.db"));
  }

  std::vector<ListRow> ReadList(const std::string& out, int id) {
    std::string text = e2e::ReadFile(dir_ / out / ("draw-" + std::to_string(id) + ".csv"));
    EXPECT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << "the CSV starts with a BOM";
    auto records = ParseCsv(std::string_view(text).substr(3)).records;
    std::vector<ListRow> rows;
    for (size_t r = 1; r < records.size(); ++r) {
      ListRow row;
      for (size_t c = 0; c < records[0].fields.size() && c < records[r].fields.size(); ++c) {
        row[records[0].fields[c]] = records[r].fields[c];
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  static std::vector<std::string> Codes(const std::vector<ListRow>& rows, const std::string& selection = "") {
    std::vector<std::string> codes;
    for (const auto& row : rows) {
      if (selection.empty() || row.at("selection") == selection) codes.push_back(row.at("institution"));
    }
    return codes;
  }

  fs::path dir_;
  fs::path archive_;
};

TEST_F(DrawCommand, SameSeedAndPoolGiveTheSameListAnotherSeedAnother) {
  auto first = Draw("--period 2022H2 --seed 2022年第二次摇号", "a");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("抽取 1（2022H2）"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("随机种子 (seed)：2022年第二次摇号"), std::string::npos);
  EXPECT_NE(first.output.find((dir_ / "a/draw-1.html").string()), std::string::npos);
  EXPECT_NE(first.output.find((dir_ / "a/draw-1.csv").string()), std::string::npos);
  ASSERT_EQ(Draw("--period 2022H2 --seed 2022年第二次摇号", "b").exit_code, 0);
  ASSERT_EQ(Draw("--period 2022H2 --seed 2022年第三次摇号", "c").exit_code, 0);

  const auto same = ReadList("a", 1);
  ASSERT_EQ(same.size(), 4u);  // ceil(0.3 x 8) = 3 drawn, and the priority target KS02
  EXPECT_EQ(e2e::ReadFile(dir_ / "a/draw-1.csv"), e2e::ReadFile(dir_ / "b/draw-1.csv"));
  EXPECT_NE(Codes(ReadList("c", 1), "drawn"), Codes(same, "drawn"));

  // The HTML list is self-contained and shows archive values as text.
  const std::string html = e2e::ReadFile(dir_ / "a/draw-1.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_NE(html.find("2022年第二次摇号"), std::string::npos);
  EXPECT_NE(html.find("KS02"), std::string::npos);
  EXPECT_EQ(html.find("110101198001010011"), std::string::npos) << "no inspector ID number in the public list";
}

TEST_F(DrawCommand, VerifyIsIdenticalUntilThePoolFileChanges) {
  ASSERT_EQ(Draw("--period 2022H2 --seed 42").exit_code, 0);
  auto identical = Verify(1);
  EXPECT_EQ(identical.exit_code, 0) << identical.output;
  EXPECT_NE(identical.output.find("一致 (identical)"), std::string::npos);

  // 周杰 no longer in service.
  std::string roster = kRoster;
  roster.replace(roster.rfind("是"), std::string("是").size(), "否");
  Write("bureau/inspectors.csv", Utf8ToGb18030(roster));
  auto changed = Verify(1);
  EXPECT_EQ(changed.exit_code, 1) << changed.output;
  EXPECT_NE(changed.output.find("抽取池哈希：不同"), std::string::npos) << changed.output;
  EXPECT_NE(changed.output.find("抽取时有、现在没有：检查人员名录中的 周杰"), std::string::npos) << changed.output;
  EXPECT_NE(changed.output.find("不一致 (differs)"), std::string::npos);

  Write("bureau/inspectors.csv", Utf8ToGb18030(kRoster));
  EXPECT_EQ(Verify(1).exit_code, 0);
  Write("institutions.csv", std::string(kInstitutions) + "PX09,第九培训学校,training,\n");
  auto added = Verify(1);
  EXPECT_EQ(added.exit_code, 1);
  EXPECT_NE(added.output.find("现在有、抽取时没有：机构名单中的 PX09"), std::string::npos) << added.output;

  fs::remove_all(archive_ / "bureau");
  auto no_roster = Verify(1);
  EXPECT_EQ(no_roster.exit_code, 1) << no_roster.output;
  EXPECT_NE(no_roster.output.find("bureau/inspectors.csv"), std::string::npos);
}

TEST_F(DrawCommand, NeverSendsARecusingOrRetiredInspectorAndAlwaysTakesThePriorityTarget) {
  for (int s = 0; s < 6; ++s) {
    const std::string out = "out" + std::to_string(s);
    auto drawn = Draw("--period 2022H2 --ratio 0.5 --seed " + std::to_string(s * 7919), out);
    ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
    const auto rows = ReadList(out, 1);
    ASSERT_EQ(rows.size(), 5u);  // 4 drawn + KS02
    bool priority = false;
    for (const auto& row : rows) {
      const std::string& code = row.at("institution");
      const std::set<std::string> certs = {row.at("inspector1_cert_no"), row.at("inspector2_cert_no")};
      EXPECT_EQ(certs.size(), 2u) << code;
      EXPECT_FALSE(certs.count("JZ-0044")) << "孙丽 is not in service";
      if (code == "PX01" || code == "KS01") {
        EXPECT_FALSE(certs.count("JZ-0011")) << code;
      }
      if (code == "PX05") {
        EXPECT_FALSE(certs.count("JZ-0033")) << code;
      }
      if (code == "KS02") {
        priority = true;
        EXPECT_EQ(row.at("selection"), "priority");
        EXPECT_EQ(row.at("reason"), "群众投诉");
      }
      if (code == "PX03") {
        EXPECT_EQ(row.at("county"), "'=HYPERLINK(\"http://x\")");  // neutralised
      }
    }
    EXPECT_TRUE(priority) << out;
  }
}

TEST_F(DrawCommand, DefaultSeedIsTheTimeOfTheDrawPrintedAndStored) {
  auto drawn = Draw("--period 2022H2");
  ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
  const std::string label = "随机种子 (seed)：";
  const size_t at = drawn.output.find(label);
  ASSERT_NE(at, std::string::npos) << drawn.output;
  const std::string seed = drawn.output.substr(at + label.size(), 25);  // 2022-07-01T09:30:00+08:00
  EXPECT_EQ(drawn.output.substr(at + label.size() + 25, 1), "\n") << drawn.output;
  for (size_t i : {4u, 7u}) EXPECT_EQ(seed[i], '-') << seed;
  EXPECT_EQ(seed[10], 'T') << seed;
  EXPECT_TRUE(seed[19] == '+' || seed[19] == '-') << seed;
  EXPECT_EQ(ReadList("out", 1).at(0).at("seed"), seed);
  auto list = e2e::RunXunkao("draw --list --db " + e2e::Quoted(dir_ / "out/xunkao.db"));
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.output.find(seed + "  0.3"), std::string::npos) << list.output;  // time, then ratio
  EXPECT_NE(list.output.rfind(seed + "\n"), std::string::npos) << list.output;    // the seed column
}

TEST_F(DrawCommand, ALaterDrawOfTheHalfYearLeavesOutEarlierTargetsButNotThePriorityOne) {
  ASSERT_EQ(Draw("--period 2022H2 --seed one").exit_code, 0);
  ASSERT_EQ(Draw("--period 2022H2 --seed two").exit_code, 0);
  ASSERT_EQ(Draw("--period 2023H1 --seed one").exit_code, 0);
  const auto first = Codes(ReadList("out", 1), "drawn");
  const auto second = Codes(ReadList("out", 2), "drawn");
  ASSERT_EQ(first.size(), 3u);
  ASSERT_EQ(second.size(), 3u);
  for (const auto& code : second) EXPECT_EQ(std::count(first.begin(), first.end(), code), 0) << code;
  EXPECT_EQ(Codes(ReadList("out", 2), "priority"), std::vector<std::string>{"KS02"});
  // Another half-year starts afresh: the same seed draws the same institutions again.
  EXPECT_EQ(Codes(ReadList("out", 3), "drawn"), first);
  EXPECT_EQ(Verify(2).exit_code, 0);  // only the draws before it count as checks
}

TEST_F(DrawCommand, WithoutTheRosterItSaysWhatIsNeededAndStoresNothing) {
  fs::remove_all(archive_ / "bureau");
  auto missing = Draw("--period 2022H2");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("缺少或无法读取执法检查人员名录 bureau/inspectors.csv"), std::string::npos)
      << missing.output;
  EXPECT_NE(missing.output.find("bureau/inspectors.csv, the roster of inspectors, is needed for a draw"),
            std::string::npos);
  auto list = e2e::RunXunkao("draw --list --db " + e2e::Quoted(dir_ / "out/xunkao.db"));
  EXPECT_NE(list.output.find("还没有抽取记录"), std::string::npos) << list.output;

  fs::create_directories(archive_ / "bureau");
  fs::create_symlink("/etc/passwd", archive_ / "bureau/inspectors.csv");
  auto outside = Draw("--period 2022H2");
  EXPECT_EQ(outside.exit_code, 2) << outside.output;
  EXPECT_NE(outside.output.find("bureau/inspectors.csv"), std::string::npos);
  EXPECT_EQ(outside.output.find("root:"), std::string::npos);
}

TEST_F(DrawCommand, TooFewInspectorsNamesTheTargetAndStoresNothing) {
  Write("bureau/inspectors.csv",
        "inspector_id,name,cert_no,recuse\n"
        "110101198001010011,王明,JZ-0011,KS02\n"
        "110101198001010022,李华,JZ-0022,\n");
  auto refused = Draw("--period 2022H2 --seed x");
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("抽查对象 KS02：名录中在岗且无需回避的检查人员只有 1 名，需要 2 名"), std::string::npos)
      << refused.output;
  EXPECT_FALSE(fs::exists(dir_ / "out/draw-1.csv"));
  auto list = e2e::RunXunkao("draw --list --db " + e2e::Quoted(dir_ / "out/xunkao.db"));
  EXPECT_NE(list.output.find("还没有抽取记录"), std::string::npos) << list.output;
}

TEST_F(DrawCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(Draw("").exit_code, 2);
  EXPECT_EQ(Draw("--period 2022H3").exit_code, 2);
  EXPECT_EQ(Draw("--period 2022H2 --ratio 1.5").exit_code, 2);
  EXPECT_EQ(Draw("--period 2022H2 --ratio 0.3333333").exit_code, 2);
  EXPECT_EQ(Draw("--period 2022H2 --seed '=1+1'").exit_code, 2);
  EXPECT_EQ(Draw("--period 2022H2 --min -1").exit_code, 2);
  EXPECT_EQ(Verify(1, "nowhere").exit_code, 2);
  ASSERT_EQ(Draw("--period 2022H2").exit_code, 0);
  auto unknown = Verify(42);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("没有编号为 42 的抽取"), std::string::npos) << unknown.output;
  EXPECT_EQ(e2e::RunXunkao("draw --list --verify 1").exit_code, 2);
}

TEST_F(DrawCommand, OpenHighSeverityFindingsMakePriorityTargetsAndTheAuditedArchiveIsTheDefault) {
  // PX04 and PX06 declare a 20-学时 principal's class where the syllabus asks 32: a high-severity
  // finding (TRN-PLAN-HOURS) for each.
  for (const char* code : {"PX04", "PX06"}) {
    Write(std::string("training/") + code + "/classes.csv",
          "class_id,category,industry,job_type,cycle,start_date,end_date,declared_hours\n"
          "C1,principal,工贸,,initial,2022-03-01,2022-03-04,20\n");
  }
  auto audit = e2e::RunXunkao("audit " + e2e::Quoted(archive_) + " --out " + e2e::Quoted(dir_ / "out"));
  ASSERT_EQ(audit.exit_code, 0) << audit.output;
  auto drawn = e2e::RunXunkao("draw --period 2022H2 --seed s --out " + e2e::Quoted(dir_ / "out"));
  ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
  std::map<std::string, std::string> reasons;
  for (const auto& row : ReadList("out", 1)) {
    if (row.at("selection") == "priority") reasons[row.at("institution")] = row.at("reason");
  }
  EXPECT_EQ(reasons, (std::map<std::string, std::string>{
                         {"PX04", "有未整改的严重问题"}, {"PX06", "有未整改的严重问题"}, {"KS02", "群众投诉"}}));
  EXPECT_EQ(Verify(1).exit_code, 0);
}

// The README's Python lines (section "Random draw (双随机)"), run by python3.
class DrawReadmeRecipe : public DrawCommand {
 protected:
  static std::string ReadmePython() {
    const std::string readme = e2e::ReadFile(fs::path(XUNKAO_SOURCE_DIR) / "README.md");
    const size_t section = readme.find("\n## Random draw (双随机)\n");
    const size_t start = readme.find("```python\n", section);
    const size_t end = readme.find("\n```\n", start);
    if (section == std::string::npos || start == std::string::npos || end == std::string::npos) return "";
    return readme.substr(start + 10, end - start - 9);
  }

  // Runs `script` with python3; its output, one entry a line.
  std::vector<std::string> RunPython(const std::string& script) {
    const fs::path file = dir_ / "recipe.py";
    std::ofstream(file, std::ios::binary | std::ios::trunc) << script;
    std::vector<std::string> lines;
    FILE* pipe = ::popen(("python3 " + e2e::Quoted(file) + " 2>&1").c_str(), "r");
    if (!pipe) return lines;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) {
      std::string line = buffer;
      if (!line.empty() && line.back() == '\n') line.pop_back();
      lines.push_back(line);
    }
    EXPECT_EQ(::pclose(pipe), 0) << script;
    return lines;
  }
};

TEST_F(DrawReadmeRecipe, GivesTheListXunkaoDrew) {
  const std::string recipe = ReadmePython();
  const size_t algorithm = recipe.find("\ndef rank(");
  ASSERT_NE(algorithm, std::string::npos) << "README.md has no Python recipe in \"Random draw\"";
  ASSERT_EQ(recipe.rfind("import hashlib, math\nfrom fractions import Fraction\n", 0), 0u);

  // As shown, it prints what the README says it prints.
  const auto shown = RunPython(recipe);
  // "PX02 <id ending 0033> <id ending 0055>": the institution and its two inspectors.
  const std::vector<std::array<std::string, 3>> claimed = {
      {"PX02", "0033", "0055"}, {"KS02", "0022", "0011"}, {"KS01", "0055", "0033"}, {"PX01", "0022", "0033"}};
  ASSERT_EQ(shown.size(), claimed.size());
  for (size_t i = 0; i < claimed.size(); ++i) {
    std::istringstream line(shown[i]);
    std::string code, first, second, rest;
    line >> code >> first >> second;
    EXPECT_EQ(code, claimed[i][0]) << shown[i];
    EXPECT_TRUE(first.ends_with(claimed[i][1]) && first.size() > 4) << shown[i];
    EXPECT_TRUE(second.ends_with(claimed[i][2]) && second.size() > 4) << shown[i];
    EXPECT_FALSE(line >> rest) << shown[i];
  }

  // On a real draw, the second of the half-year (so that some institutions were checked before).
  ASSERT_EQ(Draw("--period 2022H2 --seed first").exit_code, 0);
  const std::string seed = "2022-07-01T09:30:00+08:00";
  ASSERT_EQ(Draw("--period 2022H2 --seed " + seed).exit_code, 0);
  std::string checked;
  for (const auto& code : Codes(ReadList("out", 1))) checked += "\"" + code + "\", ";
  std::string inspectors;
  for (const auto& [id, recuse] : kRecusals) {
    inspectors += "\"" + id + "\": [";
    for (const auto& code : recuse) inspectors += "\"" + code + "\", ";
    inspectors += "], ";
  }
  const std::string inputs =
      "import hashlib, math\nfrom fractions import Fraction\n"
      "seed = \"" +
      seed +
      "\"\n"
      "ratio, minimum = \"0.3\", 1\n"
      "pool = [\"KS01\", \"KS02\", \"PX01\", \"PX02\", \"PX03\", \"PX04\", \"PX05\", \"PX06\"]\n"
      "checked = [" +
      checked +
      "]\n"
      "priority = [\"KS02\"]\n"
      "inspectors = {" +
      inspectors + "}\n";
  const auto recomputed = RunPython(inputs + recipe.substr(algorithm));

  std::map<std::string, std::string> id_of_cert;
  for (const auto& [id, recuse] : kRecusals) id_of_cert["JZ-" + id.substr(14)] = id;
  std::vector<std::string> drawn;
  for (const auto& row : ReadList("out", 2)) {
    drawn.push_back(row.at("institution") + " " + id_of_cert[row.at("inspector1_cert_no")] + " " +
                    id_of_cert[row.at("inspector2_cert_no")]);
  }
  ASSERT_EQ(drawn.size(), 4u);
  EXPECT_EQ(recomputed, drawn);
}

}  // namespace
}  // namespace xk
