// The enforcement loop's forms over HTTP with accounts: re-check, escalate, close and a correction
// each store their event with the officer logged in, the finding's page shows where the case
// stands, a closed case takes no further step, and a viewer's form writes nothing.
#include <gtest/gtest.h>

#include "records/store/audit_store.h"
#include "records/store/case_store.h"
#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

std::vector<store::CaseEvent> EventsOf(const std::string& db, const std::string& finding_id) {
  store::AuditStore store(db);
  return store::CaseEventsOf(store.db(), finding_id);
}

class WorkbenchCaseFormsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_.StartWithAccounts();
    path_ = "/findings/" + world_.plain_id();
  }
  ServeWorld world_;
  std::string path_;
};

TEST_F(WorkbenchCaseFormsTest, RecheckEscalateAndCloseAreStoredWithTheOfficer) {
  Browser browser(world_.port());
  ASSERT_EQ(browser.Login("zhaolei", "correct horse")->status, 303);
  const std::string token = browser.CsrfToken(path_);
  ASSERT_EQ(token.size(), 64u);

  auto recheck = browser.Post(
      path_ + "/case/recheck",
      {{"csrf", token}, {"date", "2026-12-28"}, {"result", "fail"}, {"inspectors", "43040020002；43040020003"}});
  ASSERT_TRUE(recheck);
  EXPECT_EQ(recheck->status, 303) << recheck->body;
  auto page = browser.Get(path_);
  EXPECT_NE(page->body.find("整改闭环：复查不合格"), std::string::npos);

  auto escalate = browser.Post(path_ + "/case/escalate", {{"csrf", token}, {"doc_no", "衡应急立〔2027〕3号"}});
  EXPECT_EQ(escalate->status, 303) << escalate->body;
  page = browser.Get(path_);
  EXPECT_NE(page->body.find("整改闭环：已立案"), std::string::npos);
  EXPECT_NE(page->body.find("衡应急立〔2027〕3号"), std::string::npos);

  auto close = browser.Post(path_ + "/case/close", {{"csrf", token}, {"note", "已作出行政处罚决定"}});
  EXPECT_EQ(close->status, 303) << close->body;
  page = browser.Get(path_);
  EXPECT_NE(page->body.find("整改闭环：已结案"), std::string::npos);

  const auto events = EventsOf(world_.db(), world_.plain_id());
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, store::CaseEventKind::kRecheck);
  EXPECT_EQ(events[0].passed, std::optional<bool>(false));
  EXPECT_EQ(events[0].inspectors, (std::vector<std::string>{"43040020002", "43040020003"}));
  EXPECT_EQ(events[1].kind, store::CaseEventKind::kEscalate);
  EXPECT_EQ(events[1].doc_no, "衡应急立〔2027〕3号");
  EXPECT_EQ(events[2].kind, store::CaseEventKind::kClose);
  EXPECT_EQ(events[2].note, "已作出行政处罚决定");
  for (const auto& event : events) EXPECT_EQ(event.officer, "zhaolei");

  // A closed case takes no further step; nothing written.
  auto after_close = browser.Post(path_ + "/case/escalate", {{"csrf", token}, {"doc_no", "衡应急立〔2027〕4号"}});
  EXPECT_EQ(after_close->status, 400);
  EXPECT_NE(after_close->body.find("已结案"), std::string::npos);
  EXPECT_EQ(EventsOf(world_.db(), world_.plain_id()).size(), 3u);
}

TEST_F(WorkbenchCaseFormsTest, CorrectionReplacesTheEventItNames) {
  Browser browser(world_.port());
  ASSERT_EQ(browser.Login("zhaolei", "correct horse")->status, 303);
  const std::string token = browser.CsrfToken(path_);
  ASSERT_EQ(browser.Post(path_ + "/case/close", {{"csrf", token}, {"note", "误点结案"}})->status, 303);
  const int64_t wrong_close = EventsOf(world_.db(), world_.plain_id()).at(0).id;

  // Closed by mistake: corrected into a hand-over, through the hand-over form's correction field.
  auto corrected = browser.Post(path_ + "/case/handover", {{"csrf", token},
                                                           {"to", "衡阳市安全技术培训学校"},
                                                           {"doc_no", "衡应急责改〔2026〕9号"},
                                                           {"deadline", "2027-01-15"},
                                                           {"correct", std::to_string(wrong_close)}});
  ASSERT_TRUE(corrected);
  EXPECT_EQ(corrected->status, 303) << corrected->body;
  const auto events = EventsOf(world_.db(), world_.plain_id());
  ASSERT_EQ(events.size(), 2u) << "appended, never rewritten";
  EXPECT_EQ(events[1].corrects, std::optional<int64_t>(wrong_close));
  EXPECT_EQ(events[1].officer, "zhaolei");
  auto page = browser.Get(path_);
  EXPECT_NE(page->body.find("整改闭环：已交办"), std::string::npos);
  EXPECT_NE(page->body.find("（已被更正）"), std::string::npos);
  EXPECT_NE(page->body.find("class=\"corrected\""), std::string::npos);

  // Refused, nothing written: an event the finding does not have, and a number that is not one.
  auto unknown = browser.Post(path_ + "/case/close", {{"csrf", token}, {"note", "结案"}, {"correct", "9999"}});
  EXPECT_EQ(unknown->status, 400);
  auto not_a_number = browser.Post(path_ + "/case/close", {{"csrf", token}, {"note", "结案"}, {"correct", "1x"}});
  EXPECT_EQ(not_a_number->status, 400);
  EXPECT_EQ(EventsOf(world_.db(), world_.plain_id()).size(), 2u);
}

TEST_F(WorkbenchCaseFormsTest, ViewerIsRefusedEveryForm) {
  Browser browser(world_.port());
  ASSERT_EQ(browser.Login("lili", "battery staple")->status, 303);
  const std::string token = browser.CsrfToken("/");  // the logout form's: a valid token of the session
  ASSERT_EQ(token.size(), 64u);
  const std::vector<std::pair<std::string, httplib::Params>> forms = {
      {"handover", {{"to", "某校"}, {"doc_no", "1号"}, {"deadline", "2027-01-15"}}},
      {"rectified", {{"date", "2026-12-18"}, {"note", "已补课"}}},
      {"recheck", {{"date", "2026-12-28"}, {"result", "pass"}, {"inspectors", "1;2"}}},
      {"escalate", {{"doc_no", "立1号"}}},
      {"close", {{"note", "结案"}}},
  };
  for (auto [kind, fields] : forms) {
    fields.emplace("csrf", token);
    auto refused = browser.Post(path_ + "/case/" + kind, fields);
    ASSERT_TRUE(refused) << kind;
    EXPECT_EQ(refused->status, 403) << kind;
    EXPECT_NE(refused->body.find("只读账号"), std::string::npos) << kind;
  }
  EXPECT_TRUE(EventsOf(world_.db(), world_.plain_id()).empty());
}

}  // namespace
}  // namespace xk::serve
