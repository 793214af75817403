// One on-site document of a unit, made from the store and the archive: what `xunkao document`
// writes to its folder and the workbench hands out to download, from the same data
// (GatherDocumentData), the same layout (BuildDocument) and the same renderers (.docx and .html).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "records/store/audit_store.h"
#include "src/document/inspection_documents.h"

namespace xk {

struct DocumentWanted {
  DocumentKind kind = DocumentKind::kInspectionRecord;
  std::string institution;
  std::optional<int64_t> draw;    // default: the latest draw that has the institution as a target
  std::filesystem::path archive;  // "" = the archive of the last completed audit
};

struct MadeDocument {
  std::string refused;  // why there is no document (Chinese, the English in brackets); "" when made
  std::string note;     // made, but with something to say (no draw: inspectors left blank)
  std::string docx;     // the Word file's bytes
  std::string html;     // the printable page
  std::string stem;     // "<CODE>-<KIND>", the files' name without extension
};

// Reads, writes nothing. `db_path` only names the database in a refusal.
MadeDocument MakeDocument(store::AuditStore& store, const DocumentWanted& wanted, const std::string& db_path);

}  // namespace xk
