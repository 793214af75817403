#include "src/document/document_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "detectors/rule_table.h"
#include "records/archive_loader.h"
#include "records/store/case_store.h"
#include "records/store/draw_store.h"
#include "src/cycle/case_state.h"

namespace xk {

namespace {

namespace fs = std::filesystem;

// Inspectors by PersonKey of their ID: bureau/inspectors.csv as it is now first, then the draws as
// the roster described them when drawn (a re-check names an ID, not a certificate).
using InspectorBook = std::map<std::string, DocumentInspector>;

InspectorBook ReadInspectorBook(const fs::path& archive, const AuditPolicy& policy,
                                const std::vector<store::DrawRecord>& draws) {
  InspectorBook book;
  std::error_code ec;
  if (fs::is_directory(archive / "bureau", ec)) {
    ArchiveModel bureau;
    LoadBureauFolder(archive, policy, &bureau);  // a missing or bad roster only leaves IDs unnamed
    for (const Inspector& inspector : bureau.inspectors) {
      book.emplace(PersonKey(inspector.inspector_id),
                   DocumentInspector{inspector.name, inspector.cert_no, inspector.unit, ""});
    }
  }
  for (auto draw = draws.rbegin(); draw != draws.rend(); ++draw) {
    for (const auto& target : draw->targets) {
      for (const auto& inspector : target.inspectors) {
        book.emplace(PersonKey(inspector.inspector_id),
                     DocumentInspector{inspector.name, inspector.cert_no, inspector.unit, ""});
      }
    }
  }
  return book;
}

DocumentInspector Lookup(const InspectorBook& book, const std::string& id) {
  auto found = book.find(PersonKey(id));
  if (found != book.end()) return found->second;
  return DocumentInspector{"", "", "", MaskedId(id)};
}

DocumentDraw FromDraw(const store::DrawRecord& draw, const store::DrawTargetRow& target) {
  DocumentDraw out{draw.id, draw.period, draw.created, target.selection, target.reason, {}};
  for (const auto& inspector : target.inspectors) {
    out.inspectors.push_back(DocumentInspector{inspector.name, inspector.cert_no, inspector.unit, ""});
  }
  return out;
}

const store::DrawTargetRow* TargetOf(const store::DrawRecord& draw, const std::string& institution) {
  for (const auto& target : draw.targets) {
    if (target.institution == institution) return &target;
  }
  return nullptr;
}

// The finding with its standing case events: the last handover, and each re-check with the last
// rectification reported before it.
DocumentFinding WithCase(const store::StoredFinding& stored, const std::vector<store::CaseEvent>& events,
                         const InspectorBook& book) {
  DocumentFinding out;
  out.id = stored.id;
  out.open = !stored.resolved_run.has_value();
  out.finding = stored.finding;
  if (const RuleRow* rule = FindRule(stored.finding.rule)) out.rule_title = rule->finds_zh;
  const store::CaseEvent* rectified = nullptr;
  const std::vector<store::CaseEvent> standing = StandingEvents(events);
  for (const store::CaseEvent& event : standing) {
    switch (event.kind) {
      case store::CaseEventKind::kHandover:
        out.handover = DocumentHandover{event.doc_no, event.handed_to, event.deadline, event.recorded};
        break;
      case store::CaseEventKind::kRectified:
        rectified = &event;
        break;
      case store::CaseEventKind::kRecheck: {
        DocumentRecheck recheck;
        recheck.date = event.event_date;
        recheck.passed = event.passed.value_or(false);
        recheck.officer = event.officer;
        for (const auto& id : event.inspectors) {
          if (!id.empty()) recheck.inspectors.push_back(Lookup(book, id));
        }
        if (rectified != nullptr) {
          recheck.rectified_on = rectified->event_date;
          recheck.rectification_note = rectified->note;
          for (const auto& attachment : rectified->attachments) {
            recheck.attachments.push_back({attachment.name, attachment.size, attachment.sha256});
          }
        }
        out.rechecks.push_back(std::move(recheck));
        break;
      }
      case store::CaseEventKind::kEscalate:
      case store::CaseEventKind::kClose:
        break;
    }
  }
  return out;
}

std::string MissingInstitutions(const fs::path& archive) {
  return fmt::format(
      "缺少或无法读取机构名单 institutions.csv（档案 {}），无法确定被检查单位；请用 --archive 指定档案目录 "
      "(institutions.csv is missing or unreadable in {})",
      archive.string(), archive.string());
}

// The draw whose inspectors the documents name: `draw_id`'s (which must have `institution` among
// its targets, else `error`), or without one the latest draw that has; nullopt when none has.
std::optional<DocumentDraw> ChooseDraw(const std::vector<store::DrawRecord>& draws, const std::string& institution,
                                       std::optional<int64_t> draw_id, std::string* error) {
  if (!draw_id) {
    for (auto draw = draws.rbegin(); draw != draws.rend(); ++draw) {
      if (const store::DrawTargetRow* target = TargetOf(*draw, institution)) return FromDraw(*draw, *target);
    }
    return std::nullopt;
  }
  auto draw = std::find_if(draws.begin(), draws.end(), [&](const auto& d) { return d.id == *draw_id; });
  if (draw == draws.end()) {
    *error =
        fmt::format("数据库中没有编号为 {} 的抽取；xunkao draw --list 列出已有的抽取 (no draw {})", *draw_id, *draw_id);
    return std::nullopt;
  }
  const store::DrawTargetRow* target = TargetOf(*draw, institution);
  if (target == nullptr) {
    *error = fmt::format("抽取 {}（{}）没有抽中 {}，不能用它的检查人员 (draw {} has no target {})", draw->id,
                         draw->period, institution, draw->id, institution);
    return std::nullopt;
  }
  return FromDraw(*draw, *target);
}

// The open findings of `data.unit` and every finding of it with a standing re-check, each with its
// case events as they stand.
void AddFindings(store::AuditStore& store, const InspectorBook& book, DocumentData* data) {
  const std::string& institution = data->unit.code;
  // Every finding's events, oldest first (as CaseEventsOf gives them), read in one query.
  std::map<std::string, std::vector<store::CaseEvent>> events_of;
  for (auto& event : store::AllCaseEvents(store.db())) events_of[event.finding_id].push_back(std::move(event));
  const std::vector<store::CaseEvent> no_events;
  for (const auto& stored : store.OpenFindings(institution)) {
    auto found = events_of.find(stored.id);
    data->open_findings.push_back(WithCase(stored, found == events_of.end() ? no_events : found->second, book));
  }
  for (const auto& [id, finding_events] : events_of) {
    auto stored = store.FindingById(id);
    if (!stored || stored->finding.institution != institution) continue;
    DocumentFinding finding = WithCase(*stored, finding_events, book);
    if (!finding.rechecks.empty()) data->rechecked_findings.push_back(std::move(finding));
  }
  std::sort(data->rechecked_findings.begin(), data->rechecked_findings.end(), [](const auto& a, const auto& b) {
    return std::tie(a.finding.rule, a.finding.subject) < std::tie(b.finding.rule, b.finding.subject);
  });
}

}  // namespace

std::string MaskedId(const std::string& id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return id.substr(0, 4) + std::string(id.size() - 8, '*') + id.substr(id.size() - 4);
}

GatheredDocumentData GatherDocumentData(store::AuditStore& store, const DocumentRequest& request,
                                        const AuditPolicy& policy) {
  GatheredDocumentData gathered;
  ArchiveModel model;
  LoadInstitutions(request.archive, policy, &model);
  if (!model.missing_files.empty()) {
    gathered.error = MissingInstitutions(request.archive);
    return gathered;
  }
  auto unit = std::find_if(model.institutions.begin(), model.institutions.end(),
                           [&](const Institution& i) { return i.code == request.institution; });
  if (unit == model.institutions.end()) {
    gathered.error = fmt::format(
        "机构名单 institutions.csv（档案 {}）中没有机构编码为 {} 的单位 (no institution {} in institutions.csv)",
        request.archive.string(), request.institution, request.institution);
    return gathered;
  }
  DocumentData data;
  data.unit = *unit;
  data.zone = policy.zone;
  const std::vector<store::DrawRecord> draws = store::ListDraws(store.db());
  data.draw = ChooseDraw(draws, request.institution, request.draw_id, &gathered.error);
  if (!gathered.error.empty()) return gathered;
  AddFindings(store, ReadInspectorBook(request.archive, policy, draws), &data);
  gathered.data = std::move(data);
  return gathered;
}

}  // namespace xk
