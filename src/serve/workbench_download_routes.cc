// The workbench's routes for files made on request (the table is in workbench_server.cc): the three
// on-site documents of a unit (MakeDocument, as `xunkao document`; any logged-in user) and the
// evidence packet of a finding or of an institution's open findings (BuildPacket, as `xunkao
// packet --finding` or `--institution [--period]`; officers only, since the store records every
// packet), written into the folder beside the store and downloaded by the name the
// DownloadTable gave them.
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <cstdlib>

#include "records/atomic_file.h"
#include "records/audit_config.h"
#include "src/document/document_making.h"
#include "src/packet/packet_builder.h"
#include "src/serve/document_pages.h"
#include "src/serve/http_request.h"
#include "src/serve/http_responses.h"
#include "src/serve/workbench_server.h"

namespace xk::serve {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

}  // namespace

void Workbench::Documents(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  const std::string institution = request.get_param_value("institution");
  response.set_content(HtmlPage("现场执法文书", DocumentsBody(institution, *session), &*session), kHtml);
}

void Workbench::MakeDocumentForm(const httplib::Request& request, httplib::Response& response) {
  const auto session = AuthorizePost(request, response, /*officer_only=*/false);
  if (!session) return;
  DocumentWanted wanted;
  const auto kind = ParseDocumentKind(FormValue(request, "kind"));
  if (!kind) return Refuse(response, 400, "未生成", "未知的文书种类。", &*session);
  wanted.kind = *kind;
  wanted.institution = FormValue(request, "institution");
  if (const std::string draw = FormValue(request, "draw"); !draw.empty()) {
    char* end = nullptr;
    const long long id = std::strtoll(draw.c_str(), &end, 10);
    if (*end != '\0' || id <= 0) return Refuse(response, 400, "未生成", "抽取编号应为正整数。", &*session);
    wanted.draw = id;
  }
  wanted.archive = options_.archive;
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  const MadeDocument made = MakeDocument(store, wanted, options_.db);
  if (!made.refused.empty()) return Refuse(response, 400, "未生成", made.refused, &*session);
  std::string name;
  const fs::path folder = downloads_->NewFolder(&name);
  WriteFileAtomically(folder / "document.docx", made.docx);
  WriteFileAtomically(folder / "document.html", made.html);
  const std::string docx = downloads_->Add(name, "docx", {folder / "document.docx", made.stem + ".docx", kDocx});
  const std::string html = downloads_->Add(name, "html", {folder / "document.html", made.stem + ".html", kHtml});
  const std::string title(DocumentKindZh(*kind));
  response.set_content(
      HtmlPage(title + " 已生成",
               MadeFilesBody({{title + "（Word .docx）", docx}, {title + "（网页，可打印）", html}}, made.note,
                             "/documents?institution=" + UrlEncode(wanted.institution), "回到文书"),
               &*session),
      kHtml);
}

void Workbench::MakePacketForm(const httplib::Request& request, httplib::Response& response) {
  const auto session = AuthorizePost(request, response, /*officer_only=*/true);
  if (!session) return;
  PacketRequest packet;
  packet.zip = true;
  std::string back_href, back_label;
  if (request.matches.size() > 1) {  // /findings/ID/packet: that finding
    const std::string id = request.matches[1];
    packet.finding_ids = {id};
    back_href = "/findings/" + UrlEncode(id);
    back_label = "回到问题 " + id;
  } else {  // /packets: the open findings of an institution, of a half-year when given
    const std::string institution = FormValue(request, "institution");
    if (institution.empty()) return Refuse(response, 400, "未生成", "请给出机构编码。", &*session);
    packet.institution = institution;
    if (const std::string period = FormValue(request, "period"); !period.empty()) packet.period = period;
    back_href = "/documents?institution=" + UrlEncode(institution);
    back_label = "回到 " + institution;
  }
  StorePool::Lease lease = stores_->Borrow();
  store::AuditStore& store = *lease;
  packet.archive_root = ArchiveFolder(store);
  if (packet.archive_root.empty()) {
    return Refuse(response, 400, "未生成", "数据库中没有完成的审查，请用 --archive 指定档案目录后重新启动工作台。",
                  &*session);
  }
  std::vector<LoadIssue> ignored;
  packet.zone = LoadAuditConfig(packet.archive_root, std::nullopt, &ignored).policy.zone;
  std::string name;
  packet.out_dir = downloads_->NewFolder(&name);
  const PacketResult result = BuildPacket(store, packet);
  if (!result.status.ok() || !result.zip) {
    std::error_code ignored_error;
    fs::remove_all(packet.out_dir, ignored_error);
    return Refuse(response, result.status.ok() ? 500 : 400, "未生成", result.status.message, &*session);
  }
  const std::string zip = downloads_->Add(name, "", {*result.zip, result.zip->filename().string(), "application/zip"});
  fmt::print(stderr, "xunkao serve: {} made the evidence packet {}\n", session->officer, result.bag.string());
  response.set_content(HtmlPage("证据包已生成",
                                MadeFilesBody({{"证据包 " + result.zip->filename().string() +
                                                    fmt::format("（{} 个问题）", result.finding_ids.size()),
                                                zip}},
                                              "", back_href, back_label) +
                                    ClipPlayers(name, result.bag),
                                &*session),
                       kHtml);
}

std::string Workbench::ClipPlayers(const std::string& name, const fs::path& bag) {
  // The packet's clips (stream-copied from the recordings, data/clips in the bag) in players on
  // the page, each reachable by a name this server gives, like the packet itself.
  std::vector<fs::path> clips;
  std::error_code ec;
  for (fs::directory_iterator it(bag / "data" / "clips", ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".mp4") clips.push_back(it->path());
  }
  std::sort(clips.begin(), clips.end());
  if (clips.size() > kMaxClipPlayers) clips.resize(kMaxClipPlayers);
  std::string h;
  for (size_t i = 0; i < clips.size(); ++i) {
    const std::string suffix = "clip" + std::string(1, static_cast<char>('a' + i));
    const std::string link = downloads_->Add(name, suffix, {clips[i], clips[i].filename().string(), "video/mp4"});
    h += fmt::format(
        "<figure><video controls preload=\"metadata\" width=\"480\" src=\"/downloads/{0}\"></video>"
        "<figcaption>{1}</figcaption></figure>",
        HtmlEscape(link), HtmlEscape(clips[i].filename().string()));
  }
  return h.empty() ? "" : "<h2>录像片段</h2>" + h;
}

void Workbench::Download(const httplib::Request& request, httplib::Response& response) {
  const auto session = Authenticate(request, response);
  if (!session) return;
  // Only a name this server gave out: no path from the request reaches the disk.
  const auto download = downloads_->Find(request.matches[1]);
  std::error_code ec;
  if (!download || !fs::is_regular_file(download->file, ec))
    return Refuse(response, 404, "找不到", "没有这个文件（工作台重新启动后，请重新生成）。", &*session);
  SendFile(response, download->file, download->content_type.c_str(), download->name);
}

}  // namespace xk::serve
