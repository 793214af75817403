#include "src/document/document_making.h"

#include <fmt/format.h>

#include "records/audit_config.h"
#include "src/document/document_html.h"
#include "src/document/document_model.h"
#include "src/document/docx_writer.h"

namespace xk {

namespace fs = std::filesystem;

MadeDocument MakeDocument(store::AuditStore& store, const DocumentWanted& wanted, const std::string& db_path) {
  MadeDocument made;
  fs::path archive;
  if (!wanted.archive.empty()) {
    archive = fs::absolute(wanted.archive);
  } else if (auto run = store.LastCompletedRun()) {
    archive = run->archive;
  } else {
    made.refused = fmt::format(
        "数据库 {} 中没有完成的审查，请用 --archive 指定档案目录 (no completed audit: give --archive)", db_path);
    return made;
  }
  std::error_code ec;
  if (!fs::is_directory(archive, ec)) {
    made.refused =
        fmt::format("档案目录不存在或不是目录：{} (no such archive folder {})", archive.string(), archive.string());
    return made;
  }
  std::vector<LoadIssue> ignored;  // audit.toml's problems leave the defaults, as in the audit
  const AuditPolicy policy = LoadAuditConfig(archive, std::nullopt, &ignored).policy;
  GatheredDocumentData gathered =
      GatherDocumentData(store, DocumentRequest{archive, wanted.institution, wanted.draw}, policy);
  if (!gathered.data) {
    made.refused = gathered.error;
    return made;
  }
  const DocumentData& data = *gathered.data;
  if (!data.draw && wanted.kind != DocumentKind::kRecheckOpinion) {
    made.note = fmt::format("注意：没有抽中 {} 的抽取，检查人员一栏留空待手填 (no draw has {} as a target)",
                            wanted.institution, wanted.institution);
  }
  const DocumentLayout layout = BuildDocument(wanted.kind, data);
  made.docx = DocxPackage(layout);
  made.html = DocumentHtml(layout);
  made.stem = wanted.institution + "-" + std::string(DocumentKindName(wanted.kind));
  return made;
}

}  // namespace xk
