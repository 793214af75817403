// What `xunkao audit` and `xunkao merge` print on stdout when the run completed: the counts, the
// findings by rule and where the report is (for a shard: what it analysed and what comes next).
#pragma once

#include "src/audit/audit_pipeline.h"

namespace xk {

void PrintAuditOutcome(const AuditOptions& options, const AuditOutcome& outcome);

}  // namespace xk
