// What the workbench tests share: a real SQLite store in a temporary folder with a run and a few
// findings (one of them carrying XSS payloads as an archive could), the archive that run read
// (institutions.csv with a hostile name, bureau/inspectors.csv), an in-process workbench on an
// ephemeral loopback port, and a client that keeps the session cookie and reads CSRF tokens.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "src/serve/workbench_server.h"

namespace xk::serve {

inline constexpr const char* kScriptPayload = "<script>alert('xk')</script>";
inline constexpr const char* kImagePayload = "<img src=x onerror=alert(1)>";
// The archive's institutions: PX01 衡阳市安全技术培训学校, PX02 with kScriptPayload in its name, PX03.
inline constexpr const char* kPlainName = "衡阳市安全技术培训学校";

class ServeWorld {
 public:
  ServeWorld();  // the store only; Start() runs the workbench
  ~ServeWorld();

  // Runs the workbench with these options (db filled in) on 127.0.0.1, port 0.
  void Start(WorkbenchOptions options = {});
  // Start() with a users file of two accounts: officer zhaolei ("correct horse") and viewer lili
  // ("battery staple"), for the tests of who may do what.
  void StartWithAccounts();
  void Stop();

  const std::filesystem::path& folder() const { return folder_; }
  std::string db() const { return (folder_ / "xunkao.db").string(); }
  std::string archive() const { return (folder_ / "archive").string(); }  // the run's archive
  const std::string& plain_id() const { return plain_id_; }               // PX01, a short class
  const std::string& hostile_id() const { return hostile_id_; }           // payloads in every text
  int port() const { return workbench_->port(); }
  const Workbench& workbench() const { return *workbench_; }

 private:
  std::filesystem::path folder_;
  std::string plain_id_, hostile_id_;
  std::unique_ptr<Workbench> workbench_;
  std::thread server_thread_;
};

// A browser, as far as the tests need one: keeps the session cookie.
class Browser {
 public:
  // Waits up to a minute for an answer: a login's 200,000 PBKDF2 iterations under the sanitizers on
  // a loaded machine took longer than cpp-httplib's default of 5 s.
  explicit Browser(int port) : client_("127.0.0.1", port) { client_.set_read_timeout(60, 0); }

  httplib::Result Get(const std::string& path);
  // A url-encoded form.
  httplib::Result Post(const std::string& path, const httplib::Params& fields);
  httplib::Result PostMultipart(const std::string& path, const httplib::MultipartFormDataItems& items);
  // The CSRF token of the forms on the page at `path` ("" when none).
  std::string CsrfToken(const std::string& path);
  // Opens the login page and sends its form, token included, as a browser does.
  httplib::Result Login(const std::string& name, const std::string& password);

 private:
  void Remember(const httplib::Result& result);
  httplib::Headers CookieHeaders() const;

  httplib::Client client_;
  std::string cookie_;
};

}  // namespace xk::serve
