// Who may use the workbench: the users file (PBKDF2-SHA256 lines made by `--add-user`), logins
// (pages need one, a viewer reads but cannot record, a session cookie is HttpOnly and
// SameSite=Strict), the login throttle, and the listen rule (no accounts: loopback only).
#include <gtest/gtest.h>

#include <fstream>

#include "records/store/audit_store.h"
#include "records/store/case_store.h"
#include "src/serve/listen_address.h"
#include "src/serve/officer_accounts.h"
#include "src/serve/sessions.h"
#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

TEST(ServeListenTest, NonLoopbackNeedsAUsersFile) {
  EXPECT_EQ(ParseListenAddress("127.0.0.1:8080")->port, 8080);
  EXPECT_EQ(ParseListenAddress("[::1]:0")->host, "::1");
  EXPECT_FALSE(ParseListenAddress("127.0.0.1"));
  EXPECT_FALSE(ParseListenAddress("127.0.0.1:70000"));
  EXPECT_FALSE(ParseListenAddress("::1:80"));
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.5.6.7"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("192.168.1.10"));
  EXPECT_EQ(ListenRefusal({"127.0.0.1", 8080}, false), "");
  EXPECT_NE(ListenRefusal({"0.0.0.0", 8080}, false).find("--users"), std::string::npos);
  EXPECT_EQ(ListenRefusal({"0.0.0.0", 8080}, true), "");
}

TEST(ServeAccountsTest, UsersFileHoldsSaltedPbkdf2Hashes) {
  ServeWorld world;
  const std::string users = (world.folder() / "users").string();
  ASSERT_TRUE(AddOfficerAccount(users, "wangming", Role::kOfficer, "correct horse").ok());
  ASSERT_TRUE(AddOfficerAccount(users, "lili", Role::kViewer, "correct horse").ok());
  EXPECT_FALSE(AddOfficerAccount(users, "wangming", Role::kViewer, "another one").ok()) << "a name once";
  EXPECT_FALSE(AddOfficerAccount(users, "short", Role::kViewer, "1234567").ok());
  EXPECT_FALSE(AddOfficerAccount(users, "a:b", Role::kViewer, "long enough").ok());
  std::vector<OfficerAccount> accounts;
  ASSERT_TRUE(LoadOfficerAccounts(users, &accounts).ok());
  ASSERT_EQ(accounts.size(), 2u);
  EXPECT_EQ(accounts[0].role, Role::kOfficer);
  EXPECT_EQ(accounts[0].iterations, kPasswordIterations);
  EXPECT_NE(accounts[0].salt_hex, accounts[1].salt_hex) << "each password its own salt";
  EXPECT_NE(accounts[0].hash_hex, accounts[1].hash_hex) << "same password, different hashes";
  EXPECT_TRUE(PasswordMatches(accounts[0], "correct horse"));
  EXPECT_FALSE(PasswordMatches(accounts[0], "correct horsE"));
  std::ifstream text(users);
  std::string whole((std::istreambuf_iterator<char>(text)), {});
  EXPECT_EQ(whole.find("correct horse"), std::string::npos);
  std::ofstream(users, std::ios::app) << "broken line\n";
  const Status broken = LoadOfficerAccounts(users, &accounts);
  EXPECT_FALSE(broken.ok());
  EXPECT_NE(broken.message.find("第 3 行"), std::string::npos);
}

TEST(ServeAccountsTest, ThrottleRefusesAfterFiveFailures) {
  LoginThrottle throttle;
  const auto now = Clock::now();
  for (int i = 0; i < LoginThrottle::kMaxFailures; ++i) {
    EXPECT_TRUE(throttle.Allowed("10.0.0.1", now));
    throttle.RecordFailure("10.0.0.1", now);
  }
  EXPECT_FALSE(throttle.Allowed("10.0.0.1", now));
  EXPECT_TRUE(throttle.Allowed("10.0.0.2", now)) << "per address";
  EXPECT_TRUE(throttle.Allowed("10.0.0.1", now + LoginThrottle::kWindow + std::chrono::seconds(1)));
}

class WorkbenchLoginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    users_ = (world_.folder() / "users").string();
    ASSERT_TRUE(AddOfficerAccount(users_, "wangming", Role::kOfficer, "correct horse").ok());
    ASSERT_TRUE(AddOfficerAccount(users_, "lili", Role::kViewer, "battery staple").ok());
    WorkbenchOptions options;
    options.users_file = users_;
    world_.Start(options);
  }
  ServeWorld world_;
  std::string users_;
};

TEST_F(WorkbenchLoginTest, PagesNeedALoginAndEventsCarryTheOfficer) {
  Browser browser(world_.port());
  for (const std::string& path :
       std::vector<std::string>{"/", "/findings", "/findings/" + world_.plain_id(), "/people/1"}) {
    auto page = browser.Get(path);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 303) << path;
    EXPECT_EQ(page->get_header_value("Location"), "/login") << path;
  }
  auto bad = browser.Login("wangming", "wrong");
  EXPECT_EQ(bad->status, 401);
  EXPECT_EQ(browser.Get("/")->status, 303);
  auto good = browser.Login("wangming", "correct horse");
  ASSERT_EQ(good->status, 303);
  EXPECT_NE(good->get_header_value("Set-Cookie").find("HttpOnly; SameSite=Strict"), std::string::npos);
  auto dashboard = browser.Get("/");
  EXPECT_EQ(dashboard->status, 200);
  EXPECT_NE(dashboard->body.find("wangming（执法人员）"), std::string::npos);

  const std::string path = "/findings/" + world_.plain_id();
  const std::string token = browser.CsrfToken(path);
  auto escalated = browser.Post(path + "/case/escalate", {{"csrf", token}, {"doc_no", "衡应急立〔2027〕2号"}});
  EXPECT_EQ(escalated->status, 303);
  store::AuditStore store(world_.db());
  const auto events = store::CaseEventsOf(store.db(), world_.plain_id());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].officer, "wangming");

  auto logout = browser.Post("/logout", {{"csrf", token}});
  EXPECT_EQ(logout->status, 303);
  EXPECT_EQ(browser.Get("/")->status, 303) << "the session is gone";
}

TEST_F(WorkbenchLoginTest, ViewerReadsButCannotRecord) {
  Browser browser(world_.port());
  ASSERT_EQ(browser.Login("lili", "battery staple")->status, 303);
  const std::string path = "/findings/" + world_.plain_id();
  auto page = browser.Get(path);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("/case/handover"), std::string::npos) << "no forms for a viewer";
  const std::string token = browser.CsrfToken("/");
  auto refused = browser.Post(path + "/case/close", {{"csrf", token}, {"note", "结案"}});
  EXPECT_EQ(refused->status, 403);
  store::AuditStore store(world_.db());
  EXPECT_TRUE(store::CaseEventsOf(store.db(), world_.plain_id()).empty());
}

TEST_F(WorkbenchLoginTest, LoginWithoutItsFormsTokenIsRefused) {
  Browser browser(world_.port());
  // Straight to /login with the right password, as a page on another site could send it.
  auto forged = browser.Post("/login", {{"name", "wangming"}, {"password", "correct horse"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(forged->get_header_value("Set-Cookie"), "") << "no session given";
  // A token, but not the one of this browser's login form.
  const std::string token = browser.CsrfToken("/login");
  ASSERT_EQ(token.size(), 64u);
  Browser other(world_.port());
  auto foreign = other.Post("/login", {{"name", "wangming"}, {"password", "correct horse"}, {"csrf", token}});
  EXPECT_EQ(foreign->status, 403);
  auto wrong =
      browser.Post("/login", {{"name", "wangming"}, {"password", "correct horse"}, {"csrf", std::string(64, '0')}});
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(browser.Get("/")->status, 303) << "still not logged in";
  ASSERT_EQ(browser.Login("wangming", "correct horse")->status, 303);
  EXPECT_EQ(browser.Get("/")->status, 200);
  EXPECT_EQ(browser.Get("/login")->status, 303) << "logged in: no login form to replace the session's cookie";
  EXPECT_EQ(browser.Get("/")->status, 200);
  // The login form's token is spent: the same form cannot log in again.
  auto again = browser.Post("/login", {{"name", "wangming"}, {"password", "correct horse"}, {"csrf", token}});
  EXPECT_EQ(again->status, 403);
}

TEST_F(WorkbenchLoginTest, TooManyFailedLoginsAreRefused) {
  Browser browser(world_.port());
  for (int i = 0; i < LoginThrottle::kMaxFailures; ++i) {
    EXPECT_EQ(browser.Login("wangming", "guess")->status, 401);
  }
  EXPECT_EQ(browser.Login("wangming", "correct horse")->status, 429);
}

}  // namespace
}  // namespace xk::serve
