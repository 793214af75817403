// Files and the store under load, over HTTP: a rectification with an attachment is kept and can
// be downloaded; an upload past the limit is refused with 413 and stores nothing; a download can
// reach only files the store names (no path from the request reaches the disk); pages keep
// answering while another connection holds the store's write lock (WAL).
#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "records/store/audit_store.h"
#include "records/store/case_store.h"
#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

namespace fs = std::filesystem;

class WorkbenchFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WorkbenchOptions options;
    options.max_upload_bytes = 64 << 10;
    world_.Start(options);
  }
  ServeWorld world_;
};

TEST_F(WorkbenchFilesTest, RectifiedWithAnAttachmentKeepsItForDownload) {
  Browser browser(world_.port());
  const std::string path = "/findings/" + world_.plain_id();
  const std::string token = browser.CsrfToken(path);
  const std::string scan = "签到表扫描件 " + std::string(1000, 'x');
  auto posted =
      browser.PostMultipart(path + "/case/rectified", {{"csrf", token, "", ""},
                                                       {"date", "2026-12-18", "", ""},
                                                       {"note", "已补课 8 学时", "", ""},
                                                       {"attach", scan, "../../签到表.pdf", "application/pdf"}});
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 303) << posted->body;
  store::AuditStore store(world_.db());
  const auto events = store::CaseEventsOf(store.db(), world_.plain_id());
  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0].attachments.size(), 1u);
  EXPECT_EQ(events[0].attachments[0].name, "签到表.pdf") << "only the name's last component";
  EXPECT_EQ(events[0].attachments[0].size, static_cast<int64_t>(scan.size()));
  auto download = browser.Get("/attachments/" + events[0].attachments[0].sha256);
  ASSERT_TRUE(download);
  EXPECT_EQ(download->status, 200);
  EXPECT_EQ(download->body, scan);
  EXPECT_NE(download->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
}

TEST_F(WorkbenchFilesTest, UploadPastTheLimitIsRefusedWith413AndNothingStored) {
  Browser browser(world_.port());
  const std::string path = "/findings/" + world_.plain_id();
  const std::string token = browser.CsrfToken(path);
  auto posted = browser.PostMultipart(path + "/case/rectified", {{"csrf", token, "", ""},
                                                                 {"date", "2026-12-18", "", ""},
                                                                 {"note", "照片", "", ""},
                                                                 {"attach", std::string(100 << 10, 'p'), "p.jpg", ""}});
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 413);
  store::AuditStore store(world_.db());
  EXPECT_TRUE(store::CaseEventsOf(store.db(), world_.plain_id()).empty());
  std::error_code ec;
  EXPECT_FALSE(fs::exists(store::AttachmentDirectory(store.db()), ec) &&
               !fs::is_empty(store::AttachmentDirectory(store.db()), ec));
}

TEST_F(WorkbenchFilesTest, DownloadsReachOnlyFilesTheStoreNames) {
  // A file beside the store that nothing names, under a name shaped like a kept attachment.
  store::AuditStore store(world_.db());
  fs::create_directories(store::AttachmentDirectory(store.db()));
  const std::string unnamed(64, 'a');
  std::ofstream(store::AttachmentPath(store.db(), unnamed)) << "secret";
  Browser browser(world_.port());
  for (const std::string& path : std::vector<std::string>{
           "/attachments/" + unnamed, "/attachments/../xunkao.db", "/attachments/..%2F..%2F..%2Fetc%2Fpasswd",
           "/attachments/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "/attachments//etc/passwd"}) {
    auto result = browser.Get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 404) << path;
    EXPECT_EQ(result->body.find("secret"), std::string::npos) << path;
    EXPECT_EQ(result->body.find("root:"), std::string::npos) << path;
  }
}

TEST_F(WorkbenchFilesTest, PagesAnswerWhileAnotherConnectionWrites) {
  Browser browser(world_.port());
  ASSERT_EQ(browser.Get("/")->status, 200);
  std::promise<void> locked;
  std::promise<void> release;
  std::thread writer([&] {
    store::AuditStore store(world_.db());  // another connection, as the nightly audit has
    store::Transaction transaction(store.db());
    store.BeginRun("2026-12-05T02:00:00+08:00", "/archive", "{}");
    locked.set_value();
    release.get_future().wait();
    transaction.Commit();
  });
  locked.get_future().wait();
  const auto before = std::chrono::steady_clock::now();
  for (const std::string& path : std::vector<std::string>{"/", "/findings", "/findings/" + world_.plain_id()}) {
    auto page = browser.Get(path);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->status, 200) << path;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(4)) << "read without waiting";
  release.set_value();
  writer.join();
  auto dashboard = browser.Get("/");
  EXPECT_NE(dashboard->body.find("第 2 次，正在运行"), std::string::npos);
}

}  // namespace
}  // namespace xk::serve
