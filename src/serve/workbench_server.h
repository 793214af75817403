// `xunkao serve`: the officer's workbench, an HTTP(S) server (cpp-httplib) over the store. The
// routes table is in workbench_server.cc, with the handlers of the pages and case forms; those of
// the draw are in workbench_draw_routes.cc, those of documents, packets and downloads in
// workbench_download_routes.cc. Pages are rendered on the server as plain HTML.
// Who may do what: without --users it answers only on loopback and records events with the login
// name; with --users every page needs a login, viewers read (and make documents), officers also
// record case events, make draws and evidence packets.
// Every POST carries its session's CSRF token, the login form too (a token of the login form's own,
// kept in login_forms_ until the login succeeds); uploads past the limit are refused with 413.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "records/status.h"
#include "src/serve/archive_cache.h"
#include "src/serve/downloads.h"
#include "src/serve/finding_media.h"
#include "src/serve/findings_list_cache.h"
#include "src/serve/listen_address.h"
#include "src/serve/officer_accounts.h"
#include "src/serve/sessions.h"
#include "src/serve/store_pool.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace xk::serve {

struct WorkbenchOptions {
  std::string db;
  std::string archive;  // "" = the archive of the last completed audit
  ListenAddress listen{"127.0.0.1", 8080};
  std::string users_file;           // "" = no accounts (loopback only)
  std::string cert_file, key_file;  // both given: HTTPS
  size_t max_upload_bytes = size_t{64} << 20;
  std::string local_officer;  // who records events without --users (default the login name)
};

class Workbench {
 public:
  explicit Workbench(WorkbenchOptions options);
  ~Workbench();
  Workbench(const Workbench&) = delete;
  Workbench& operator=(const Workbench&) = delete;

  // Checks the options (the listen rule, the users file, the database), then binds. A usage
  // failure for what the options got wrong; cannot-complete when the port cannot be bound.
  Status Open();
  int port() const { return port_; }
  // Answers until Stop(); false when the server failed.
  bool Run();
  // Makes Run() return (or not start), from any thread, also before Run() has begun.
  void Stop();

  // For tests: how many times the archive was loaded for person pages, and how many times a
  // finding's video evidence was made.
  int64_t archive_loads() const { return archives_.loads(); }
  int64_t media_builds() const { return media_ ? media_->builds() : 0; }
  size_t download_names() const { return downloads_ ? downloads_->names() : 0; }

 private:
  struct Route;
  void AddRoutes();
  // The session of the request, or nullopt after answering it (a redirect to the login page).
  std::optional<Session> Authenticate(const httplib::Request& request, httplib::Response& response);
  // For a POST: the session when its CSRF token came back and the role may do this, else 403.
  std::optional<Session> AuthorizePost(const httplib::Request& request, httplib::Response& response, bool officer_only);

  void Dashboard(const httplib::Request& request, httplib::Response& response);
  void FindingsList(const httplib::Request& request, httplib::Response& response);
  void OneFinding(const httplib::Request& request, httplib::Response& response);
  void RecordCase(const httplib::Request& request, httplib::Response& response);
  void Person(const httplib::Request& request, httplib::Response& response);
  // Documents and evidence packets made on request, and their downloads (workbench_download_routes.cc).
  void Documents(const httplib::Request& request, httplib::Response& response);
  void MakeDocumentForm(const httplib::Request& request, httplib::Response& response);
  void MakePacketForm(const httplib::Request& request, httplib::Response& response);
  void Download(const httplib::Request& request, httplib::Response& response);
  // Players for the clips of the packet made in `bag` (downloads added under `name`), "" when none.
  static constexpr size_t kMaxClipPlayers = 26;
  std::string ClipPlayers(const std::string& name, const std::filesystem::path& bag);
  // The draw (workbench_draw_routes.cc).
  void DrawList(const httplib::Request& request, httplib::Response& response);
  void MakeDrawForm(const httplib::Request& request, httplib::Response& response);
  void OneDraw(const httplib::Request& request, httplib::Response& response);
  void DrawPublic(const httplib::Request& request, httplib::Response& response);
  void DrawPublicCsvFile(const httplib::Request& request, httplib::Response& response);
  void DrawVerify(const httplib::Request& request, httplib::Response& response);
  void Attachment(const httplib::Request& request, httplib::Response& response);
  void LoginForm(const httplib::Request& request, httplib::Response& response);
  void Login(const httplib::Request& request, httplib::Response& response);
  void Logout(const httplib::Request& request, httplib::Response& response);

  bool https() const { return !options_.cert_file.empty(); }
  // The archive the findings' paths are relative to: --archive, else the last completed audit's
  // ("" when neither).
  std::string ArchiveFolder(store::AuditStore& store) const;

  WorkbenchOptions options_;
  std::vector<OfficerAccount> accounts_;
  SessionTable sessions_;
  // The login form's tokens, before anyone has logged in: its id travels in the session cookie,
  // which sessions_ does not know, so it opens no page.
  SessionTable login_forms_{std::chrono::minutes(30)};
  LoginThrottle throttle_;
  std::unique_ptr<DownloadTable> downloads_;  // set by Open(), beside the store
  std::unique_ptr<StorePool> stores_;         // set by Open()
  std::unique_ptr<FindingMediaShelf> media_;  // set by Open(), beside the store
  ArchiveRecordsCache archives_;              // the person page's archive, while unchanged
  // Up to 10,000 lists and pages and 2 M ids (about 100 MB) between changes of the store.
  FindingsListCache list_cache_{10'000, 2'000'000};
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::atomic<bool> running_{false};
  std::atomic<bool> stop_requested_{false};
};

}  // namespace xk::serve
