// The enforcement loop in the browser: a finding's case events as a timeline (corrected events
// struck through, attachments linked), the forms for each step (hand over, rectified with files,
// re-check, escalate, close; each may correct an earlier event), and recording a submitted form
// through the same MakeCaseStep and RecordCaseStep as `xunkao case`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "records/store/audit_store.h"
#include "src/cycle/case_recording.h"
#include "src/cycle/case_step_fields.h"
#include "src/serve/sessions.h"

namespace xk::serve {

std::string CaseTimeline(const std::vector<store::CaseEvent>& events);
std::string CaseForms(const std::string& finding_id, const Session& session);

struct UploadedFile {
  std::string filename;  // as the browser sent it; only its last component is kept
  std::string content;
};

// Records one step on one finding with the officer's name: the uploads are written to a private
// temporary folder under their own names, kept by KeepAttachment like `case rectified --attach`,
// and the folder removed. Refused (nothing written) as RecordCaseStep refuses.
CaseStepOutcome RecordFormStep(store::AuditStore& store, const std::string& finding_id, store::CaseEventKind kind,
                               const CaseStepFields& fields, const std::vector<UploadedFile>& uploads,
                               const std::string& officer, const std::string& recorded);

}  // namespace xk::serve
