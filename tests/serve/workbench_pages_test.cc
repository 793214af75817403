// The workbench over HTTP on a real store, bound to an ephemeral loopback port: every page answers
// with what an officer looks for, archive text comes out escaped, a hand-over through the form is
// stored with the officer's name, and forms without their session's CSRF token write nothing.
#include <gtest/gtest.h>

#include "records/store/audit_store.h"
#include "records/store/case_store.h"
#include "records/text_escape.h"
#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

size_t EventCount(const std::string& db, const std::string& finding_id) {
  store::AuditStore store(db);
  return store::CaseEventsOf(store.db(), finding_id).size();
}

class WorkbenchPagesTest : public ::testing::Test {
 protected:
  void SetUp() override { world_.Start(); }
  ServeWorld world_;
};

TEST_F(WorkbenchPagesTest, EveryPageAnswersWithItsContent) {
  Browser browser(world_.port());
  auto dashboard = browser.Get("/?year=2026");
  ASSERT_TRUE(dashboard);
  EXPECT_EQ(dashboard->status, 200);
  EXPECT_NE(dashboard->body.find("检查总览"), std::string::npos);
  EXPECT_NE(dashboard->body.find("最近一次审查：第 1 次，已完成"), std::string::npos);
  EXPECT_NE(dashboard->body.find("PX01"), std::string::npos);
  EXPECT_EQ(dashboard->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(dashboard->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  const std::string cookie = dashboard->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP on loopback";

  auto list = browser.Get("/findings");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("共 2 个问题"), std::string::npos);
  EXPECT_NE(list->body.find(world_.plain_id()), std::string::npos);

  auto finding = browser.Get("/findings/" + world_.plain_id());
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->status, 200);
  EXPECT_NE(finding->body.find("实际学时 32 学时"), std::string::npos);
  EXPECT_NE(finding->body.find("实际 32 · 要求 48 学时"), std::string::npos);
  EXPECT_NE(finding->body.find("整改闭环：未处理"), std::string::npos);
  for (const char* form : {"handover", "rectified", "recheck", "escalate", "close"}) {
    EXPECT_NE(finding->body.find(std::string("/case/") + form + "\""), std::string::npos) << form;
  }
  EXPECT_NE(finding->body.find("href=\"/people/430402199001010011\""), std::string::npos);

  auto person = browser.Get("/people/430402199001010011");
  ASSERT_TRUE(person);
  EXPECT_EQ(person->status, 200);
  EXPECT_NE(person->body.find(world_.plain_id()), std::string::npos) << "the findings naming the person";

  auto missing = browser.Get("/findings/0000000000000000");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(WorkbenchPagesTest, FiltersAndPagesTheFindings) {
  Browser browser(world_.port());
  auto px01 = browser.Get("/findings?institution=PX01");
  ASSERT_TRUE(px01);
  EXPECT_NE(px01->body.find("共 1 个问题"), std::string::npos);
  auto high = browser.Get("/findings?severity=medium");
  EXPECT_EQ(high->body.find(world_.plain_id()), std::string::npos);
  EXPECT_NE(high->body.find(world_.hostile_id()), std::string::npos);
  auto person = browser.Get("/findings?person=430402199001010011");
  EXPECT_NE(person->body.find("共 1 个问题"), std::string::npos);
  auto search = browser.Get("/findings?q=" + std::string("%E5%AE%9E%E9%99%85%E5%AD%A6%E6%97%B6"));  // 实际学时
  EXPECT_NE(search->body.find("共 1 个问题"), std::string::npos);
  auto period = browser.Get("/findings?period=2022H1");
  EXPECT_NE(period->body.find("共 0 个问题"), std::string::npos);
  auto page2 = browser.Get("/findings?page=2");
  EXPECT_NE(page2->body.find("第 2 / 1 页"), std::string::npos);
  EXPECT_EQ(page2->body.find(world_.plain_id()), std::string::npos);
  // A page asked for again is answered from the ids kept of it: the same findings, in order.
  auto first = browser.Get("/findings");
  auto again = browser.Get("/findings");
  ASSERT_TRUE(first && again);
  EXPECT_NE(first->body.find(world_.plain_id()), std::string::npos);
  EXPECT_NE(first->body.find(world_.hostile_id()), std::string::npos);
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(browser.Get("/findings?severity=medium")->body, high->body);
}

TEST_F(WorkbenchPagesTest, FiltersTheFindingsByCaseState) {
  Browser browser(world_.port());
  const std::string path = "/findings/" + world_.plain_id();
  // Asked for before the event: the list cache must not answer with it afterwards.
  EXPECT_NE(browser.Get("/findings?state=handed_over")->body.find("共 0 个问题"), std::string::npos);
  EXPECT_EQ(browser.Get("/findings")->body.find("<td>已交办"), std::string::npos) << "the plain list, kept";
  // Handed over with a deadline long past: handed over, and overdue.
  auto posted = browser.Post(path + "/case/handover", {{"csrf", browser.CsrfToken(path)},
                                                       {"to", kPlainName},
                                                       {"doc_no", "衡应急责改〔2020〕1号"},
                                                       {"deadline", "2020-01-31"}});
  ASSERT_EQ(posted->status, 303);
  auto all = browser.Get("/findings");
  EXPECT_NE(all->body.find("共 2 个问题"), std::string::npos);
  EXPECT_NE(all->body.find("已交办 <b class=\"high\">逾期</b>"), std::string::npos);
  EXPECT_NE(all->body.find("<td>未处理</td>"), std::string::npos) << "the hostile finding, no events";

  auto handed_over = browser.Get("/findings?state=handed_over");
  EXPECT_NE(handed_over->body.find("共 1 个问题"), std::string::npos);
  EXPECT_NE(handed_over->body.find(world_.plain_id()), std::string::npos);
  EXPECT_EQ(handed_over->body.find(world_.hostile_id()), std::string::npos);
  EXPECT_NE(handed_over->body.find("<option value=\"handed_over\" selected>已交办</option>"), std::string::npos);
  auto open = browser.Get("/findings?state=open");
  EXPECT_NE(open->body.find("共 1 个问题"), std::string::npos);
  EXPECT_NE(open->body.find(world_.hostile_id()), std::string::npos);
  EXPECT_EQ(open->body.find(world_.plain_id()), std::string::npos);
  auto overdue = browser.Get("/findings?state=overdue");
  EXPECT_NE(overdue->body.find("共 1 个问题"), std::string::npos);
  EXPECT_NE(overdue->body.find(world_.plain_id()), std::string::npos);
  auto closed = browser.Get("/findings?state=closed");
  EXPECT_NE(closed->body.find("共 0 个问题"), std::string::npos);
  // With the other filters: PX01 is handed over, the medium finding is not.
  auto combined = browser.Get("/findings?state=handed_over&severity=medium");
  EXPECT_NE(combined->body.find("共 0 个问题"), std::string::npos);
  auto unknown = browser.Get("/findings?state=%3Cscript%3E");
  EXPECT_EQ(unknown->status, 200);
  EXPECT_NE(unknown->body.find("共 2 个问题"), std::string::npos) << "a state it does not know filters nothing";
}

TEST_F(WorkbenchPagesTest, ArchiveTextComesOutEscaped) {
  Browser browser(world_.port());
  for (const std::string& path : std::vector<std::string>{
           "/", "/?year=2026", "/findings", "/findings/" + world_.hostile_id(), "/findings?q=%3Cscript%3E"}) {
    auto page = browser.Get(path);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->status, 200) << path;
    EXPECT_EQ(page->body.find(kScriptPayload), std::string::npos) << path;
    EXPECT_EQ(page->body.find(kImagePayload), std::string::npos) << path;
    EXPECT_EQ(page->body.find("<svg"), std::string::npos) << path;
  }
  auto finding = browser.Get("/findings/" + world_.hostile_id());
  EXPECT_NE(finding->body.find(HtmlEscape(kImagePayload)), std::string::npos) << "shown, as text";
  auto list = browser.Get("/findings?q=%3Cscript%3E");
  EXPECT_NE(list->body.find("value=\"&lt;script&gt;\""), std::string::npos) << "the search echoed as text";
}

TEST(WorkbenchDashboardTest, NamesTheInstitutionsOfTheArchiveGiven) {
  ServeWorld world;
  WorkbenchOptions options;
  options.archive = world.archive();
  world.Start(options);
  Browser browser(world.port());
  auto dashboard = browser.Get("/?year=2026");
  ASSERT_TRUE(dashboard);
  EXPECT_EQ(dashboard->status, 200);
  EXPECT_NE(dashboard->body.find(std::string("PX01</a> ") + kPlainName), std::string::npos);
  EXPECT_NE(dashboard->body.find("PX03</a> 衡阳县培训中心"), std::string::npos) << "listed though never audited";
  EXPECT_NE(dashboard->body.find(HtmlEscape(std::string(kScriptPayload) + "培训")), std::string::npos);
  EXPECT_EQ(dashboard->body.find(kScriptPayload), std::string::npos);
}

TEST_F(WorkbenchPagesTest, DashboardWithoutAnArchiveShowsCodesOnly) {
  Browser browser(world_.port());
  auto dashboard = browser.Get("/?year=2026");
  ASSERT_TRUE(dashboard);
  EXPECT_NE(dashboard->body.find("PX01</a>  <a href=\"/documents?institution=PX01\">"), std::string::npos);
  EXPECT_EQ(dashboard->body.find(kPlainName), std::string::npos);
}

TEST_F(WorkbenchPagesTest, HandoverThroughTheFormIsStoredWithTheOfficer) {
  Browser browser(world_.port());
  const std::string path = "/findings/" + world_.plain_id();
  const std::string token = browser.CsrfToken(path);
  ASSERT_EQ(token.size(), 64u);
  auto posted = browser.Post(path + "/case/handover", {{"csrf", token},
                                                       {"to", "衡阳市安全技术培训学校"},
                                                       {"doc_no", "衡应急责改〔2026〕7号"},
                                                       {"deadline", "2026-12-20"}});
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 303);
  store::AuditStore store(world_.db());
  const auto events = store::CaseEventsOf(store.db(), world_.plain_id());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, store::CaseEventKind::kHandover);
  EXPECT_EQ(events[0].officer, "本机科员");
  EXPECT_EQ(events[0].handed_to, "衡阳市安全技术培训学校");
  auto page = browser.Get(path);
  EXPECT_NE(page->body.find("整改闭环：已交办"), std::string::npos);
  EXPECT_NE(page->body.find("衡应急责改〔2026〕7号"), std::string::npos);

  // A step the fields cannot make (no deadline) is refused and writes nothing.
  auto incomplete = browser.Post(path + "/case/handover", {{"csrf", token}, {"to", "某校"}, {"doc_no", "1"}});
  EXPECT_EQ(incomplete->status, 400);
  EXPECT_EQ(EventCount(world_.db(), world_.plain_id()), 1u);
}

TEST_F(WorkbenchPagesTest, PostWithoutOrWithAWrongCsrfTokenWritesNothing) {
  Browser browser(world_.port());
  const std::string path = "/findings/" + world_.plain_id();
  const std::string token = browser.CsrfToken(path);
  httplib::Params fields = {{"note", "结案"}};
  auto without = browser.Post(path + "/case/close", fields);
  ASSERT_TRUE(without);
  EXPECT_EQ(without->status, 403);
  fields.emplace("csrf", std::string(64, '0'));
  auto wrong = browser.Post(path + "/case/close", fields);
  EXPECT_EQ(wrong->status, 403);
  // Another browser's session with this browser's token: refused too.
  Browser other(world_.port());
  other.Get("/");
  auto foreign = other.Post(path + "/case/close", {{"note", "结案"}, {"csrf", token}});
  EXPECT_EQ(foreign->status, 403);
  EXPECT_EQ(EventCount(world_.db(), world_.plain_id()), 0u);
}

}  // namespace
}  // namespace xk::serve
