#include "src/cycle/case_step_fields.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include "records/csv/values.h"

namespace xk {

namespace fs = std::filesystem;

std::vector<std::string> SplitInspectorIds(const std::string& text) {
  std::string inspectors = text;
  for (const std::string wide : {"；", "，"}) {
    for (size_t at = inspectors.find(wide); at != std::string::npos; at = inspectors.find(wide, at)) {
      inspectors.replace(at, wide.size(), ";");
    }
  }
  std::vector<std::string> ids;
  for (size_t start = 0; start <= inspectors.size();) {
    size_t end = inspectors.find_first_of(";,", start);
    if (end == std::string::npos) end = inspectors.size();
    std::string id = inspectors.substr(start, end - start);
    if (!id.empty()) ids.push_back(id);
    start = end + 1;
  }
  return ids;
}

CaseStepOrProblem MakeCaseStep(store::CaseEventKind kind, const std::vector<std::string>& finding_ids,
                               const CaseStepFields& fields, const std::vector<fs::path>& attachments) {
  using Kind = store::CaseEventKind;
  auto problem = [](std::string zh) { return CaseStepOrProblem{std::nullopt, std::move(zh)}; };
  auto required = [](const std::string& value) { return !value.empty(); };
  switch (kind) {
    case Kind::kHandover:
      if (!required(fields.to) || !required(fields.doc_no) || !required(fields.deadline))
        return problem("交办须填写交办对象、文书编号和整改期限");
      break;
    case Kind::kRectified:
      if (!required(fields.date) || !required(fields.note)) return problem("报告整改须填写整改完成日期和整改情况");
      break;
    case Kind::kRecheck:
      if (!required(fields.date) || !required(fields.inspectors) ||
          (fields.result != "pass" && fields.result != "fail"))
        return problem("复查须填写复查日期、复查结论（合格或不合格）和复查人员");
      break;
    case Kind::kEscalate:
      if (!required(fields.doc_no)) return problem("立案须填写立案审批表编号");
      break;
    case Kind::kClose:
      if (!required(fields.note)) return problem("结案须填写结案说明");
      break;
  }
  CaseStep step;
  step.finding_ids = finding_ids;
  step.event.kind = kind;
  step.event.corrects = fields.correct;
  if (!fields.deadline.empty()) {
    step.event.deadline = ParseDate(fields.deadline);
    if (!step.event.deadline) return problem("整改期限应为日期 YYYY-MM-DD：" + fields.deadline);
  }
  if (!fields.date.empty()) {
    step.event.event_date = ParseDate(fields.date);
    if (!step.event.event_date) return problem("日期应为 YYYY-MM-DD：" + fields.date);
  }
  step.event.handed_to = fields.to;
  step.event.doc_no = fields.doc_no;
  step.event.note = fields.note;
  if (!fields.result.empty()) step.event.passed = fields.result == "pass";
  step.event.inspectors = SplitInspectorIds(fields.inspectors);
  step.attachments = attachments;
  return {std::move(step), ""};
}

AuditConfig CaseLoopConfig(const std::string& config_path, store::AuditStore& store) {
  std::vector<LoadIssue> issues;
  if (!config_path.empty()) return LoadAuditConfig(fs::path(config_path).parent_path(), fs::path(config_path), &issues);
  if (auto run = store.LastCompletedRun()) return LoadAuditConfig(run->archive, std::nullopt, &issues);
  return AuditConfig{};
}

std::string LoginName() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const passwd* entry = ::getpwuid(::getuid()); entry && entry->pw_name) return entry->pw_name;
  return "unknown";
}

}  // namespace xk
