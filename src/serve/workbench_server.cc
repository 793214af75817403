#include "src/serve/workbench_server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <thread>
#include <utility>

#include "records/store/audit_store.h"
#include "records/store/case_store.h"
#include "src/cycle/case_step_fields.h"
#include "src/serve/case_forms.h"
#include "src/serve/dashboard_page.h"
#include "src/serve/findings_page.h"
#include "src/serve/html_page.h"
#include "src/serve/http_request.h"
#include "src/serve/http_responses.h"
#include "src/serve/person_page.h"

namespace xk::serve {

namespace fs = std::filesystem;

namespace {

// Threads answering requests (one for each browser's keep-alive connection), and connections to
// the store they share (a few cores' worth: the rest wait their turn for one).
constexpr size_t kRequestThreads = 64;
constexpr size_t kStoreConnections = 8;

// The case-step form's text fields (src/serve/case_forms.cc names them), in CaseStepFields.
constexpr std::array<std::pair<const char*, std::string CaseStepFields::*>, 7> kCaseStepTexts = {{
    {"deadline", &CaseStepFields::deadline},
    {"date", &CaseStepFields::date},
    {"to", &CaseStepFields::to},
    {"doc_no", &CaseStepFields::doc_no},
    {"note", &CaseStepFields::note},
    {"result", &CaseStepFields::result},
    {"inspectors", &CaseStepFields::inspectors},
}};

Date Today(const AuditConfig& config) { return LocalDate(CurrentInstant(), config.policy.zone); }

}  // namespace

// The routes table: every page and form the workbench answers, in one place.
struct Workbench::Route {
  const char* method;   // GET | POST
  const char* pattern;  // cpp-httplib's regular expression over the path
  void (Workbench::*handler)(const httplib::Request&, httplib::Response&);
};

Workbench::Workbench(WorkbenchOptions options) : options_(std::move(options)) {}
Workbench::~Workbench() = default;

void Workbench::AddRoutes() {
  static const Route kRoutes[] = {
      {"GET", "/", &Workbench::Dashboard},
      {"GET", "/findings", &Workbench::FindingsList},
      {"GET", "/findings/([0-9A-Za-z]+)", &Workbench::OneFinding},
      {"POST", "/findings/([0-9A-Za-z]+)/case/(handover|rectified|recheck|escalate|close)", &Workbench::RecordCase},
      {"GET", "/people/([^/]+)", &Workbench::Person},
      {"GET", "/documents", &Workbench::Documents},
      {"POST", "/documents", &Workbench::MakeDocumentForm},
      {"POST", "/findings/([0-9A-Za-z]+)/packet", &Workbench::MakePacketForm},
      {"POST", "/packets", &Workbench::MakePacketForm},
      {"GET", "/downloads/([0-9a-f]{64}(?:-[a-z]+)?)", &Workbench::Download},
      {"GET", "/draws", &Workbench::DrawList},
      {"POST", "/draws", &Workbench::MakeDrawForm},
      {"GET", "/draws/([0-9]{1,18})", &Workbench::OneDraw},
      {"GET", "/draws/([0-9]{1,18})/public", &Workbench::DrawPublic},
      {"GET", "/draws/([0-9]{1,18})/public\\.csv", &Workbench::DrawPublicCsvFile},
      {"GET", "/draws/([0-9]{1,18})/verify", &Workbench::DrawVerify},
      {"GET", "/attachments/([0-9a-f]{64})", &Workbench::Attachment},
      {"GET", "/login", &Workbench::LoginForm},
      {"POST", "/login", &Workbench::Login},
      {"POST", "/logout", &Workbench::Logout},
  };
  for (const Route& route : kRoutes) {
    auto handler = [this, member = route.handler](const httplib::Request& request, httplib::Response& response) {
      (this->*member)(request, response);
    };
    if (std::string_view(route.method) == "GET") {
      server_->Get(route.pattern, handler);
    } else {
      server_->Post(route.pattern, handler);
    }
  }
}

Status Workbench::Open() {
  if (std::string refusal = ListenRefusal(options_.listen, !options_.users_file.empty()); !refusal.empty())
    return Status::Usage(refusal);
  if (!options_.users_file.empty()) {
    if (Status loaded = LoadOfficerAccounts(options_.users_file, &accounts_); !loaded.ok()) return loaded;
    if (accounts_.empty()) return Status::Usage("账号文件 " + options_.users_file + " 中没有账号");
  }
  if (!fs::exists(options_.db))
    return Status::Usage("找不到数据库 " + options_.db + "；请先运行 xunkao audit，或用 --db 指定");
  stores_ = std::make_unique<StorePool>(options_.db, kStoreConnections);
  stores_->Borrow();  // opens and migrates once, so a bad file is said now, not per page
  if (options_.local_officer.empty()) options_.local_officer = LoginName();
  downloads_ = std::make_unique<DownloadTable>(DownloadTable::FolderBeside(options_.db));
  media_ = std::make_unique<FindingMediaShelf>(FindingMediaShelf::FolderBeside(options_.db), downloads_.get());
  if (options_.cert_file.empty() != options_.key_file.empty())
    return Status::Usage("HTTPS 需要同时给出 --cert 和 --key");
  if (https()) {
    server_ = std::make_unique<httplib::SSLServer>(options_.cert_file.c_str(), options_.key_file.c_str());
    if (!server_->is_valid())
      return Status::Usage("无法读取证书或私钥：" + options_.cert_file + "、" + options_.key_file);
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  server_->set_payload_max_length(options_.max_upload_bytes);
  // A thread for every browser keeping its connection open (keep-alive holds a thread while it
  // waits for the next request): with httplib's default of 8, the ninth officer waited until
  // someone else's connection closed.
  server_->new_task_queue = [] { return new httplib::ThreadPool(kRequestThreads); };
  // A response goes out as headers then body: without TCP_NODELAY the body waits for the
  // browser's delayed acknowledgement (40 ms a page).
  server_->set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second workbench would
  // share a port already served instead of being refused.
  server_->set_socket_options([](int socket) {
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server_->set_default_headers({
      {"Content-Security-Policy",
       "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; media-src "
       "'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
  });
  server_->set_error_handler([this](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    if (response.status == 413) {
      response.set_content(
          MessagePage("上传过大",
                      fmt::format("上传的内容超过 {} MiB 上限，未写入任何记录。", options_.max_upload_bytes >> 20),
                      nullptr),
          kHtml);
    } else if (response.status == 404) {
      response.set_content(MessagePage("找不到", "没有这个页面或文件。", nullptr), kHtml);
    }
  });
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
    std::string what = "未知错误";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    }
    fmt::print(stderr, "xunkao serve: {}\n", what);
    Refuse(response, 503, "暂时无法完成", "数据库暂时无法读写（可能正在审查），请稍后重试；未写入任何记录。", nullptr);
  });
  server_->set_logger([](const httplib::Request& request, const httplib::Response& response) {
    fmt::print(stderr, "xunkao serve: {} {} {} {}\n", request.remote_addr, request.method, request.path,
               response.status);
  });
  AddRoutes();
  if (options_.listen.port == 0) {
    port_ = server_->bind_to_any_port(options_.listen.host);
  } else if (server_->bind_to_port(options_.listen.host, options_.listen.port)) {
    port_ = options_.listen.port;
  }
  if (port_ <= 0)
    return Status::CannotComplete(
        fmt::format("无法在 {}:{} 上监听（端口被占用或地址不属于本机）", options_.listen.host, options_.listen.port));
  return Status::Ok();
}

bool Workbench::Run() {
  running_ = true;
  const bool answered = stop_requested_ || server_->listen_after_bind();
  running_ = false;
  return answered;
}

void Workbench::Stop() {
  stop_requested_ = true;
  // httplib's stop() does nothing until listen_after_bind() has started: repeat until Run() returns.
  while (server_ && running_) {
    server_->stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::optional<Session> Workbench::Authenticate(const httplib::Request& request, httplib::Response& response) {
  const std::string id = SessionIdFromCookies(request.get_header_value("Cookie"));
  if (auto session = sessions_.Find(id)) return session;
  if (!accounts_.empty()) {
    SeeOther(response, "/login");
    return std::nullopt;
  }
  // No accounts: whoever reaches the loopback address is the officer logged in to this machine.
  Session session = sessions_.Create(options_.local_officer, Role::kOfficer);
  response.set_header("Set-Cookie", SessionCookie(session.id, https()));
  return session;
}

std::optional<Session> Workbench::AuthorizePost(const httplib::Request& request, httplib::Response& response,
                                                bool officer_only) {
  const auto session = sessions_.Find(SessionIdFromCookies(request.get_header_value("Cookie")));
  const std::string token = FormValue(request, "csrf");
  if (!session || token.empty() || token != session->csrf_token) {
    Refuse(response, 403, "已拒绝",
           "表单已过期或不是从本工作台提交的（CSRF 校验失败），未写入任何记录；请刷新页面后重试。", nullptr);
    return std::nullopt;
  }
  if (officer_only && session->role != Role::kOfficer) {
    Refuse(response, 403, "已拒绝", "只读账号不能记录处理，未写入任何记录。", &*session);
    return std::nullopt;
  }
  return session;
}

void Workbench::Dashboard(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const AuditConfig config = CaseLoopConfig("", store);
  const int year = request.has_param("year") ? std::atoi(request.get_param_value("year").c_str()) : 0;
  // The institutions' names when --archive is given.
  const std::vector<Institution> institutions = ArchiveInstitutions(options_.archive);
  response.set_content(HtmlPage("检查总览", DashboardBody(store, config, year, Today(config), institutions), &*session),
                       kHtml);
}

void Workbench::FindingsList(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const AuditConfig config = CaseLoopConfig("", store);
  response.set_content(
      HtmlPage("问题", FindingsListBody(store, QueryMap(request), config, Today(config), list_cache_), &*session),
      kHtml);
}

void Workbench::OneFinding(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const AuditConfig config = CaseLoopConfig("", store);
  const std::string id = request.matches[1];
  const auto body = FindingBody(store, id, config, Today(config), *session, [&](const store::StoredFinding& stored) {
    return FindingMediaHtml(media_->MediaOf(store, stored, ArchiveFolder(store)));
  });
  if (!body) return Refuse(response, 404, "找不到", "数据库中没有编号为 " + id + " 的问题。", &*session);
  response.set_content(HtmlPage("问题 " + id, *body, &*session), kHtml);
}

void Workbench::RecordCase(const httplib::Request& request, httplib::Response& response) {
  const auto session = AuthorizePost(request, response, /*officer_only=*/true);
  if (!session) return;
  const std::string id = request.matches[1];
  const auto kind = store::ParseCaseEventKind(std::string(request.matches[2]));
  CaseStepFields fields;
  for (const auto& [name, member] : kCaseStepTexts) fields.*member = FormValue(request, name);
  if (const std::string correct = FormValue(request, "correct"); !correct.empty()) {
    char* end = nullptr;
    const long long event_id = std::strtoll(correct.c_str(), &end, 10);
    if (*end != '\0' || event_id <= 0)
      return Refuse(response, 400, "未记录", "更正记录编号应为正整数，未写入任何记录。", &*session);
    fields.correct = event_id;
  }
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const AuditConfig config = CaseLoopConfig("", store);
  const std::string recorded = FormatInstant(CurrentInstant(), config.policy.zone);
  const CaseStepOutcome outcome =
      RecordFormStep(store, id, *kind, fields, UploadedFiles(request, "attach"), session->officer, recorded);
  if (outcome.event_ids.empty())
    return Refuse(response, 400, "未记录", outcome.refused_zh + "；未写入任何记录。", &*session);
  SeeOther(response, "/findings/" + UrlEncode(id));
}

void Workbench::Person(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const std::string id = request.matches[1];
  response.set_content(HtmlPage("人员 " + id, PersonBody(store, options_.archive, id, archives_), &*session), kHtml);
}

std::string Workbench::ArchiveFolder(store::AuditStore& store) const {
  if (!options_.archive.empty()) return options_.archive;
  const auto run = store.LastCompletedRun();
  return run ? run->archive : "";
}

void Workbench::Attachment(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  // Only a file an event names, found by its hash: no path from the request reaches the disk.
  const auto attachment = store::AttachmentBySha256(store.db(), request.matches[1]);
  const fs::path path = attachment ? store::AttachmentPath(store.db(), attachment->sha256) : "";
  std::error_code ec;
  if (!attachment || !fs::is_regular_file(path, ec))
    return Refuse(response, 404, "找不到", "数据库没有记载这个附件。", &*session);
  SendFile(response, path, "application/octet-stream", attachment->name);
}

void Workbench::LoginForm(const httplib::Request& request, httplib::Response& response) {
  // Logged in already (or no accounts): the login form's cookie would replace the session's.
  if (accounts_.empty() || sessions_.Find(SessionIdFromCookies(request.get_header_value("Cookie"))))
    return SeeOther(response, "/");
  const Session form = login_forms_.Create("", Role::kViewer);
  response.set_header("Set-Cookie", SessionCookie(form.id, https()));
  response.set_content(HtmlPage("登录",
                                "<form method=\"post\" action=\"/login\">" + CsrfField(form) +
                                    "<label>账号 <input name=\"name\"></label> "
                                    "<label>密码 <input type=\"password\" name=\"password\"></label> "
                                    "<button>登录</button></form>",
                                nullptr),
                       kHtml);
}

void Workbench::Login(const httplib::Request& request, httplib::Response& response) {
  if (accounts_.empty()) return SeeOther(response, "/");
  const auto now = Clock::now();
  if (!throttle_.Allowed(request.remote_addr, now)) {
    return Refuse(response, 429, "请稍后再试",
                  fmt::format("登录失败次数过多，请 {} 分钟后再试。", LoginThrottle::kWindow.count()), nullptr);
  }
  // The token of a login form this server gave this browser: a login forged from another site
  // (which would log the officer in to the forger's account) carries none.
  const auto form = login_forms_.Find(SessionIdFromCookies(request.get_header_value("Cookie")));
  const std::string token = FormValue(request, "csrf");
  if (!form || token.empty() || token != form->csrf_token) {
    return Refuse(response, 403, "已拒绝", "登录表单已过期或不是从本工作台提交的（CSRF 校验失败）；请重新打开登录页。",
                  nullptr);
  }
  const std::string name = FormValue(request, "name");
  const std::string password = FormValue(request, "password");
  for (const OfficerAccount& account : accounts_) {
    if (account.name != name || !PasswordMatches(account, password)) continue;
    throttle_.RecordSuccess(request.remote_addr);
    login_forms_.Remove(form->id);
    const Session session = sessions_.Create(account.name, account.role);
    response.set_header("Set-Cookie", SessionCookie(session.id, https()));
    return SeeOther(response, "/");
  }
  throttle_.RecordFailure(request.remote_addr, now);
  Refuse(response, 401, "登录失败", "账号或密码不对。", nullptr);
}

void Workbench::Logout(const httplib::Request& request, httplib::Response& response) {
  const auto session = AuthorizePost(request, response, /*officer_only=*/false);
  if (!session) return;
  sessions_.Remove(session->id);
  response.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  SeeOther(response, accounts_.empty() ? "/" : "/login");
}

}  // namespace xk::serve
