// The workbench's draw routes (the table is in workbench_server.cc): the list and the form, a
// draw, its public list as a page and as CSV, its verification. A draw is made by officers only.
#include <fmt/format.h>
#include <httplib.h>

#include <cstdlib>

#include "src/serve/draw_pages.h"
#include "src/serve/http_request.h"
#include "src/serve/http_responses.h"
#include "src/serve/workbench_server.h"
#include "version.h"

namespace xk::serve {

namespace {

int64_t DrawId(const httplib::Request& request) { return std::strtoll(request.matches[1].str().c_str(), nullptr, 10); }

void NoSuchDraw(httplib::Response& response, int64_t id, const Session& session) {
  Refuse(response, 404, "找不到", fmt::format("数据库中没有编号为 {} 的抽取。", id), &session);
}

}  // namespace

void Workbench::DrawList(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  response.set_content(HtmlPage("双随机抽取", DrawsBody(store, *session), &*session), kHtml);
}

void Workbench::MakeDrawForm(const httplib::Request& request, httplib::Response& response) {
  const auto session = AuthorizePost(request, response, /*officer_only=*/true);
  if (!session) return;
  NewDraw draw;
  draw.period = FormValue(request, "period");
  if (const std::string ratio = FormValue(request, "ratio"); !ratio.empty()) draw.ratio = ratio;
  if (const std::string minimum = FormValue(request, "min_targets"); !minimum.empty()) {
    char* end = nullptr;
    const long value = std::strtol(minimum.c_str(), &end, 10);
    if (*end != '\0' || value < 0 || value > 100000)
      return Refuse(response, 400, "未抽取", "至少抽取的个数应为非负整数；未保存任何内容。", &*session);
    draw.min_targets = static_cast<int>(value);
  }
  draw.seed = FormValue(request, "seed");
  draw.archive = options_.archive;
  draw.tool_version = kVersion;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const MadeDraw made = MakeDraw(store, draw);
  if (!made.record) {
    response.status = 400;
    return response.set_content(HtmlPage("未抽取", DrawRefusalBody(made), &*session), kHtml);
  }
  fmt::print(stderr, "xunkao serve: {} made draw {} ({})\n", session->officer, made.record->id, made.record->period);
  SeeOther(response, fmt::format("/draws/{}", made.record->id));
}

void Workbench::OneDraw(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const int64_t id = DrawId(request);
  const auto body = DrawBody(store, id);
  if (!body) return NoSuchDraw(response, id, *session);
  response.set_content(HtmlPage(fmt::format("抽取 {}", id), *body, &*session), kHtml);
}

void Workbench::DrawPublic(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const int64_t id = DrawId(request);
  auto page = DrawPublicHtml(store, id, options_.archive);
  if (!page) return NoSuchDraw(response, id, *session);
  response.set_content(std::move(*page), kHtml);
}

void Workbench::DrawPublicCsvFile(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const int64_t id = DrawId(request);
  auto csv = DrawPublicCsv(store, id, options_.archive);
  if (!csv) return NoSuchDraw(response, id, *session);
  SendDownload(response, std::move(*csv), "text/csv; charset=utf-8", fmt::format("draw-{}.csv", id));
}

void Workbench::DrawVerify(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const int64_t id = DrawId(request);
  const auto body = DrawVerificationBody(store, id, options_.archive);
  if (!body) return NoSuchDraw(response, id, *session);
  response.set_content(HtmlPage(fmt::format("核验抽取 {}", id), *body, &*session), kHtml);
}

}  // namespace xk::serve
