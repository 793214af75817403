#include "src/cli/commands.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <thread>

#include "detectors/registry.h"
#include "records/audit_config.h"
#include "records/store/database.h"
#include "src/audit/analysis_worker.h"
#include "src/audit/audit_pipeline.h"
#include "src/audit/progress.h"
#include "src/cli/audit_printing.h"
#include "src/cli/case_command.h"
#include "src/cli/document_command.h"
#include "src/cli/draw_command.h"
#include "src/cli/exit_code.h"
#include "src/cli/inspections_command.h"
#include "src/cli/merge_command.h"
#include "src/cli/packet_command.h"
#include "src/cli/person_command.h"
#include "src/cli/rules_command.h"
#include "src/cli/serve_command.h"
#include "version.h"

namespace xk {

namespace {

int DefaultJobs() { return std::max(1u, std::thread::hardware_concurrency()); }

// `audit --fail-on overdue`: 1 when a finding is overdue in the enforcement loop after the run.
int OverdueExit(const AuditOptions& audit) {
  std::vector<LoadIssue> ignored;
  const AuditConfig config = LoadAuditConfig(audit.archive, audit.config, &ignored);
  const auto db = audit.db.value_or(audit.out / "xunkao.db");
  const int overdue = CountOverdueCases(db.string(), config.cycle.recheck_days, config.policy.zone);
  if (overdue == 0) return 0;
  fmt::print("逾期未整改或逾期未复查的问题：{} 个（xunkao case list --overdue 查看）\n", overdue);
  return 1;
}

}  // namespace

int RunCommandLine(int argc, char** argv, const std::vector<CommandAdder>& extra) {
  CLI::App app{
      fmt::format("xunkao {} (训考) — 安全培训机构与考试点的批量审查工具\n"
                  "Audits safety-training institutions and exam centres from their exported records and CCTV archive.",
                  kVersion)};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);

  // audit
  AuditOptions audit;
  std::string lang = "zh", fail_on;
  auto* audit_cmd =
      app.add_subcommand("audit", "审查一个档案目录：载入记录、分析录像、运行全部规则、保存结果、写出报告");
  // Not checked here: an archive that is not a folder is the run's exit 3 with its message.
  audit_cmd->add_option("ARCHIVE", audit.archive, "档案目录 (archive folder)")->required();
  audit_cmd->add_option("--out", audit.out, "输出目录 (default ./xunkao-out)");
  audit_cmd->add_option("--db", audit.db, "数据库文件 (default <out>/xunkao.db)");
  audit_cmd->add_option("--config", audit.config, "配置文件 (default ARCHIVE/audit.toml)");
  audit.jobs = DefaultJobs();
  audit_cmd
      ->add_option("--jobs", audit.jobs,
                   "分析录像所用的核数：同时分析的文件数；文件少于核数时一个文件用多个核 (default: cores)")
      ->check(CLI::Range(1, 256));
  audit_cmd->add_option("--lang", lang, "报告语言 zh|en")->check(CLI::IsMember({"zh", "en"}));
  audit_cmd
      ->add_option("--fail-on", fail_on,
                   "有该严重程度及以上的新问题时 (low|medium|high)，或有逾期未整改、逾期未复查的问题时 (overdue)，"
                   "退出码为 1")
      ->check(CLI::IsMember({"low", "medium", "high", "overdue"}));
  audit_cmd->add_flag("--thorough", audit.thorough, "逐帧解码分析画面（更慢）");
  std::string shard;
  audit_cmd
      ->add_option("--shard", shard,
                   "K/N：只分析第 K 个分片（共 N 个）的录像并存入 --db，不运行规则；全部分片完成后用 xunkao merge 汇总")
      ->check([](const std::string& text) { return ParseShard(text) ? "" : "应为 K/N，1 <= K <= N，如 3/8"; });
  audit_cmd->callback([&] {
    if (!shard.empty()) audit.shard = ParseShard(shard);
    audit.chinese = lang == "zh";
    if (!fail_on.empty() && fail_on != "overdue") audit.fail_on = ParseSeverity(fail_on);
    audit.progress = StderrIsTerminal();
  });

  std::string rules_lang = "zh";
  std::string rules_config;
  auto* rules_cmd = app.add_subcommand("rules", "列出全部规则、当前阈值及其依据");
  rules_cmd->add_option("--lang", rules_lang, "zh|en")->check(CLI::IsMember({"zh", "en"}));
  rules_cmd->add_option("--config", rules_config, "显示该配置文件生效后的阈值");

  InspectionsOptions inspections;
  auto* inspections_cmd = app.add_subcommand("inspections", "半年度检查覆盖表：每个机构上/下半年是否审查、未整改问题");
  inspections_cmd->add_option("--year", inspections.year, "年份 (default: this year)");
  inspections_cmd->add_option("--db", inspections.db, "数据库文件 (default ./xunkao-out/xunkao.db)");

  DrawOptions draw;
  auto* draw_cmd =
      app.add_subcommand("draw", "双随机抽取半年度检查对象和检查人员，保存并写出公示名单；--verify 复核，--list 列出");
  auto* draw_period = draw_cmd->add_option("--period", draw.period, "半年度，如 2022H2（新抽取必填）");
  draw_cmd->add_option("--ratio", draw.ratio, "按名录机构数的抽取比例，0 到 1 的小数 (default 0.3)");
  draw_cmd->add_option("--min", draw.min_targets, "至少随机抽取的机构数 (default 1)")->check(CLI::Range(0, 1000000));
  draw_cmd->add_option("--seed", draw.seed, "随机种子 (default: 抽取时间，如 2026-12-05T10:15:30+08:00)");
  draw_cmd->add_option("--archive", draw.archive, "档案目录 (default: 最近一次审查的档案；--verify 时为抽取时的档案)");
  draw_cmd->add_option("--db", draw.db, "数据库文件 (default <out>/xunkao.db)");
  draw_cmd->add_option("--out", draw.out, "公示名单输出目录 (default ./xunkao-out)");
  auto* draw_verify = draw_cmd->add_option("--verify", draw.verify, "按存档的种子和当前名录重算抽取 ID 并比对");
  draw_cmd->add_flag("--list", draw.list, "列出已有的抽取")->excludes(draw_verify)->excludes(draw_period);
  draw_verify->excludes(draw_period);

  DocumentOptions document;
  auto* document_cmd = AddDocumentCommand(app, &document);

  PacketOptions packet;
  auto* packet_cmd =
      app.add_subcommand("packet", "为问题制作证据包（BagIt，含记录摘录、截图、录像片段、时间轴和哈希）");
  packet_cmd->add_option("--finding", packet.finding_ids, "问题编号（可多个）");
  packet_cmd->add_option("--institution", packet.institution, "机构编码：该机构全部未整改问题");
  packet_cmd->add_option("--period", packet.period, "半年度，如 2022H1（与 --institution 一起用）");
  packet_cmd->add_option("--db", packet.db, "数据库文件 (default ./xunkao-out/xunkao.db)");
  packet_cmd->add_option("--out", packet.out, "证据包输出目录")->required();
  packet_cmd->add_option("--archive", packet.archive, "档案目录 (default: 最近一次审查的档案)");
  packet_cmd->add_option("--organization", packet.organization, "bag-info.txt 的 Source-Organization");
  packet_cmd->add_flag("--zip", packet.zip, "另外生成 .zip");

  // Hidden: the isolated analysis of recordings (src/audit/analysis_worker.h), run by the audit.
  std::string worker_spec;
  auto* worker_cmd = app.add_subcommand("analysis-worker", "");
  worker_cmd->group("");
  worker_cmd->add_option("SPEC", worker_spec)->required();

  std::string verify_path;
  auto* verify_cmd = app.add_subcommand("verify", "校验证据包（目录或 .zip）：任何被改动、缺失或多出的文件都会被指出");
  verify_cmd->add_option("PACKET", verify_path, "证据包目录或 .zip")->required();

  std::vector<AddedCommand> added = {AddCaseCommand(app), AddPersonCommand(app), AddServeCommand(app),
                                     AddMergeCommand(app)};
  for (CommandAdder add : extra) added.push_back(add(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }

  try {
    if (*worker_cmd) return RunAnalysisWorker(worker_spec);
    if (*audit_cmd) {
      AuditOutcome outcome = RunAudit(audit);
      if (!outcome.status.ok()) {
        fmt::print(stderr, "xunkao: {}\n", outcome.status.message);
        return ExitCode(outcome.status);
      }
      PrintAuditOutcome(audit, outcome);
      if (outcome.fail_on_matched) return 1;
      if (fail_on == "overdue") return OverdueExit(audit);
      return 0;
    }
    for (const AddedCommand& command : added) {
      if (*command.subcommand) return command.run();
    }
    if (*rules_cmd) return RunRulesCommand(rules_lang == "zh", rules_config);
    if (*inspections_cmd) return RunInspectionsCommand(inspections);
    if (*packet_cmd) return RunPacketCommand(packet);
    if (*draw_cmd) return RunDrawCommand(draw);
    if (*document_cmd) return RunDocumentCommand(document);
    if (*verify_cmd) return RunVerifyCommand(verify_path);
  } catch (const store::StoreError& error) {
    fmt::print(stderr, "xunkao: 数据库错误：{}\n已保存的结果不受影响；请检查磁盘空间和文件权限后重试。\n",
               error.what());
    return 3;
  } catch (const std::exception& error) {
    fmt::print(stderr, "xunkao: 无法完成：{}\n已保存的结果不受影响，下次运行将继续。\n", error.what());
    return 3;
  }
  return 2;
}

}  // namespace xk
