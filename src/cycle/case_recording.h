// Recording one `xunkao case` step on one or more findings: checks that every finding exists,
// that a correction names an event of its finding, that a closed case takes no new step, keeps
// the attachments, then appends all the events in one transaction. Nothing is written unless
// everything checks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "records/store/audit_store.h"
#include "records/store/case_store.h"

namespace xk {

struct CaseStep {
  std::vector<std::string> finding_ids;
  store::CaseEvent event;  // kind and the fields of that kind; finding_id, recorded, officer set here
  std::vector<std::filesystem::path> attachments;
};

struct CaseStepOutcome {
  std::vector<int64_t> event_ids;  // empty when refused
  std::string refused_zh;          // why nothing was written ("" when written)
  std::string refused_en;
  std::vector<std::string> warnings_zh;  // written, but worth a look (e.g. a re-check by one officer)
};

CaseStepOutcome RecordCaseStep(store::AuditStore& store, const CaseStep& step, const std::string& officer,
                               const std::string& recorded);

}  // namespace xk
