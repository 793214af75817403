// A finding's video evidence on its own page, over HTTP, on a real store with real encoded video
// (the packet tests' world: two H.264 recordings of one camera with a 6-second gap, catalogued):
// the gap finding's page shows its stills and coverage timeline as pictures and its stream-copied
// clips in players, each served by a name the server gave (a clip by byte ranges as video/mp4, the
// pictures as JPEG and PNG); the media are made once and kept beside the store (a second view, a
// second server and concurrent first views reuse them), made again when a recording changes or a
// new audit catalogs the recordings; a
// finding of another rule has none; without an archive the page says so.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "records/store/audit_store.h"
#include "records/store/database.h"
#include "src/serve/finding_media.h"
#include "src/serve/workbench_server.h"
#include "tests/packet/packet_world.h"
#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

namespace fs = std::filesystem;

// The workbench (no accounts, loopback) on a copy of the packet world's store and archive.
class MediaWorkbench {
 public:
  MediaWorkbench(const std::string& db, const std::string& archive) {
    WorkbenchOptions options;
    options.db = db;
    options.archive = archive;
    options.listen = {"127.0.0.1", 0};
    options.local_officer = "本机科员";
    workbench_ = std::make_unique<Workbench>(options);
    const Status opened = workbench_->Open();
    if (!opened.ok()) throw std::runtime_error(opened.message);
    thread_ = std::thread([this] { workbench_->Run(); });
  }
  ~MediaWorkbench() {
    workbench_->Stop();
    thread_.join();
  }
  int port() const { return workbench_->port(); }
  const Workbench& workbench() const { return *workbench_; }

 private:
  std::unique_ptr<Workbench> workbench_;
  std::thread thread_;
};

// Every src="..." of `tag` elements on the page, in order.
std::vector<std::string> MediaSources(const std::string& page, const std::string& tag) {
  std::vector<std::string> sources;
  const std::string open = "<" + tag + " ";
  for (size_t at = page.find(open); at != std::string::npos; at = page.find(open, at + 1)) {
    const size_t src = page.find("src=\"", at);
    const size_t end = page.find('>', at);
    if (src == std::string::npos || src > end) continue;
    sources.push_back(page.substr(src + 5, page.find('"', src + 5) - src - 5));
  }
  return sources;
}

// The folders in `folder` (hidden ones too), by name.
std::vector<std::string> MediaFolderNames(const fs::path& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class WorkbenchMediaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(world_.setup_error, "");
    folder_ = world_.FreshDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_ = (folder_ / "xunkao.db").string();
    fs::copy_file(world_.db_path, db_);
    archive_ = folder_ / "archive";
    fs::copy(world_.archive, archive_, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  }

  fs::path media_folder() const { return FindingMediaShelf::FolderBeside(db_); }

  const PacketWorld& world_ = PacketWorld::Get();
  fs::path folder_, archive_;
  std::string db_;
};

TEST_F(WorkbenchMediaTest, GapFindingShowsStillsTimelineAndAPlayingClip) {
  MediaWorkbench server(db_, archive_.string());
  httplib::Client client("127.0.0.1", server.port());
  auto page = client.Get("/findings/" + world_.gap_id);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<h2>录像证据</h2>"), std::string::npos);
  EXPECT_NE(page->body.find("中断前最后一帧"), std::string::npos) << "the packet's captions";
  const std::vector<std::string> pictures = MediaSources(page->body, "img");
  const std::vector<std::string> players = MediaSources(page->body, "video");
  // The gap's edges: a still and a clip on each side; one timeline of the room's cameras.
  ASSERT_EQ(pictures.size(), 3u) << page->body;
  ASSERT_EQ(players.size(), 2u) << page->body;
  EXPECT_NE(pictures[0].find("-stilla"), std::string::npos);
  EXPECT_NE(pictures[1].find("-stillb"), std::string::npos);
  EXPECT_NE(pictures[2].find("-timelinea"), std::string::npos);
  EXPECT_NE(players[0].find("-clipa"), std::string::npos);
  EXPECT_EQ(server.workbench().media_builds(), 1);

  // The clip by byte ranges, as a player asks for it: real MP4 bytes.
  auto range = client.Get(players[0], {{"Range", "bytes=0-1023"}});
  ASSERT_TRUE(range);
  EXPECT_EQ(range->status, 206);
  EXPECT_EQ(range->get_header_value("Content-Type"), "video/mp4");
  ASSERT_EQ(range->body.size(), 1024u);
  EXPECT_EQ(range->body.substr(4, 4), "ftyp");
  EXPECT_EQ(range->get_header_value("Content-Disposition").rfind("inline", 0), 0u);
  auto whole = client.Get(players[1]);
  ASSERT_EQ(whole->status, 200);
  EXPECT_GT(whole->body.size(), 1024u);
  EXPECT_NE(whole->body.find("moov"), std::string::npos);
  // The pictures: a JPEG still and a PNG timeline, shown inline.
  auto still = client.Get(pictures[0]);
  ASSERT_EQ(still->status, 200);
  EXPECT_EQ(still->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(still->body.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_EQ(still->get_header_value("Content-Disposition").rfind("inline", 0), 0u);
  auto timeline = client.Get(pictures[2]);
  ASSERT_EQ(timeline->status, 200);
  EXPECT_EQ(timeline->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(timeline->body.substr(0, 8), "\x89PNG\r\n\x1a\n");

  // Kept beside the store, one folder for the finding; a second view makes nothing new.
  const std::vector<std::string> folders = MediaFolderNames(media_folder());
  ASSERT_EQ(folders.size(), 1u);
  EXPECT_EQ(folders[0].rfind(world_.gap_id + "-", 0), 0u);
  const fs::path clip_file = media_folder() / folders[0] / "data" / "clips";
  ASSERT_FALSE(MediaFolderNames(clip_file).empty());
  const auto made_at = fs::last_write_time(clip_file / MediaFolderNames(clip_file)[0]);
  auto again = client.Get("/findings/" + world_.gap_id);
  ASSERT_EQ(again->status, 200);
  EXPECT_EQ(MediaSources(again->body, "video"), players);
  EXPECT_EQ(server.workbench().media_builds(), 1);
  EXPECT_EQ(fs::last_write_time(clip_file / MediaFolderNames(clip_file)[0]), made_at);

  // Only names the server gave: a suffix it did not give, a path, another token find nothing.
  const std::string given = players[0].substr(0, players[0].rfind('-'));
  for (const std::string& path : {given + "-clipz", given + "-stillz", players[0] + "/../../xunkao.db",
                                  "/downloads/" + std::string(64, 'a') + "-clipa", given + "-clipa/x"}) {
    auto refused = client.Get(path);
    ASSERT_TRUE(refused) << path;
    EXPECT_EQ(refused->status, 404) << path;
  }
}

TEST_F(WorkbenchMediaTest, BlackFindingShowsStillsInsideTheStretch) {
  MediaWorkbench server(db_, archive_.string());
  httplib::Client client("127.0.0.1", server.port());
  auto page = client.Get("/findings/" + world_.black_id);
  ASSERT_EQ(page->status, 200);
  const std::vector<std::string> pictures = MediaSources(page->body, "img");
  ASSERT_EQ(pictures.size(), 4u) << "a quarter, half and three quarters in, and the timeline: " << page->body;
  EXPECT_TRUE(MediaSources(page->body, "video").empty()) << "a black stretch has no clip";
  EXPECT_NE(page->body.find("黑屏时段内画面"), std::string::npos);
  EXPECT_EQ(client.Get(pictures[1])->get_header_value("Content-Type"), "image/jpeg");
}

TEST_F(WorkbenchMediaTest, FindingOfAnotherRuleHasNoMedia) {
  MediaWorkbench server(db_, archive_.string());
  httplib::Client client("127.0.0.1", server.port());
  auto page = client.Get("/findings/" + world_.hours_id);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("C2022-01"), std::string::npos);
  EXPECT_EQ(page->body.find("录像证据"), std::string::npos);
  EXPECT_TRUE(MediaSources(page->body, "img").empty());
  EXPECT_TRUE(MediaSources(page->body, "video").empty());
  EXPECT_EQ(server.workbench().media_builds(), 0);
  EXPECT_FALSE(fs::exists(media_folder()));
}

TEST_F(WorkbenchMediaTest, WithoutAnArchiveThePageSaysSo) {
  MediaWorkbench server(db_, (folder_ / "no-such-archive").string());
  httplib::Client client("127.0.0.1", server.port());
  auto page = client.Get("/findings/" + world_.gap_id);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<h2>录像证据</h2>"), std::string::npos);
  EXPECT_NE(page->body.find("找不到档案目录"), std::string::npos);
  EXPECT_TRUE(MediaSources(page->body, "img").empty());
  EXPECT_TRUE(MediaSources(page->body, "video").empty());
}

TEST_F(WorkbenchMediaTest, WithoutCataloguedRecordingsThePageSaysSo) {
  {
    store::AuditStore store(db_);
    store::Statement forget(store.db(), "DELETE FROM media_files");
    forget.Run();
  }
  MediaWorkbench server(db_, archive_.string());
  httplib::Client client("127.0.0.1", server.port());
  for (int view = 0; view < 2; ++view) {
    auto page = client.Get("/findings/" + world_.gap_id);
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("审查编目的录像中没有这台摄像机的录像"), std::string::npos) << page->body;
    EXPECT_TRUE(MediaSources(page->body, "img").empty());
  }
  EXPECT_FALSE(fs::exists(media_folder()) && !fs::is_empty(media_folder())) << "nothing kept on disk";
}

TEST_F(WorkbenchMediaTest, AClipThatCannotBeCutIsANoteNotAFailure) {
  // The recording after the gap replaced by bytes that are no video, behind the audit's back.
  fs::remove(archive_ / world_.video_after);
  std::ofstream(archive_ / world_.video_after, std::ios::binary) << "not a video any more";
  MediaWorkbench server(db_, archive_.string());
  httplib::Client client("127.0.0.1", server.port());
  auto page = client.Get("/findings/" + world_.gap_id);
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(MediaSources(page->body, "video").size(), 1u) << "the clip before the gap still plays";
  EXPECT_NE(page->body.find("未能从录像 " + world_.video_after), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("内容与审查时不同"), std::string::npos) << "the changed recording is said";
}

TEST_F(WorkbenchMediaTest, KeptAcrossServersAndMadeAgainWhenARecordingChanges) {
  std::vector<std::string> first_players;
  {
    MediaWorkbench server(db_, archive_.string());
    httplib::Client client("127.0.0.1", server.port());
    first_players = MediaSources(client.Get("/findings/" + world_.gap_id)->body, "video");
    ASSERT_EQ(first_players.size(), 2u);
    EXPECT_EQ(server.workbench().media_builds(), 1);
  }
  const std::vector<std::string> made = MediaFolderNames(media_folder());
  ASSERT_EQ(made.size(), 1u);
  {
    // Another server on the same store: the folder made before is used, under names of its own.
    MediaWorkbench server(db_, archive_.string());
    httplib::Client client("127.0.0.1", server.port());
    auto page = client.Get("/findings/" + world_.gap_id);
    const std::vector<std::string> players = MediaSources(page->body, "video");
    ASSERT_EQ(players.size(), 2u);
    EXPECT_NE(players[0], first_players[0]);
    EXPECT_EQ(client.Get(players[0])->status, 200);
    EXPECT_EQ(server.workbench().media_builds(), 0);
    EXPECT_EQ(MediaFolderNames(media_folder()), made);

    // A recording the finding names changes (here: written again): new media, the old folder goes.
    const fs::path recording = archive_ / world_.video_before;
    fs::last_write_time(recording, fs::last_write_time(recording) + std::chrono::seconds(10));
    auto changed = client.Get("/findings/" + world_.gap_id);
    ASSERT_EQ(changed->status, 200);
    EXPECT_EQ(MediaSources(changed->body, "video").size(), 2u);
    EXPECT_EQ(server.workbench().media_builds(), 1);
    const std::vector<std::string> now = MediaFolderNames(media_folder());
    ASSERT_EQ(now.size(), 1u);
    EXPECT_NE(now, made);
    // The replaced media's names are let go: the server holds only the names of what it shows.
    EXPECT_EQ(client.Get(players[0])->status, 404);
    const std::string page_now = client.Get("/findings/" + world_.gap_id)->body;
    EXPECT_EQ(server.workbench().download_names(),
              MediaSources(page_now, "video").size() + MediaSources(page_now, "img").size());

    // A new audit (its media catalog draws the timeline, where every camera shows): made again.
    {
      store::AuditStore store(db_);
      const auto last = store.LastCompletedRun();
      ASSERT_TRUE(last);
      store::RunResults results;
      for (const store::StoredFinding& stored : store.FindingsOfRun(last->id))
        results.findings.push_back(stored.finding);
      const int64_t run = store.BeginRun("2022-05-11T02:00:00+08:00", archive_.string(), "{}");
      results.finished = "2022-05-11T02:05:00+08:00";
      store.CompleteRun(run, results, world_.zone);
    }
    EXPECT_EQ(client.Get("/findings/" + world_.gap_id)->status, 200);
    EXPECT_EQ(server.workbench().media_builds(), 2);
    EXPECT_EQ(MediaFolderNames(media_folder()).size(), 1u) << "the folder of the earlier audit goes";
  }
}

TEST_F(WorkbenchMediaTest, ConcurrentFirstViewsMakeOneFolder) {
  MediaWorkbench server(db_, archive_.string());
  constexpr int kViewers = 6;
  std::vector<std::string> bodies(kViewers);
  std::vector<int> statuses(kViewers, 0);
  std::vector<std::thread> viewers;
  for (int i = 0; i < kViewers; ++i) {
    viewers.emplace_back([&, i] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(120, 0);
      auto page = client.Get("/findings/" + world_.gap_id);
      if (!page) return;
      statuses[i] = page->status;
      bodies[i] = page->body;
    });
  }
  for (auto& viewer : viewers) viewer.join();
  for (int i = 0; i < kViewers; ++i) {
    EXPECT_EQ(statuses[i], 200) << i;
    EXPECT_EQ(MediaSources(bodies[i], "video").size(), 2u) << i;
  }
  EXPECT_EQ(server.workbench().media_builds(), 1);
  const std::vector<std::string> folders = MediaFolderNames(media_folder());
  ASSERT_EQ(folders.size(), 1u) << "no staging folder left behind";
  EXPECT_NE(folders[0][0], '.');
}

}  // namespace
}  // namespace xk::serve
