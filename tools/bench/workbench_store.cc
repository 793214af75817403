// The workbench benchmark's store (see workbench_store.h): findings and case events made
// deterministically from their index, written through the product's own store API.
#include "tools/bench/workbench_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detectors/rule_table.h"
#include "records/finding.h"
#include "records/store/audit_store.h"
#include "records/store/case_store.h"
#include "tools/bench/bench_support.h"

namespace xk::bench {

namespace fs = std::filesystem;

std::string WorkbenchInstitutionCode(int index) {
  return index < kWorkbenchTrainingInstitutions ? fmt::format("PX{:03}", index + 1)
                                                : fmt::format("KS{:02}", index - kWorkbenchTrainingInstitutions + 1);
}

std::string WorkbenchPersonId(int person) {
  // 18 characters as written in the archives; the check digit is not checked by the list.
  return fmt::format("430{:03}19{:02}{:02}{:02}{:04}", 400 + person % 300, 60 + person % 40, 1 + person % 12,
                     1 + person % 28, person % 10000);
}

namespace {

// Bump when the generator writes a different store, so a cached one is rewritten.
constexpr int kGeneratorVersion = 2;

// The registry's rules as the rule table has them (code, default severity, the basis in force on
// the finding's date); the exam centres get the EXM rules, the training institutions the others.
// The unit only words the generated summaries.
struct BenchRule {
  const RuleRow* row;
  const char* unit;
  bool video;
};

const char* UnitOf(std::string_view code, bool video) {
  static constexpr std::pair<std::string_view, const char*> kUnits[] = {
      {"TRN-HOURS-SHORT", "学时"},          {"TRN-ATTENDANCE-SHORT", "学时"},
      {"TRN-PROXY-SIGNIN", "次"},           {"TRN-DAILY-OVERLOAD", "学时"},
      {"TRN-HOURS-OVERCLAIM", "学时"},      {"TRN-MOCK-SUBSTITUTION", "学时"},
      {"TRN-OFFLINE-THEORY-SHORT", "学时"}, {"TRN-PLAN-HOURS", "学时"},
      {"TRN-PRACTICAL-SHORT", "学时"},      {"TRN-SPAN-SHORT", "天"},
      {"CRT-REVIEW-OVERDUE", "天"},         {"EXM-PASS-RATE", "%"},
      {"EXM-PROCTOR-SHORT", "人"},          {"EXM-RESIT-EXCESS", "次"},
      {"EXM-SUBMIT-FAST", "分钟"}};
  for (const auto& [rule, unit] : kUnits) {
    if (rule == code) return unit;
  }
  return video ? "s" : "";
}

const std::vector<BenchRule>& BenchRules() {
  static const std::vector<BenchRule> rules = [] {
    std::vector<BenchRule> all;
    for (const RuleRow& row : RuleTable()) {
      const bool video = std::string_view(row.code).find("-VIDEO-") != std::string_view::npos;
      all.push_back({&row, UnitOf(row.code, video), video});
    }
    return all;
  }();
  return rules;
}

// Finding `index` of the generated audit: the same for the same index, every time.
Finding MakeFinding(int index) {
  std::mt19937_64 random(0x18'0000'0000ULL + static_cast<uint64_t>(index));
  // Skewed institutions: the square of a uniform draw puts most findings in the first ones.
  const double u = std::uniform_real_distribution<double>(0, 1)(random);
  const int institution = static_cast<int>(u * u * (kWorkbenchTrainingInstitutions + kWorkbenchExamCentres));
  const bool exam = institution >= kWorkbenchTrainingInstitutions;
  std::vector<const BenchRule*> rules;
  for (const BenchRule& candidate : BenchRules()) {
    const bool exam_rule = std::string_view(candidate.row->code).starts_with("EXM");
    if (exam_rule == exam) rules.push_back(&candidate);
  }
  const BenchRule& rule = *rules[random() % rules.size()];
  const char* code = rule.row->code;
  Finding f;
  f.rule = code;
  f.severity = rule.row->severity;
  f.institution = WorkbenchInstitutionCode(institution);
  const std::string session = fmt::format("{}-S{:06}", f.institution, index);
  const std::string klass = fmt::format("{}-C{:05}", f.institution, index / 7);
  const int day = static_cast<int>(random() % 1060);  // 2024-01-01 .. late 2026
  xk::Date date{xk::DateFromYmd(2024, 1, 1).days + day};
  // Not before the rule's basis is in force (as a detector would not find it).
  if (!AppliesOn(rule.row->id, date) && !rule.row->basis.empty() && rule.row->basis.front().from) {
    date = std::max(date, *rule.row->basis.front().from);
  }
  const xk::TimeZone zone;
  f.start = xk::ToInstant(date, 8 * 3600 + static_cast<int>(random() % 36000), zone);
  f.end = *f.start + static_cast<xk::Instant>(1800 + random() % 7200);
  const int person = static_cast<int>(random() % 60000);
  f.people = {WorkbenchPersonId(person)};
  if (random() % 3 == 0) f.people.push_back(WorkbenchPersonId((person + 7919) % 60000));
  if (rule.video) {
    f.session_id = session;
    f.camera = fmt::format("CAM{:02}", 1 + index % 6);
    f.file = fmt::format("video/{}/{}/{}.mp4", f.institution, xk::FormatDate(date), *f.camera);
    f.subject = fmt::format("{}|{}|{}", session, *f.camera, index);
    f.evidence = {{*f.file, fmt::format("{:016x}{:048x}", random(), index), "录像"}};
    f.measured = static_cast<double>(60 + random() % 3000);
    f.summary_zh = fmt::format("{} 场次 {} 摄像头 {} 的录像在 {} 有 {:g} 秒异常（{}）", f.institution, session,
                               *f.camera, xk::FormatDate(date), *f.measured, code);
  } else {
    f.class_id = klass;
    f.trainee_id = f.people.front();
    f.subject = fmt::format("{}|{}|{}", klass, f.people.front(), index);
    f.required = 48;
    f.measured = static_cast<double>(random() % 48);
    f.summary_zh = fmt::format("班级 {} 学员 {} 实际 {:g} {}，少于要求的 {:g} {}（{}）", klass, f.people.front(),
                               *f.measured, rule.unit, *f.required, rule.unit, code);
    f.evidence = {{fmt::format("training/{}/sessions.csv", f.institution), "", "课表记录"}};
  }
  f.unit = rule.unit;
  f.summary_en = fmt::format("{} finding {} of {}", code, index, f.institution);
  f.basis = CitationInForce(rule.row->id, date);
  return f;
}

std::string MarkerText(int findings) { return fmt::format("generator={}\nfindings={}\n", kGeneratorVersion, findings); }

// The case events of the generated store: one open finding in 40 handed over (a deadline 30
// days on, in 2026), one in 3 of those rectified, half of those re-checked (passed and failed in
// turn), half the passed ones closed and half the failed ones escalated.
std::vector<xk::store::CaseEvent> MakeCaseEvents(const std::vector<std::string>& open_ids, int* handed_over) {
  std::vector<xk::store::CaseEvent> events;
  const xk::Date first_handover = xk::DateFromYmd(2026, 3, 1);
  int k = 0;
  for (size_t i = 0; i < open_ids.size(); i += 40, ++k) {
    auto event = [&](xk::store::CaseEventKind kind, int day) {
      xk::store::CaseEvent e;
      e.finding_id = open_ids[i];
      e.kind = kind;
      e.officer = "王明";
      e.recorded = xk::FormatDate(xk::Date{first_handover.days + day}) + "T10:00:00+08:00";
      e.event_date = xk::Date{first_handover.days + day};
      return e;
    };
    const int day = k % 240;
    auto handover = event(xk::store::CaseEventKind::kHandover, day);
    handover.event_date.reset();
    handover.deadline = xk::Date{first_handover.days + day + 30};
    handover.handed_to = "区应急管理局";
    handover.doc_no = fmt::format("衡应急责改〔2026〕{}号", k + 1);
    events.push_back(handover);
    if (k % 3 != 0) continue;
    auto rectified = event(xk::store::CaseEventKind::kRectified, day + 20);
    rectified.note = "已补课并补录签到";
    events.push_back(rectified);
    if (k % 2 != 0) continue;
    auto recheck = event(xk::store::CaseEventKind::kRecheck, day + 28);
    recheck.passed = (k / 6) % 2 == 0;
    recheck.inspectors = {"430401198001010011", "430401198001010022"};
    events.push_back(recheck);
    if ((k / 12) % 2 != 0) continue;
    if (*recheck.passed) {
      auto close = event(xk::store::CaseEventKind::kClose, day + 30);
      close.note = "复查合格，结案";
      events.push_back(close);
    } else {
      auto escalate = event(xk::store::CaseEventKind::kEscalate, day + 30);
      escalate.doc_no = fmt::format("衡应急立〔2026〕{}号", k + 1);
      events.push_back(escalate);
    }
  }
  *handed_over = k;
  return events;
}

}  // namespace

WorkbenchStore MakeWorkbenchStore(const fs::path& dir, int findings_wanted) {
  WorkbenchStore facts;
  const fs::path folder = dir / fmt::format("store-{}", findings_wanted);
  facts.db = folder / "xunkao.db";
  const fs::path marker = folder / ".complete";
  const auto start = Clock::now();
  if (xk::bench::ReadText(marker) == MarkerText(findings_wanted) && fs::exists(facts.db)) {
    facts.reused = true;
    xk::store::AuditStore store(facts.db.string());
    xk::store::Statement count(store.db(),
                               "SELECT (SELECT count(*) FROM findings), (SELECT count(*) FROM findings WHERE "
                               "resolved_run IS NULL), (SELECT count(DISTINCT finding_id) FROM case_events), "
                               "(SELECT count(*) FROM case_events)");
    if (count.Step()) {
      facts.findings_in_store = static_cast<int>(count.Int(0));
      facts.open = static_cast<int>(count.Int(1));
      facts.handed_over = static_cast<int>(count.Int(2));
      facts.events = static_cast<int>(count.Int(3));
    }
    facts.seconds = SecondsSince(start);
    return facts;
  }
  fs::remove_all(folder);
  const fs::path archive = folder / "archive";
  std::string institutions = "code,name,kind\n";
  for (int i = 0; i < kWorkbenchTrainingInstitutions + kWorkbenchExamCentres; ++i) {
    institutions += fmt::format("{},衡阳市第{}安全技术培训{},{}\n", WorkbenchInstitutionCode(i), i + 1,
                                i < kWorkbenchTrainingInstitutions ? "学校" : "考点",
                                i < kWorkbenchTrainingInstitutions ? "training" : "exam");
  }
  xk::bench::WriteText(archive / "institutions.csv", institutions);
  const int first_run_count = findings_wanted + findings_wanted / 50;
  std::vector<Finding> findings;
  findings.reserve(static_cast<size_t>(first_run_count));
  for (int i = 0; i < first_run_count; ++i) findings.push_back(MakeFinding(i));
  xk::store::AuditStore store(facts.db.string());
  for (int run = 1; run <= 2; ++run) {
    const int64_t run_id = store.BeginRun(fmt::format("2026-11-{:02}T02:00:00+08:00", run), archive.string(), "{}");
    xk::store::RunResults results;
    // The second run no longer finds the first 2 %: they are resolved.
    results.findings.assign(findings.begin() + (run == 2 ? first_run_count - findings_wanted : 0), findings.end());
    for (int i = 0; i < kWorkbenchTrainingInstitutions + kWorkbenchExamCentres; ++i) {
      results.audited.push_back({WorkbenchInstitutionCode(i), "2026H2"});
    }
    results.finished = fmt::format("2026-11-{:02}T02:10:00+08:00", run);
    store.CompleteRun(run_id, results, xk::TimeZone{});
  }
  // Open findings in the list's order, so the handed-over ones spread over every institution and rule.
  std::vector<std::string> open_ids;
  {
    xk::store::Statement open(
        store.db(), "SELECT id FROM findings WHERE resolved_run IS NULL ORDER BY institution, rule, subject, id");
    while (open.Step()) open_ids.push_back(open.Text(0));
  }
  const std::vector<xk::store::CaseEvent> events = MakeCaseEvents(open_ids, &facts.handed_over);
  xk::store::AppendCaseEvents(store.db(), events);
  facts.findings_in_store = first_run_count;
  facts.open = static_cast<int>(open_ids.size());
  facts.events = static_cast<int>(events.size());
  xk::bench::WriteText(marker, MarkerText(findings_wanted));
  facts.seconds = SecondsSince(start);
  return facts;
}

}  // namespace xk::bench
