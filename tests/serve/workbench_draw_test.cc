// The 双随机 draw over HTTP: a draw made through the form is the one `xunkao draw` would make (the
// command verifies it as identical, and the same seed drawn by the command on a copy of the store
// gives the same targets), the list, the public list (names from the archive, escaped) and its CSV,
// the verification until the roster changes; a refused draw stores nothing; a viewer cannot draw.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "records/store/audit_store.h"
#include "records/store/draw_store.h"
#include "records/text_escape.h"
#include "src/cli/draw_command.h"
#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

namespace fs = std::filesystem;

std::vector<store::DrawRecord> Draws(const std::string& db) {
  store::AuditStore store(db);
  return store::ListDraws(store.db());
}

class WorkbenchDrawTest : public ::testing::Test {
 protected:
  void SetUp() override { world_.Start(); }
  ServeWorld world_;
};

TEST_F(WorkbenchDrawTest, DrawMadeInTheBrowserIsTheDrawOfTheCommand) {
  // A copy of the store as it is before the draw, for the command to draw on.
  const std::string copy = (world_.folder() / "copy.db").string();
  fs::copy_file(world_.db(), copy);
  if (fs::exists(world_.db() + "-wal")) fs::copy_file(world_.db() + "-wal", copy + "-wal");
  Browser browser(world_.port());
  const std::string token = browser.CsrfToken("/draws");
  ASSERT_EQ(token.size(), 64u) << "the form is there for an officer";
  auto made =
      browser.Post("/draws", {{"csrf", token}, {"period", "2026H2"}, {"ratio", "0.5"}, {"seed", "衡阳2026下半年"}});
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 303) << made->body;
  EXPECT_EQ(made->get_header_value("Location"), "/draws/1");
  const auto draws = Draws(world_.db());
  ASSERT_EQ(draws.size(), 1u);
  const store::DrawRecord& draw = draws[0];
  EXPECT_EQ(draw.period, "2026H2");
  EXPECT_EQ(draw.seed, "衡阳2026下半年");
  EXPECT_EQ(draw.pool_size, 3);
  // PX01 with its open high-severity finding always; PX02 and PX03 drawn (ceil(0.5 x 3) = 2).
  ASSERT_EQ(draw.targets.size(), 3u);
  for (const auto& target : draw.targets) {
    EXPECT_EQ(target.selection, target.institution == "PX01" ? "priority" : "drawn") << target.institution;
    EXPECT_EQ(target.inspectors.size(), 2u);
  }

  // The command draws the same from the same seed and pool, on the copy.
  DrawOptions command;
  command.period = "2026H2";
  command.ratio = "0.5";
  command.seed = "衡阳2026下半年";
  command.archive = world_.archive();
  command.db = copy;
  command.out = (world_.folder() / "cli-out").string();
  ASSERT_EQ(RunDrawCommand(command), 0);
  const auto by_command = Draws(copy);
  ASSERT_EQ(by_command.size(), 1u);
  EXPECT_EQ(by_command[0].pool_sha256, draw.pool_sha256);
  ASSERT_EQ(by_command[0].targets.size(), draw.targets.size());
  for (size_t i = 0; i < draw.targets.size(); ++i) {
    EXPECT_EQ(by_command[0].targets[i].institution, draw.targets[i].institution);
    EXPECT_EQ(by_command[0].targets[i].inspectors[0].inspector_id, draw.targets[i].inspectors[0].inspector_id);
  }
  // The public list the page shows is the one the command wrote.
  std::ifstream written(fs::path(command.out) / "draw-1.html");
  const std::string command_list((std::istreambuf_iterator<char>(written)), {});
  auto shown = browser.Get("/draws/1/public");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->status, 200);
  EXPECT_EQ(shown->body, command_list);
  // And the command verifies the browser's draw as identical.
  DrawOptions verify;
  verify.db = world_.db();
  verify.verify = 1;
  EXPECT_EQ(RunDrawCommand(verify), 0);
}

TEST_F(WorkbenchDrawTest, ListPublicListCsvAndVerification) {
  Browser browser(world_.port());
  const std::string token = browser.CsrfToken("/draws");
  ASSERT_EQ(browser.Post("/draws", {{"csrf", token}, {"period", "2026H2"}, {"ratio", "1"}, {"seed", "s1"}})->status,
            303);
  auto list = browser.Get("/draws");
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("2026H2"), std::string::npos);
  EXPECT_NE(list->body.find("<code>s1</code>"), std::string::npos);
  EXPECT_NE(list->body.find("PX01、"), std::string::npos);

  auto one = browser.Get("/draws/1");
  ASSERT_EQ(one->status, 200);
  EXPECT_NE(one->body.find("随机抽中"), std::string::npos);
  EXPECT_NE(one->body.find("JZ-00"), std::string::npos) << "certificate numbers";
  EXPECT_EQ(one->body.find("430401198001010011"), std::string::npos) << "never an inspector's ID number";

  auto shown = browser.Get("/draws/1/public");
  ASSERT_EQ(shown->status, 200);
  EXPECT_NE(shown->body.find(kPlainName), std::string::npos) << "names from the archive";
  EXPECT_EQ(shown->body.find(kScriptPayload), std::string::npos);
  EXPECT_NE(shown->body.find(HtmlEscape(kScriptPayload)), std::string::npos);
  auto csv = browser.Get("/draws/1/public.csv");
  ASSERT_EQ(csv->status, 200);
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("draw-1.csv"), std::string::npos);
  EXPECT_NE(csv->body.find("PX01"), std::string::npos);

  auto verified = browser.Get("/draws/1/verify");
  ASSERT_EQ(verified->status, 200);
  EXPECT_NE(verified->body.find("结论：一致"), std::string::npos) << verified->body;
  // An inspector leaves service: the pool is no longer the one drawn from.
  std::ofstream(fs::path(world_.archive()) / "bureau" / "inspectors.csv")
      << "inspector_id,name,cert_no,unit,recuse,active\n"
      << "430401198001010011,王明,JZ-0011,市应急管理局,,yes\n"
      << "430401198001010022,李华,JZ-0022,市应急管理局,,yes\n"
      << "430401198001010033,赵强,JZ-0033,雁峰区应急管理局,,no\n";
  auto changed = browser.Get("/draws/1/verify");
  EXPECT_NE(changed->body.find("结论：不一致"), std::string::npos);
  EXPECT_NE(changed->body.find("赵强"), std::string::npos) << "the first difference named";

  EXPECT_EQ(browser.Get("/draws/7")->status, 404);
  EXPECT_EQ(browser.Get("/draws/7/public")->status, 404);
  EXPECT_EQ(browser.Get("/draws/7/verify")->status, 404);
}

TEST_F(WorkbenchDrawTest, RefusedDrawStoresNothing) {
  Browser browser(world_.port());
  const std::string token = browser.CsrfToken("/draws");
  for (const httplib::Params& fields : std::vector<httplib::Params>{
           {{"csrf", token}, {"period", "2026H3"}},
           {{"csrf", token}, {"period", "2026H2"}, {"ratio", "1.5"}},
           {{"csrf", token}, {"period", "2026H2"}, {"seed", "=HYPERLINK(1)"}},
           {{"csrf", token}, {"period", "2026H2"}, {"min_targets", "-1"}},
       }) {
    auto refused = browser.Post("/draws", fields);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    EXPECT_NE(refused->body.find("未抽取"), std::string::npos);
  }
  // The roster cannot staff a target: refused with the command's words.
  fs::remove(fs::path(world_.archive()) / "bureau" / "inspectors.csv");
  auto no_roster = browser.Post("/draws", {{"csrf", token}, {"period", "2026H2"}});
  EXPECT_EQ(no_roster->status, 400);
  EXPECT_NE(no_roster->body.find("缺少或无法读取执法检查人员名录"), std::string::npos);
  EXPECT_EQ(browser.Post("/draws", {{"period", "2026H2"}})->status, 403) << "no CSRF token";
  EXPECT_TRUE(Draws(world_.db()).empty());
}

TEST(WorkbenchDrawViewerTest, ViewerSeesDrawsButCannotMakeOne) {
  ServeWorld world;
  world.StartWithAccounts();
  Browser browser(world.port());
  EXPECT_EQ(browser.Get("/draws")->status, 303) << "a login first";
  ASSERT_EQ(browser.Login("lili", "battery staple")->status, 303);
  auto page = browser.Get("/draws");
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("action=\"/draws\""), std::string::npos) << "no form for a viewer";
  const std::string token = browser.CsrfToken("/draws");
  auto refused = browser.Post("/draws", {{"csrf", token}, {"period", "2026H2"}});
  EXPECT_EQ(refused->status, 403);
  EXPECT_TRUE(Draws(world.db()).empty());
}

}  // namespace
}  // namespace xk::serve
