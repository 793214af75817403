#include "src/cli/document_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>

#include "records/atomic_file.h"
#include "records/audit_config.h"
#include "records/store/audit_store.h"
#include "src/document/document_html.h"
#include "src/document/document_model.h"
#include "src/document/docx_writer.h"
#include "src/document/inspection_documents.h"

namespace xk {

namespace {

namespace fs = std::filesystem;

void PrintError(const std::string& message) { fmt::print(stderr, "xunkao document: {}\n", message); }

}  // namespace

CLI::App* AddDocumentCommand(CLI::App& app, DocumentOptions* options) {
  std::vector<std::string> kinds;
  for (DocumentKind kind : AllDocumentKinds()) kinds.emplace_back(DocumentKindName(kind));
  auto* command = app.add_subcommand(
      "document",
      "写出一个单位的现场执法文书（Word .docx 和可打印的 .html）：现场检查记录、责令限期整改指令书、整改复查意见书");
  command
      ->add_option("KIND", options->kind,
                   "inspection-record 现场检查记录 | rectification-order 责令限期整改指令书 | recheck-opinion "
                   "整改复查意见书")
      ->required()
      ->check(CLI::IsMember(kinds));
  command->add_option("--institution", options->institution, "机构编码（institutions.csv 中的 code）")->required();
  command->add_option("--draw", options->draw,
                      "现场检查记录和责令限期整改指令书的检查人员取自该抽取 (default: 抽中该机构的最近一次抽取；"
                      "没有则留空待手填)");
  command->add_option("--db", options->db, "数据库文件 (default ./xunkao-out/xunkao.db)");
  command->add_option("--archive", options->archive,
                      "档案目录：读 institutions.csv、bureau/inspectors.csv、audit.toml (default: 最近一次审查的档案)");
  command->add_option("--out", options->out, "输出目录：写出 <CODE>-<KIND>.docx 和 <CODE>-<KIND>.html")->required();
  return command;
}

int RunDocumentCommand(const DocumentOptions& options) {
  const std::optional<DocumentKind> kind = ParseDocumentKind(options.kind);
  if (!kind) {
    PrintError(
        fmt::format("未知的文书 {}：应为 inspection-record、rectification-order 或 recheck-opinion "
                    "(unknown document kind)",
                    options.kind));
    return 2;
  }
  if (!fs::exists(options.db)) {
    PrintError(fmt::format("找不到数据库 {}；请先运行 xunkao audit，或用 --db 指定 (no such database {})", options.db,
                           options.db));
    return 2;
  }
  store::AuditStore store(options.db);
  fs::path archive;
  if (!options.archive.empty()) {
    archive = fs::absolute(options.archive);
  } else if (auto run = store.LastCompletedRun()) {
    archive = run->archive;
  } else {
    PrintError(fmt::format(
        "数据库 {} 中没有完成的审查，请用 --archive 指定档案目录 (no completed audit: give --archive)", options.db));
    return 2;
  }
  std::error_code ec;
  if (!fs::is_directory(archive, ec)) {
    PrintError(
        fmt::format("档案目录不存在或不是目录：{} (no such archive folder {})", archive.string(), archive.string()));
    return 2;
  }
  std::vector<LoadIssue> ignored;  // audit.toml's problems leave the defaults, as in the audit
  const AuditPolicy policy = LoadAuditConfig(archive, std::nullopt, &ignored).policy;
  GatheredDocumentData gathered =
      GatherDocumentData(store, DocumentRequest{archive, options.institution, options.draw}, policy);
  if (!gathered.data) {
    PrintError(gathered.error);
    return 2;
  }
  const DocumentData& data = *gathered.data;
  if (!data.draw && *kind != DocumentKind::kRecheckOpinion) {
    PrintError(fmt::format("注意：没有抽中 {} 的抽取，检查人员一栏留空待手填 (no draw has {} as a target)",
                           options.institution, options.institution));
  }

  // Both renderings first, then the two files: a failure leaves neither behind.
  const DocumentLayout layout = BuildDocument(*kind, data);
  const std::string docx = DocxPackage(layout);
  const std::string html = DocumentHtml(layout);
  fs::create_directories(options.out);
  const std::string stem = options.institution + "-" + std::string(DocumentKindName(*kind));
  const fs::path docx_path = fs::absolute(fs::path(options.out) / (stem + ".docx"));
  const fs::path html_path = fs::absolute(fs::path(options.out) / (stem + ".html"));
  WriteFileAtomically(docx_path, docx);
  try {
    WriteFileAtomically(html_path, html);
  } catch (...) {
    fs::remove(docx_path, ec);
    throw;
  }
  fmt::print("{}（Word）：{}\n{}（网页，可打印）：{}\n", DocumentKindZh(*kind), docx_path.string(),
             DocumentKindZh(*kind), html_path.string());
  return 0;
}

}  // namespace xk
