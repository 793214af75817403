#include "src/cli/document_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>

#include "records/atomic_file.h"
#include "records/store/audit_store.h"
#include "src/document/document_making.h"
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
  const MadeDocument made =
      MakeDocument(store, DocumentWanted{*kind, options.institution, options.draw, options.archive}, options.db);
  if (!made.refused.empty()) {
    PrintError(made.refused);
    return 2;
  }
  if (!made.note.empty()) PrintError(made.note);
  // Both renderings first (MakeDocument), then the two files: a failure leaves neither behind.
  const std::string& docx = made.docx;
  const std::string& html = made.html;
  std::error_code ec;
  fs::create_directories(options.out);
  const std::string& stem = made.stem;
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
