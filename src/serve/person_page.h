// A person's chain in the workbench: the classes, sessions with their hours, exams and
// certificates (src/person, read from the archive the last audit read or --archive, kept loaded in
// an ArchiveRecordsCache while it is unchanged), drawn with report.html's own people section so
// both show the same thing, and the findings naming them.
#pragma once

#include <string>

#include "records/audit_config.h"
#include "records/store/audit_store.h"
#include "src/serve/archive_cache.h"

namespace xk::serve {

// The page's body; `archive` "" = the archive of the last completed audit, read through `archives`.
std::string PersonBody(store::AuditStore& store, const std::string& archive, const std::string& person_id,
                       ArchiveRecordsCache& archives);

}  // namespace xk::serve
