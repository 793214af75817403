#include "tools/demo/demo_cycle.h"

#include <fmt/format.h>

#include <ctime>
#include <fstream>
#include <optional>

#include "records/csv/values.h"
#include "records/half_year.h"
#include "records/store/audit_store.h"
#include "records/store/draw_store.h"
#include "src/cli/document_command.h"
#include "src/cli/draw_command.h"
#include "src/cycle/case_list.h"
#include "src/cycle/case_recording.h"

namespace xk {

namespace {

namespace fs = std::filesystem;

constexpr const char* kOfficer = "演示（王明）";

std::optional<std::string> FindingOf(store::AuditStore& store, const std::string& rule, const std::string& class_id) {
  for (const auto& stored : store.OpenFindings(std::string("PX01"))) {
    if (stored.finding.rule == rule && stored.finding.class_id == class_id) return stored.id;
  }
  return std::nullopt;
}

bool Record(store::AuditStore& store, CaseStep step, std::string* table) {
  const std::string recorded = FormatInstant(static_cast<Instant>(std::time(nullptr)), TimeZone{});
  const CaseStepOutcome outcome = RecordCaseStep(store, step, kOfficer, recorded);
  if (outcome.event_ids.empty()) {
    *table += fmt::format("  ✘ {}：{}\n", store::CaseEventKindZh(step.event.kind), outcome.refused_zh);
    return false;
  }
  return true;
}

}  // namespace

DemoCycleOutcome RunDemoCycle(const fs::path& archive, const fs::path& out) {
  DemoCycleOutcome outcome;
  const fs::path db = out / "xunkao.db";

  // The draw of this half-year: rank by SHA-256 of the seed and each code (README "Random draw").
  DrawOptions draw;
  draw.period = HalfYear::Of(LocalDate(static_cast<Instant>(std::time(nullptr)), TimeZone{})).Label();
  draw.seed = "xunkao-demo";
  draw.archive = archive.string();
  draw.out = out.string();
  draw.db = db.string();
  if (RunDrawCommand(draw) != 0) {
    outcome.table = "  ✘ 双随机抽取失败\n";
    return outcome;
  }

  store::AuditStore store(db.string());
  const auto hours = FindingOf(store, "TRN-HOURS-SHORT", "C02");
  const auto mock = FindingOf(store, "TRN-MOCK-SUBSTITUTION", "C03");
  if (!hours || !mock) {
    outcome.table = "  ✘ 找不到 PX01 班级 C02、C03 的问题，无法演示整改闭环\n";
    return outcome;
  }
  bool ok = true;
  CaseStep handover;
  handover.finding_ids = {*hours, *mock};
  handover.event.kind = store::CaseEventKind::kHandover;
  handover.event.handed_to = "衡阳市安全技术培训学校";
  handover.event.doc_no = "衡应急责改〔2023〕1号";
  handover.event.deadline = ParseDate("2023-01-15");
  ok &= Record(store, handover, &outcome.table);

  const fs::path report = out / "demo-attachments" / "C02补课整改报告.txt";
  fs::create_directories(report.parent_path());
  std::ofstream(report, std::ios::binary) << "C02 班补课 16 学时，补课签到表附后。\n";
  CaseStep rectified;
  rectified.finding_ids = {*hours};
  rectified.event.kind = store::CaseEventKind::kRectified;
  rectified.event.event_date = ParseDate("2023-01-10");
  rectified.event.note = "C02 班补足 16 学时理论课，补课签到表及课表附后";
  rectified.attachments = {report};
  ok &= Record(store, rectified, &outcome.table);

  CaseStep recheck;
  recheck.finding_ids = {*hours};
  recheck.event.kind = store::CaseEventKind::kRecheck;
  recheck.event.event_date = ParseDate("2023-01-20");
  recheck.event.passed = true;
  recheck.event.inspectors = {"43040020002", "43040020003"};
  ok &= Record(store, recheck, &outcome.table);

  // The loop as the officer sees it today.
  CaseFilter px01;
  px01.institution = "PX01";
  const Date today = LocalDate(static_cast<Instant>(std::time(nullptr)), TimeZone{});
  struct Expected {
    std::string id, what;
    CaseState state;
    bool overdue;
  };
  for (const Expected& expected :
       {Expected{*hours, "C02 学时不足：交办、整改、复查合格", CaseState::kRecheckedPassed, false},
        Expected{*mock, "C03 模拟考试充学时：交办后逾期未整改", CaseState::kHandedOver, true}}) {
    bool found = false;
    for (const auto& row : ListCases(store, px01, today, 10)) {
      if (row.finding.id != expected.id) continue;
      found = row.summary.state == expected.state && row.summary.overdue == expected.overdue;
    }
    ok &= found;
    outcome.table += fmt::format("  {} {}（{}）\n", found ? "✔" : "✘", expected.what, CaseStateZh(expected.state));
  }
  // The documents an officer takes to PX01: the inspection record with the draw's inspectors and
  // the open findings, the rectification order of the two handed over, the re-check opinion.
  const fs::path documents = out / "documents";
  for (const char* kind : {"inspection-record", "rectification-order", "recheck-opinion"}) {
    DocumentOptions document;
    document.kind = kind;
    document.institution = "PX01";
    document.db = db.string();
    document.archive = archive.string();
    document.out = documents.string();
    const bool written = RunDocumentCommand(document) == 0 &&
                         fs::exists(documents / fmt::format("PX01-{}.docx", kind)) &&
                         fs::exists(documents / fmt::format("PX01-{}.html", kind));
    ok &= written;
    outcome.table += fmt::format("  {} 文书 PX01-{}（.docx 与 .html）\n", written ? "✔" : "✘", kind);
  }
  outcome.as_expected = ok;
  return outcome;
}

}  // namespace xk
