// `xunkao document KIND --institution CODE [--draw ID] [--db FILE] [--archive DIR] --out DIR`
// (cycle.md "xunkao document"): one of the inspection cycle's on-site documents for one unit,
// written as OUT/<CODE>-<KIND>.docx and OUT/<CODE>-<KIND>.html; both paths are printed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace xk {

struct DocumentOptions {
  std::string kind;  // inspection-record | rectification-order | recheck-opinion
  std::string institution;
  std::optional<int64_t> draw;  // default: the latest draw that has the institution as a target
  std::string db = "xunkao-out/xunkao.db";
  std::string archive;  // default: the archive of the last completed audit
  std::string out;
};

// Adds the subcommand `document` with its options (bound to `options`) to `app`.
CLI::App* AddDocumentCommand(CLI::App& app, DocumentOptions* options);

// 0 both files written; 2 a missing input (no database, no archive or institutions.csv, an
// institution it does not list, an unknown draw or one without the institution), nothing written.
// Throws std::runtime_error when a file cannot be written (the command table makes that exit 3);
// then neither file is left behind.
int RunDocumentCommand(const DocumentOptions& options);

}  // namespace xk
