// One enforcement-loop step as an officer gives it, in words (`xunkao case` options, the
// workbench's forms): the dates, document numbers, notes and inspector list as typed, turned into
// the CaseStep that RecordCaseStep stores. Shared so the command line and the browser record the
// same event from the same words; also the settings in force for the loop and the default officer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "records/audit_config.h"
#include "records/store/audit_store.h"
#include "src/cycle/case_recording.h"

namespace xk {

// The fields of a step, as typed. Empty = not given. Dates are YYYY-MM-DD.
struct CaseStepFields {
  std::string deadline;    // handover
  std::string date;        // rectified, recheck
  std::string to;          // handover
  std::string doc_no;      // handover, escalate
  std::string note;        // rectified, close
  std::string result;      // recheck: pass | fail
  std::string inspectors;  // recheck: IDs separated by ; , or their full-width forms
  std::optional<int64_t> correct;
};

// The step of `kind` on `finding_ids`, or why the fields cannot make one (a date that is not one,
// a field the kind requires left empty), in Chinese, with nothing recorded.
struct CaseStepOrProblem {
  std::optional<CaseStep> step;
  std::string problem_zh;
};
CaseStepOrProblem MakeCaseStep(store::CaseEventKind kind, const std::vector<std::string>& finding_ids,
                               const CaseStepFields& fields, const std::vector<std::filesystem::path>& attachments);

// "43040020002；43040020003" -> the two IDs: ; , and their full-width forms separate.
std::vector<std::string> SplitInspectorIds(const std::string& text);

// The loop's settings: `config_path` when given, else the audit.toml of the archive the last
// completed audit read, else the defaults.
AuditConfig CaseLoopConfig(const std::string& config_path, store::AuditStore& store);

// The login name ($USER, else the password database), "unknown" when neither says.
std::string LoginName();

}  // namespace xk
