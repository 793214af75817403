#include "src/cli/case_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

#include "records/audit_config.h"
#include "records/csv/values.h"
#include "records/store/audit_store.h"
#include "records/store/case_store.h"
#include "src/cycle/case_list.h"
#include "src/cycle/case_recording.h"
#include "src/cycle/case_step_fields.h"
#include "src/report/case_table.h"

namespace xk {

namespace {

namespace fs = std::filesystem;

struct CaseOptions {
  std::string db = "xunkao-out/xunkao.db";
  std::string officer;
  std::string config;  // audit.toml with [cycle] and the time zone; "" = the last audit's archive's
  std::vector<std::string> finding_ids;
  CaseStepFields step;              // handover, rectified, recheck, escalate, close (and --correct)
  std::vector<std::string> attach;  // rectified
  // show, list
  std::string institution, state, format = "text", as_of;
  bool overdue = false;
};

// The settings in force: --config, else the audit.toml of the archive the last audit read.
AuditConfig LoopConfig(const CaseOptions& options, store::AuditStore& store) {
  return CaseLoopConfig(options.config, store);
}

int CaseUsage(const std::string& zh, const std::string& en) {
  fmt::print(stderr, "xunkao case: {} ({})\n", zh, en);
  return 2;
}

CLI::Validator DateValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return ParseDate(text) ? "" : "应为日期 YYYY-MM-DD (expected a date YYYY-MM-DD): " + text;
      },
      "DATE");
}

std::unique_ptr<store::AuditStore> OpenExisting(const std::string& db) {
  if (!fs::exists(db)) {
    CaseUsage(fmt::format("找不到数据库 {}；请用 --db 指定", db), "no such database");
    return nullptr;
  }
  return std::make_unique<store::AuditStore>(db);
}

int RunStep(const CaseOptions& options, store::CaseEventKind kind) {
  auto store = OpenExisting(options.db);
  if (!store) return 2;
  const AuditConfig config = LoopConfig(options, *store);
  std::vector<fs::path> attachments(options.attach.begin(), options.attach.end());
  CaseStepOrProblem made = MakeCaseStep(kind, options.finding_ids, options.step, attachments);
  if (!made.step) return CaseUsage(made.problem_zh + "；未写入任何记录", "incomplete step; nothing was written");
  const CaseStep& step = *made.step;
  const std::string officer = options.officer.empty() ? LoginName() : options.officer;
  const std::string recorded = FormatInstant(CurrentInstant(), config.policy.zone);
  const CaseStepOutcome outcome = RecordCaseStep(*store, step, officer, recorded);
  if (outcome.event_ids.empty())
    return CaseUsage(outcome.refused_zh + "；未写入任何记录", outcome.refused_en + "; nothing was written");
  for (const auto& warning : outcome.warnings_zh) fmt::print(stderr, "xunkao case: 注意：{}\n", warning);
  for (size_t i = 0; i < outcome.event_ids.size(); ++i) {
    fmt::print("已记录{} #{}：问题 {}\n", store::CaseEventKindZh(kind), outcome.event_ids[i], step.finding_ids[i]);
  }
  return 0;
}

Date Today(const AuditConfig& config, const std::string& as_of) {
  if (auto date = ParseDate(as_of)) return *date;
  return LocalDate(CurrentInstant(), config.policy.zone);
}

int RunShow(const CaseOptions& options) {
  auto store = OpenExisting(options.db);
  if (!store) return 2;
  const std::string& id = options.finding_ids.front();
  if (!store->FindingById(id))
    return CaseUsage(fmt::format("数据库中没有编号为 {} 的问题", id), "no finding with id " + id);
  const AuditConfig config = LoopConfig(options, *store);
  const std::vector<store::CaseEvent> events = store::CaseEventsOf(store->db(), id);
  CaseRow row;
  row.finding = *store->FindingById(id);
  row.resolved_by_data = row.finding.resolved_run.has_value();
  row.summary = SummarizeCase(events, Today(config, options.as_of), config.cycle.recheck_days);
  if (options.format == "json") {
    std::cout << CaseListJson({row});
  } else {
    std::cout << CaseShowText(row, events);
  }
  return 0;
}

int RunList(const CaseOptions& options) {
  auto store = OpenExisting(options.db);
  if (!store) return 2;
  const AuditConfig config = LoopConfig(options, *store);
  CaseFilter filter;
  if (!options.institution.empty()) filter.institution = options.institution;
  if (!options.state.empty()) filter.state = ParseCaseState(options.state);
  filter.overdue_only = options.overdue;
  const auto rows = ListCases(*store, filter, Today(config, options.as_of), config.cycle.recheck_days);
  if (options.format == "csv") {
    std::cout << CaseListCsv(rows);
  } else if (options.format == "json") {
    std::cout << CaseListJson(rows);
  } else {
    std::cout << CaseListText(rows);
    if (options.overdue)
      fmt::print("复查期限：整改期限后 {} 天（[cycle] recheck_days）。{}\n", config.cycle.recheck_days,
                 kRecheckDaysBasisZh);
  }
  return 0;
}

void AddCommon(CLI::App* command, CaseOptions& options) {
  command->add_option("--db", options.db, "数据库文件 (default ./xunkao-out/xunkao.db)");
  command->add_option("--config", options.config,
                      "配置文件（时区、[cycle] recheck_days）(default: 最近一次审查档案的 audit.toml)");
}

void AddStepCommon(CLI::App* command, CaseOptions& options) {
  command->add_option("FINDING_ID", options.finding_ids, "问题编号（可多个）")->required();
  command->add_option("--officer", options.officer, "记录人 (default: 登录名)");
  command->add_option("--correct", options.step.correct, "更正该编号的处理记录（新增一条记录取代它，原记录保留）");
  AddCommon(command, options);
}

}  // namespace

AddedCommand AddCaseCommand(CLI::App& app) {
  auto options = std::make_shared<CaseOptions>();
  CaseOptions& o = *options;
  auto* command =
      app.add_subcommand("case", "整改闭环：交办、整改、复查、立案、结案，查看和列出（只追加记录，不修改）");
  command->require_subcommand(1);

  auto* handover = command->add_subcommand("handover", "交办 / 责令限期整改");
  AddStepCommon(handover, o);
  handover->add_option("--to", o.step.to, "交办对象（整改责任单位或人）")->required();
  handover->add_option("--doc-no", o.step.doc_no, "文书编号（如责令限期整改指令书文号）")->required();
  handover->add_option("--deadline", o.step.deadline, "整改期限 YYYY-MM-DD")->required()->check(DateValidator());

  auto* rectified = command->add_subcommand("rectified", "报告已整改（附件计算哈希并复制到数据库旁的附件目录）");
  AddStepCommon(rectified, o);
  rectified->add_option("--date", o.step.date, "整改完成日期 YYYY-MM-DD")->required()->check(DateValidator());
  rectified->add_option("--note", o.step.note, "整改情况")->required();
  rectified->add_option("--attach", o.attach, "附件文件（可多个）");

  auto* recheck = command->add_subcommand("recheck", "复查");
  AddStepCommon(recheck, o);
  recheck->add_option("--date", o.step.date, "复查日期 YYYY-MM-DD")->required()->check(DateValidator());
  recheck->add_option("--result", o.step.result, "复查结论 pass|fail")
      ->required()
      ->check(CLI::IsMember({"pass", "fail"}));
  recheck->add_option("--inspectors", o.step.inspectors, "复查人员身份证号或执法证号，用 ; 分隔")->required();

  auto* escalate = command->add_subcommand("escalate", "立案");
  AddStepCommon(escalate, o);
  escalate->add_option("--doc-no", o.step.doc_no, "立案审批表编号")->required();

  auto* close = command->add_subcommand("close", "结案");
  AddStepCommon(close, o);
  close->add_option("--note", o.step.note, "结案说明")->required();

  auto* show = command->add_subcommand("show", "一个问题及其全部处理记录");
  show->add_option("FINDING_ID", o.finding_ids, "问题编号")->required()->expected(1);
  show->add_option("--format", o.format, "text|json")->check(CLI::IsMember({"text", "json"}));
  show->add_option("--as-of", o.as_of, "按该日期判断是否逾期 (default: 今天)")->check(DateValidator());
  AddCommon(show, o);

  auto* list = command->add_subcommand("list", "整改闭环一览：每个未整改或有处理记录的问题一行");
  list->add_option("--institution", o.institution, "机构编码");
  std::vector<std::string> states;
  for (CaseState state : AllCaseStates()) states.emplace_back(CaseStateName(state));
  list->add_option("--state", o.state,
                   "状态：open|handed_over|rectified|rechecked_passed|rechecked_failed|closed|escalated")
      ->check(CLI::IsMember(states));
  list->add_flag("--overdue", o.overdue, "只列逾期未整改、逾期未复查的问题");
  list->add_option("--format", o.format, "text|csv|json")->check(CLI::IsMember({"text", "csv", "json"}));
  list->add_option("--as-of", o.as_of, "按该日期判断是否逾期 (default: 今天)")->check(DateValidator());
  AddCommon(list, o);

  auto run = [options, handover, rectified, recheck, escalate, close, show, list]() -> int {
    if (*handover) return RunStep(*options, store::CaseEventKind::kHandover);
    if (*rectified) return RunStep(*options, store::CaseEventKind::kRectified);
    if (*recheck) return RunStep(*options, store::CaseEventKind::kRecheck);
    if (*escalate) return RunStep(*options, store::CaseEventKind::kEscalate);
    if (*close) return RunStep(*options, store::CaseEventKind::kClose);
    if (*show) return RunShow(*options);
    if (*list) return RunList(*options);
    return 2;
  };
  return AddedCommand{command, run};
}

int CountOverdueCases(const std::string& db, int recheck_days, const TimeZone& zone) {
  store::AuditStore store(db);
  CaseFilter filter;
  filter.overdue_only = true;
  const Date today = LocalDate(CurrentInstant(), zone);
  return static_cast<int>(ListCases(store, filter, today, recheck_days).size());
}

}  // namespace xk
