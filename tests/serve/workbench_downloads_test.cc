// Documents and evidence packets (of a finding, of an institution) over HTTP: made on request by the
// same code as `xunkao document` and `xunkao packet`, kept beside the store, downloaded by the name the server gave
// them and by no other: names it never gave, paths with .. and files placed in the folder by hand find nothing (404);
// archive text in a document comes out escaped; a viewer cannot make a packet; the folder keeps the
// newest requests' files for a day (DownloadTable's retention).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "records/store/audit_store.h"
#include "src/cli/document_command.h"
#include "src/serve/downloads.h"
#include "tests/document/document_world.h"
#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

namespace fs = std::filesystem;

// The download names a "made" page links to, in order.
std::vector<std::string> DownloadLinks(const std::string& page) {
  std::vector<std::string> names;
  const std::string marker = "href=\"/downloads/";
  for (size_t at = page.find(marker); at != std::string::npos; at = page.find(marker, at + 1)) {
    const size_t start = at + marker.size();
    names.push_back(page.substr(start, page.find('"', start) - start));
  }
  return names;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

int64_t PacketsRecorded(const std::string& db) {
  store::AuditStore store(db);
  store::Statement count(store.db(), "SELECT count(*) FROM packets");
  return count.Step() ? count.Int(0) : -1;
}

class WorkbenchDownloadsTest : public ::testing::Test {
 protected:
  void SetUp() override { world_.Start(); }
  ServeWorld world_;
};

TEST_F(WorkbenchDownloadsTest, DocumentsAreTheCommandsDocuments) {
  Browser browser(world_.port());
  auto page = browser.Get("/documents?institution=PX01");
  ASSERT_EQ(page->status, 200);
  for (const char* kind : {"inspection-record", "rectification-order", "recheck-opinion"}) {
    EXPECT_NE(page->body.find(std::string("value=\"") + kind + "\""), std::string::npos) << kind;
  }
  const std::string token = browser.CsrfToken("/documents?institution=PX01");
  auto made = browser.Post("/documents", {{"csrf", token}, {"institution", "PX01"}, {"kind", "rectification-order"}});
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 200) << made->body;
  EXPECT_NE(made->body.find("责令限期整改指令书"), std::string::npos);
  EXPECT_NE(made->body.find("没有抽中 PX01 的抽取"), std::string::npos) << "the command's note";
  const std::vector<std::string> links = DownloadLinks(made->body);
  ASSERT_EQ(links.size(), 2u) << made->body;
  auto docx = browser.Get("/downloads/" + links[0]);
  ASSERT_TRUE(docx);
  EXPECT_EQ(docx->status, 200);
  EXPECT_EQ(docx->body.substr(0, 2), "PK") << "a zip, as .docx files are";
  EXPECT_NE(docx->get_header_value("Content-Disposition").find("PX01-rectification-order.docx"), std::string::npos);
  auto html = browser.Get("/downloads/" + links[1]);
  EXPECT_EQ(html->status, 200);

  // What `xunkao document` writes for the same unit.
  DocumentOptions command;
  command.kind = "rectification-order";
  command.institution = "PX01";
  command.db = world_.db();
  command.out = (world_.folder() / "cli-out").string();
  ASSERT_EQ(RunDocumentCommand(command), 0);
  EXPECT_EQ(html->body, ReadFile(fs::path(command.out) / "PX01-rectification-order.html"));
  // The .docx part by part: its zip entries carry the time they were written.
  const fs::path downloaded = world_.folder() / "downloaded.docx";
  std::ofstream(downloaded, std::ios::binary) << docx->body;
  const auto parts = doctest::ReadZip(downloaded);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(*parts, doctest::ReadZip(fs::path(command.out) / "PX01-rectification-order.docx"));
  EXPECT_EQ(parts->count("word/document.xml"), 1u);
}

TEST_F(WorkbenchDownloadsTest, DocumentRefusalsAndEscaping) {
  Browser browser(world_.port());
  const std::string token = browser.CsrfToken("/documents");
  auto unknown =
      browser.Post("/documents", {{"csrf", token}, {"institution", "../../etc/passwd"}, {"kind", "inspection-record"}});
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(unknown->body.find("root:"), std::string::npos);
  auto bad_kind = browser.Post("/documents", {{"csrf", token}, {"institution", "PX01"}, {"kind", "../x"}});
  EXPECT_EQ(bad_kind->status, 400);
  auto bad_draw = browser.Post(
      "/documents", {{"csrf", token}, {"institution", "PX01"}, {"kind", "inspection-record"}, {"draw", "1; rm"}});
  EXPECT_EQ(bad_draw->status, 400);
  EXPECT_EQ(browser.Post("/documents", {{"institution", "PX01"}, {"kind", "inspection-record"}})->status, 403);

  auto hostile = browser.Post("/documents", {{"csrf", token}, {"institution", "PX02"}, {"kind", "inspection-record"}});
  ASSERT_EQ(hostile->status, 200) << hostile->body;
  const auto links = DownloadLinks(hostile->body);
  ASSERT_EQ(links.size(), 2u);
  auto html = browser.Get("/downloads/" + links[1]);
  EXPECT_EQ(html->status, 200);
  EXPECT_EQ(html->body.find(kScriptPayload), std::string::npos);
  EXPECT_NE(html->body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(WorkbenchDownloadsTest, EvidencePacketOfAFinding) {
  Browser browser(world_.port());
  const std::string path = "/findings/" + world_.plain_id();
  auto made = browser.Post(path + "/packet", {{"csrf", browser.CsrfToken(path)}});
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 200) << made->body;
  const auto links = DownloadLinks(made->body);
  ASSERT_EQ(links.size(), 1u);
  auto zip = browser.Get("/downloads/" + links[0]);
  ASSERT_EQ(zip->status, 200);
  EXPECT_EQ(zip->body.substr(0, 2), "PK");
  EXPECT_EQ(zip->get_header_value("Content-Type"), "application/zip");
  EXPECT_NE(zip->get_header_value("Content-Disposition").find(world_.plain_id()), std::string::npos);
  EXPECT_NE(zip->body.find("bagit.txt"), std::string::npos);
  EXPECT_TRUE(fs::is_directory(DownloadTable::FolderBeside(world_.db()))) << "kept beside the store";
  EXPECT_EQ(PacketsRecorded(world_.db()), 1) << "recorded as `xunkao packet` records it";

  auto unknown = browser.Post("/findings/0000000000000000/packet", {{"csrf", browser.CsrfToken(path)}});
  EXPECT_EQ(unknown->status, 400);
}

TEST_F(WorkbenchDownloadsTest, EvidencePacketOfAnInstitution) {
  Browser browser(world_.port());
  const std::string page = "/documents?institution=PX01";
  ASSERT_NE(browser.Get(page)->body.find("action=\"/packets\""), std::string::npos);
  const std::string token = browser.CsrfToken(page);
  auto made = browser.Post("/packets", {{"csrf", token}, {"institution", "PX01"}});
  ASSERT_EQ(made->status, 200) << made->body;
  EXPECT_NE(made->body.find("（1 个问题）"), std::string::npos);
  const auto links = DownloadLinks(made->body);
  ASSERT_EQ(links.size(), 1u);
  auto zip = browser.Get("/downloads/" + links[0]);
  ASSERT_EQ(zip->status, 200);
  EXPECT_NE(zip->get_header_value("Content-Disposition").find("xunkao-packet-PX01"), std::string::npos);
  EXPECT_EQ(PacketsRecorded(world_.db()), 1);
  // Refused, nothing recorded: no open finding in the half-year, a half-year that is not one, no
  // institution.
  EXPECT_EQ(browser.Post("/packets", {{"csrf", token}, {"institution", "PX01"}, {"period", "2019H1"}})->status, 400);
  EXPECT_EQ(browser.Post("/packets", {{"csrf", token}, {"institution", "PX01"}, {"period", "2026H3"}})->status, 400);
  EXPECT_EQ(browser.Post("/packets", {{"csrf", token}, {"institution", "PX99"}})->status, 400);
  EXPECT_EQ(browser.Post("/packets", {{"csrf", token}})->status, 400);
  EXPECT_EQ(PacketsRecorded(world_.db()), 1);
}

TEST_F(WorkbenchDownloadsTest, DownloadsReachOnlyNamesTheServerGave) {
  Browser browser(world_.port());
  const std::string token = browser.CsrfToken("/documents");
  auto made = browser.Post("/documents", {{"csrf", token}, {"institution", "PX01"}, {"kind", "inspection-record"}});
  const auto links = DownloadLinks(made->body);
  ASSERT_EQ(links.size(), 2u);
  // A folder in the downloads shaped like one the server made, placed there by hand.
  const std::string planted(64, 'a');
  fs::create_directories(DownloadTable::FolderBeside(world_.db()) / planted);
  std::ofstream(DownloadTable::FolderBeside(world_.db()) / planted / "document.docx") << "secret";
  const std::string given = links[0].substr(0, 64);
  for (const std::string& path : std::vector<std::string>{
           "/downloads/" + planted, "/downloads/" + planted + "-docx", "/downloads/" + given,
           "/downloads/" + given + "-zip", "/downloads/../xunkao.db", "/downloads/..%2F..%2Fxunkao.db",
           "/downloads/" + links[0] + "/../../../xunkao.db", "/downloads/%2e%2e/%2e%2e/etc/passwd",
           "/downloads/" + given + "/document.docx", "/downloads//etc/passwd"}) {
    auto result = browser.Get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 404) << path;
    EXPECT_EQ(result->body.find("secret"), std::string::npos) << path;
    EXPECT_EQ(result->body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(result->body.find("SQLite format"), std::string::npos) << path;
  }
  EXPECT_EQ(browser.Get("/downloads/" + links[0])->status, 200) << "the name given still works";
}

// A fresh folder for a DownloadTable test.
fs::path DownloadsFolder(const std::string& tag) {
  const fs::path folder = fs::temp_directory_path() / ("xunkao-downloads-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

// One request's folder with one file, added under its name; returns the link name.
std::string MakeDownload(DownloadTable& table, fs::path* made) {
  std::string name;
  *made = table.NewFolder(&name);
  std::ofstream(*made / "document.html") << "<p>made</p>";
  return table.Add(name, "html", {*made / "document.html", "document.html", "text/html"});
}

TEST(DownloadTableRetention, KeepsTheNewestFoldersOnly) {
  const fs::path folder = DownloadsFolder("count");
  DownloadTable table(folder, {std::chrono::hours(24), 2});
  fs::path first, second, third;
  const std::string a = MakeDownload(table, &first);
  const std::string b = MakeDownload(table, &second);
  ASSERT_TRUE(table.Find(a));
  const std::string c = MakeDownload(table, &third);
  EXPECT_FALSE(table.Find(a)) << "the oldest name goes with its folder";
  EXPECT_FALSE(fs::exists(first));
  EXPECT_TRUE(table.Find(b) && table.Find(c));
  EXPECT_TRUE(fs::exists(second / "document.html") && fs::exists(third / "document.html"));
  EXPECT_EQ(table.folders(), 2u);
  fs::remove_all(folder);
}

TEST(DownloadTableRetention, RemovesFoldersPastTheirAge) {
  const fs::path folder = DownloadsFolder("age");
  DownloadTable table(folder, {std::chrono::seconds(0), 100});
  fs::path first, second;
  const std::string a = MakeDownload(table, &first);
  const std::string b = MakeDownload(table, &second);
  EXPECT_FALSE(table.Find(a));
  EXPECT_FALSE(fs::exists(first));
  EXPECT_TRUE(table.Find(b)) << "the folder just made is kept for the request that made it";
  fs::remove_all(folder);
}

TEST(DownloadTableRetention, AtStartRemovesWhatAnEarlierServerLeftOnceOld) {
  const fs::path folder = DownloadsFolder("start");
  const fs::path old_one = folder / "0123old", recent = folder / "4567new", outside = DownloadsFolder("outside");
  fs::create_directories(old_one);
  std::ofstream(old_one / "packet.zip") << "zip";
  fs::create_directories(recent);
  std::ofstream(outside / "keep.txt") << "not the server's";
  fs::create_directory_symlink(outside, folder / "link");
  fs::last_write_time(outside, fs::file_time_type::clock::now() - std::chrono::hours(72));
  fs::last_write_time(old_one, fs::file_time_type::clock::now() - std::chrono::hours(48));
  DownloadTable table(folder, {std::chrono::hours(24), 100});
  EXPECT_FALSE(fs::exists(old_one));
  EXPECT_TRUE(fs::exists(recent));
  EXPECT_TRUE(fs::exists(outside / "keep.txt")) << "a link is not followed";
  fs::remove_all(folder);
  fs::remove_all(outside);
}

TEST(WorkbenchPacketViewerTest, ViewerCannotMakeAPacket) {
  ServeWorld world;
  world.StartWithAccounts();
  Browser browser(world.port());
  ASSERT_EQ(browser.Login("lili", "battery staple")->status, 303);
  const std::string path = "/findings/" + world.plain_id();
  auto page = browser.Get(path);
  EXPECT_EQ(page->body.find("/packet"), std::string::npos) << "no packet form for a viewer";
  auto refused = browser.Post(path + "/packet", {{"csrf", browser.CsrfToken(path)}});
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(browser.Get("/documents?institution=PX01")->body.find("/packets"), std::string::npos);
  auto institution = browser.Post("/packets", {{"csrf", browser.CsrfToken(path)}, {"institution", "PX01"}});
  EXPECT_EQ(institution->status, 403);
  EXPECT_EQ(PacketsRecorded(world.db()), 0);
  EXPECT_FALSE(fs::exists(DownloadTable::FolderBeside(world.db())) &&
               !fs::is_empty(DownloadTable::FolderBeside(world.db())));
}

}  // namespace
}  // namespace xk::serve
