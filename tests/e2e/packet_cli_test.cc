// `xunkao packet` and `xunkao verify` through the real binary on an audited demo archive.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/e2e/demo_cache.h"
#include "tests/e2e/e2e_util.h"
#include "tools/demo/demo_archive.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

TEST(PacketCommand, InstitutionPacketVerifiesAndATamperedOneDoesNot) {
  fs::path dir = e2e::FreshDir("packet");
  DemoScale scale;
  scale.exam_minutes = 10;  // short recordings: the packet cuts clips from them
  e2e::CopyDemoArchive(dir / "archive", scale, 13);
  ASSERT_EQ(
      e2e::RunXunkao("audit '" + (dir / "archive").string() + "' --out '" + (dir / "out").string() + "'").exit_code, 0);
  std::string db = (dir / "out/xunkao.db").string();

  auto made =
      e2e::RunXunkao("packet --db '" + db + "' --institution KS01 --zip --out '" + (dir / "packets").string() + "'");
  ASSERT_EQ(made.exit_code, 0) << made.output;
  fs::path bag;
  for (const auto& entry : fs::directory_iterator(dir / "packets")) {
    if (entry.is_directory()) bag = entry.path();
  }
  ASSERT_FALSE(bag.empty());
  auto packet_findings = nlohmann::json::parse(e2e::ReadFile(bag / "data/findings.json"));
  EXPECT_GT(packet_findings["findings"].size(), 5u);
  EXPECT_TRUE(fs::exists(bag / "data/summary.html"));
  EXPECT_TRUE(fs::exists(bag / "data/sources.txt"));
  EXPECT_NE(e2e::ReadFile(bag / "bag-info.txt").find("External-Identifier"), std::string::npos);

  EXPECT_EQ(e2e::RunXunkao("verify '" + bag.string() + "'").exit_code, 0);
  fs::path zip = bag;
  zip += ".zip";
  EXPECT_EQ(e2e::RunXunkao("verify '" + zip.string() + "'").exit_code, 0);

  {  // one changed byte in the summary
    std::fstream f(bag / "data/summary.html", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(10);
    f.put('#');
  }
  auto tampered = e2e::RunXunkao("verify '" + bag.string() + "'");
  EXPECT_NE(tampered.exit_code, 0);
  EXPECT_NE(tampered.output.find("summary.html"), std::string::npos) << tampered.output;

  // The inspection table counts the packet.
  auto table = e2e::RunXunkao("inspections --db '" + db + "'");
  EXPECT_NE(table.output.find("包"), std::string::npos) << table.output;
  // Usage errors.
  EXPECT_EQ(e2e::RunXunkao("packet --db '" + db + "' --out '" + (dir / "x").string() + "'").exit_code, 2);
  EXPECT_EQ(
      e2e::RunXunkao("packet --db '" + db + "' --finding nosuchid --out '" + (dir / "x").string() + "'").exit_code, 2);
}

}  // namespace
}  // namespace xk
