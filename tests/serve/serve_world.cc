#include "tests/serve/serve_world.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "records/store/audit_store.h"
#include "src/serve/officer_accounts.h"

namespace xk::serve {

namespace fs = std::filesystem;

ServeWorld::ServeWorld() {
  std::string folder_template = (fs::path(::testing::TempDir()) / "xunkao-serve-XXXXXX").string();
  if (!::mkdtemp(folder_template.data())) throw std::runtime_error("mkdtemp failed");
  folder_ = folder_template;
  fs::create_directories(fs::path(archive()) / "bureau");
  std::ofstream(fs::path(archive()) / "institutions.csv")
      << "code,name,kind\nPX01," << kPlainName << ",training\nPX02,\"" << kScriptPayload
      << "培训\",training\nPX03,衡阳县培训中心,training\n";
  std::ofstream(fs::path(archive()) / "bureau" / "inspectors.csv")
      << "inspector_id,name,cert_no,unit,recuse,active\n"
      << "430401198001010011,王明,JZ-0011,市应急管理局,,yes\n"
      << "430401198001010022,李华,JZ-0022,市应急管理局,,yes\n"
      << "430401198001010033,赵强,JZ-0033,雁峰区应急管理局,,yes\n";
  store::AuditStore store(db());
  const int64_t run = store.BeginRun("2026-11-28T02:00:00+08:00", archive(), "{}");
  store::RunResults results;
  Finding plain;
  plain.rule = "TRN-HOURS-SHORT";
  plain.severity = Severity::kHigh;
  plain.institution = "PX01";
  plain.subject = "C01";
  plain.class_id = "C01";
  plain.summary_zh = "班级 C01 实际学时 32 学时，少于要求的 48 学时";
  plain.basis = "《安全生产培训管理办法》";
  plain.measured = 32;
  plain.required = 48;
  plain.unit = "学时";
  plain.people = {"430402199001010011"};
  Finding hostile;
  hostile.rule = "EXM-VIDEO-GAP";
  hostile.severity = Severity::kMedium;
  hostile.institution = kScriptPayload;
  hostile.subject = kImagePayload;
  hostile.summary_zh = std::string("录像中断 \"><svg onload=alert(2)> ") + kScriptPayload;
  hostile.basis = kImagePayload;
  hostile.people = {kScriptPayload};
  hostile.evidence = {{kImagePayload, "", kScriptPayload}};
  results.findings = {plain, hostile};
  results.audited = {{"PX01", "2026H2"}, {kScriptPayload, "2026H2"}};
  results.finished = "2026-11-28T02:01:00+08:00";
  store.CompleteRun(run, results, TimeZone{});
  plain_id_ = plain.Id();
  hostile_id_ = hostile.Id();
}

ServeWorld::~ServeWorld() {
  Stop();
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

void ServeWorld::Start(WorkbenchOptions options) {
  options.db = db();
  options.listen = {"127.0.0.1", 0};
  if (options.local_officer.empty()) options.local_officer = "本机科员";
  workbench_ = std::make_unique<Workbench>(options);
  const Status opened = workbench_->Open();
  ASSERT_TRUE(opened.ok()) << opened.message;
  server_thread_ = std::thread([this] { workbench_->Run(); });
  // No wait: Open() bound and listens, so a connection made now queues until Run() answers it.
}

void ServeWorld::StartWithAccounts() {
  const std::string users = (folder_ / "users").string();
  ASSERT_TRUE(AddOfficerAccount(users, "zhaolei", Role::kOfficer, "correct horse").ok());
  ASSERT_TRUE(AddOfficerAccount(users, "lili", Role::kViewer, "battery staple").ok());
  WorkbenchOptions options;
  options.users_file = users;
  Start(options);
}

void ServeWorld::Stop() {
  if (workbench_) workbench_->Stop();
  if (server_thread_.joinable()) server_thread_.join();
}

void Browser::Remember(const httplib::Result& result) {
  if (!result || !result->has_header("Set-Cookie")) return;
  const std::string cookie = result->get_header_value("Set-Cookie");
  cookie_ = cookie.substr(0, cookie.find(';'));
}

httplib::Headers Browser::CookieHeaders() const {
  if (cookie_.empty()) return {};
  return {{"Cookie", cookie_}};
}

httplib::Result Browser::Get(const std::string& path) {
  auto result = client_.Get(path, CookieHeaders());
  Remember(result);
  return result;
}

httplib::Result Browser::Post(const std::string& path, const httplib::Params& fields) {
  auto result = client_.Post(path, CookieHeaders(), fields);
  Remember(result);
  return result;
}

httplib::Result Browser::PostMultipart(const std::string& path, const httplib::MultipartFormDataItems& items) {
  auto result = client_.Post(path, CookieHeaders(), items);
  Remember(result);
  return result;
}

std::string Browser::CsrfToken(const std::string& path) {
  auto page = Get(path);
  if (!page) return "";
  const std::string marker = "name=\"csrf\" value=\"";
  const size_t at = page->body.find(marker);
  if (at == std::string::npos) return "";
  return page->body.substr(at + marker.size(), 64);
}

httplib::Result Browser::Login(const std::string& name, const std::string& password) {
  const std::string token = CsrfToken("/login");
  return Post("/login", {{"name", name}, {"password", password}, {"csrf", token}});
}

}  // namespace xk::serve
