#include "src/cycle/case_recording.h"

#include <fmt/format.h>

#include <set>
#include <variant>

#include "src/cycle/case_attachment.h"
#include "src/cycle/case_state.h"

namespace xk {

namespace {

CaseStepOutcome Refuse(std::string zh, std::string en) {
  CaseStepOutcome outcome;
  outcome.refused_zh = std::move(zh);
  outcome.refused_en = std::move(en);
  return outcome;
}

// Why `step` cannot be recorded on `finding_id`, or nullopt.
std::optional<CaseStepOutcome> CheckFinding(store::AuditStore& store, const std::string& finding_id,
                                            const CaseStep& step) {
  if (!store.FindingById(finding_id)) {
    return Refuse(fmt::format("数据库中没有编号为 {} 的问题", finding_id),
                  fmt::format("no finding with id {} in the database", finding_id));
  }
  const std::vector<store::CaseEvent> events = store::CaseEventsOf(store.db(), finding_id);
  if (step.event.corrects) {
    for (const auto& event : events) {
      if (event.id == *step.event.corrects) return std::nullopt;
    }
    return Refuse(fmt::format("问题 {} 没有编号为 {} 的处理记录，无法更正", finding_id, *step.event.corrects),
                  fmt::format("finding {} has no case event {} to correct", finding_id, *step.event.corrects));
  }
  const CaseState state = SummarizeCase(events, Date{}, 0).state;
  if (state == CaseState::kClosed) {
    return Refuse(
        fmt::format("问题 {} 已结案，不能再记录{}；如结案有误，请用 --correct 更正结案记录", finding_id,
                    store::CaseEventKindZh(step.event.kind)),
        fmt::format("finding {} is closed; correct the closing event with --correct if it was wrong", finding_id));
  }
  return std::nullopt;
}

}  // namespace

CaseStepOutcome RecordCaseStep(store::AuditStore& store, const CaseStep& step, const std::string& officer,
                               const std::string& recorded) {
  if (step.finding_ids.empty()) return Refuse("未指定问题编号", "no finding id given");
  if (step.event.corrects && step.finding_ids.size() != 1) {
    return Refuse("--correct 只能用于一个问题", "--correct takes exactly one finding id");
  }
  std::set<std::string> seen;
  for (const auto& id : step.finding_ids) {
    if (!seen.insert(id).second) continue;
    if (auto refused = CheckFinding(store, id, step)) return *refused;
  }
  std::vector<store::CaseAttachment> attachments;
  for (const auto& file : step.attachments) {
    auto kept = KeepAttachment(store.db(), file);
    if (const auto* problem = std::get_if<AttachmentProblem>(&kept)) return Refuse(problem->zh, problem->en);
    attachments.push_back(std::get<store::CaseAttachment>(kept));
  }
  std::vector<store::CaseEvent> events;
  seen.clear();
  for (const auto& id : step.finding_ids) {
    if (!seen.insert(id).second) continue;
    store::CaseEvent event = step.event;
    event.finding_id = id;
    event.officer = officer;
    event.recorded = recorded;
    event.attachments = attachments;
    events.push_back(std::move(event));
  }
  CaseStepOutcome outcome;
  outcome.event_ids = store::AppendCaseEvents(store.db(), events);
  if (step.event.kind == store::CaseEventKind::kRecheck && step.event.inspectors.size() < 2) {
    outcome.warnings_zh.push_back("复查人员少于 2 名（行政处罚法第四十二条：执法人员不得少于两人）");
  }
  return outcome;
}

}  // namespace xk
