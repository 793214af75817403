#include "src/report/case_table.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "records/text_escape.h"

namespace xk {

namespace {

std::string OptionalDate(const std::optional<Date>& date) { return date ? FormatDate(*date) : ""; }

// The one-line words of an event, e.g. "交办 至 某培训中心 文号 衡应急改〔2026〕3号 期限 2026-12-20".
std::string EventWords(const store::CaseEvent& event) {
  std::string words(store::CaseEventKindZh(event.kind));
  switch (event.kind) {
    case store::CaseEventKind::kHandover:
      words +=
          fmt::format(" 交办给 {}，文号 {}，整改期限 {}", event.handed_to, event.doc_no, OptionalDate(event.deadline));
      break;
    case store::CaseEventKind::kRectified:
      words += fmt::format(" {}：{}", OptionalDate(event.event_date), event.note);
      for (const auto& attachment : event.attachments) {
        words += fmt::format("；附件 {}（{} 字节，SHA-256 {}）", attachment.name, attachment.size, attachment.sha256);
      }
      break;
    case store::CaseEventKind::kRecheck: {
      std::string inspectors;
      for (const auto& id : event.inspectors) inspectors += (inspectors.empty() ? "" : "、") + id;
      words += fmt::format(" {}：{}，复查人员 {}", OptionalDate(event.event_date),
                           event.passed.value_or(false) ? "合格" : "不合格", inspectors);
      break;
    }
    case store::CaseEventKind::kEscalate:
      words += fmt::format(" 文号 {}", event.doc_no);
      break;
    case store::CaseEventKind::kClose:
      words += fmt::format("：{}", event.note);
      break;
  }
  return words;
}

std::string StateCell(const CaseRow& row) {
  std::string state(CaseStateZh(row.summary.state));
  if (row.resolved_by_data) state += "（审查已不再发现）";
  return state;
}

nlohmann::json EventJson(const store::CaseEvent& event) {
  nlohmann::json json = {{"id", event.id},
                         {"kind", std::string(store::CaseEventKindName(event.kind))},
                         {"recorded", event.recorded},
                         {"officer", event.officer}};
  if (event.corrects) json["corrects"] = *event.corrects;
  if (event.event_date) json["date"] = FormatDate(*event.event_date);
  if (event.deadline) json["deadline"] = FormatDate(*event.deadline);
  if (!event.handed_to.empty()) json["to"] = event.handed_to;
  if (!event.doc_no.empty()) json["doc_no"] = event.doc_no;
  if (!event.note.empty()) json["note"] = event.note;
  if (event.passed) json["result"] = *event.passed ? "pass" : "fail";
  if (!event.inspectors.empty()) json["inspectors"] = event.inspectors;
  if (!event.attachments.empty()) {
    json["attachments"] = nlohmann::json::array();
    for (const auto& a : event.attachments) {
      json["attachments"].push_back({{"name", a.name}, {"size", a.size}, {"sha256", a.sha256}});
    }
  }
  return json;
}

}  // namespace

std::string CaseListText(const std::vector<CaseRow>& rows) {
  if (rows.empty()) return "没有符合条件的问题 (no findings match)\n";
  std::string text =
      fmt::format("{:<17} {:<8} {:<28} {:<12} {:<11} {}\n", "问题编号", "机构", "规则", "状态", "整改期限", "逾期");
  for (const auto& row : rows) {
    const Finding& f = row.finding.finding;
    text += fmt::format("{:<17} {:<8} {:<28} {:<12} {:<11} {}\n", row.finding.id, f.institution, f.rule, StateCell(row),
                        OptionalDate(row.summary.deadline), row.summary.overdue ? row.summary.overdue_zh : "");
  }
  text += fmt::format("共 {} 个问题 ({} findings)\n", rows.size(), rows.size());
  return text;
}

std::string CaseListCsv(const std::vector<CaseRow>& rows) {
  std::string csv =
      "finding_id,institution,rule,severity,subject,state,state_zh,resolved_by_data,deadline,recheck_due,overdue,"
      "overdue_reason\n";
  for (const auto& row : rows) {
    const Finding& f = row.finding.finding;
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", row.finding.id, CsvTextCell(f.institution), f.rule,
                       SeverityName(f.severity), CsvTextCell(f.subject), CaseStateName(row.summary.state),
                       CaseStateZh(row.summary.state), row.resolved_by_data ? "yes" : "no",
                       OptionalDate(row.summary.deadline), OptionalDate(row.summary.recheck_due),
                       row.summary.overdue ? "yes" : "no", CsvTextCell(row.summary.overdue_zh));
  }
  return csv;
}

std::string CaseListJson(const std::vector<CaseRow>& rows) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : rows) {
    const Finding& f = row.finding.finding;
    nlohmann::json events = nlohmann::json::array();
    for (const auto& event : row.summary.standing) events.push_back(EventJson(event));
    list.push_back({{"id", row.finding.id},
                    {"institution", f.institution},
                    {"rule", f.rule},
                    {"severity", SeverityName(f.severity)},
                    {"subject", f.subject},
                    {"state", std::string(CaseStateName(row.summary.state))},
                    {"state_zh", std::string(CaseStateZh(row.summary.state))},
                    {"resolved_by_data", row.resolved_by_data},
                    {"overdue", row.summary.overdue},
                    {"overdue_reason", row.summary.overdue_zh},
                    {"deadline", OptionalDate(row.summary.deadline)},
                    {"recheck_due", OptionalDate(row.summary.recheck_due)},
                    {"events", events}});
  }
  return nlohmann::json{{"cases", list}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string CaseShowText(const CaseRow& row, const std::vector<store::CaseEvent>& all_events) {
  const Finding& f = row.finding.finding;
  std::string text =
      fmt::format("问题 {}  {}  {}  机构 {}\n", row.finding.id, f.rule, SeverityName(f.severity), f.institution);
  text += fmt::format("  {}\n", f.summary_zh);
  text += fmt::format("  依据：{}\n", f.basis);
  text += fmt::format("状态：{}", StateCell(row));
  if (row.summary.deadline) text += fmt::format("，整改期限 {}", FormatDate(*row.summary.deadline));
  if (row.summary.recheck_due) text += fmt::format("，应复查日期 {}", FormatDate(*row.summary.recheck_due));
  text += "\n";
  if (row.summary.overdue) text += fmt::format("逾期：{}\n", row.summary.overdue_zh);
  if (all_events.empty()) return text + "尚无处理记录 (no case events)\n";
  std::set<int64_t> standing;
  for (const auto& event : row.summary.standing) standing.insert(event.id);
  text += "处理记录（只增不改；更正以新记录进行）：\n";
  for (const auto& event : all_events) {
    text += fmt::format("  #{} {} {} {}", event.id, event.recorded, event.officer, EventWords(event));
    if (event.corrects) text += fmt::format("（更正 #{}）", *event.corrects);
    if (!standing.count(event.id)) text += "（已被更正）";
    text += "\n";
  }
  return text;
}

}  // namespace xk
