#include "src/cli/merge_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <thread>

#include "records/store/audit_store.h"
#include "src/audit/audit_pipeline.h"
#include "src/cli/audit_printing.h"
#include "src/cli/exit_code.h"

namespace xk {

namespace {

struct MergeOptions {
  std::vector<std::string> shards;
  AuditOptions audit;
  std::string archive;
  std::string lang = "zh";
};

int RunMerge(MergeOptions& options) {
  AuditOptions& audit = options.audit;
  audit.merge_from.assign(options.shards.begin(), options.shards.end());
  audit.chinese = options.lang == "zh";
  if (!options.archive.empty()) {
    audit.archive = options.archive;
  } else {
    // The archive the first shard audited (all shards audit one archive).
    std::optional<store::RunSummary> run;
    std::error_code ec;
    if (std::filesystem::is_regular_file(options.shards.front(), ec)) {
      run = store::AuditStore(options.shards.front()).LastCompletedRun();
    }
    if (!run) {
      fmt::print(stderr, "xunkao: 分片数据库 {} 没有完成的审查，无法确定档案目录；请用 --archive 指定或重跑该分片\n",
                 options.shards.front());
      return 2;
    }
    audit.archive = run->archive;
  }
  AuditOutcome outcome = RunAudit(audit);
  if (!outcome.status.ok()) {
    fmt::print(stderr, "xunkao: {}\n", outcome.status.message);
    return ExitCode(outcome.status);
  }
  PrintAuditOutcome(audit, outcome);
  return 0;
}

}  // namespace

AddedCommand AddMergeCommand(CLI::App& app) {
  auto options = std::make_shared<MergeOptions>();
  options->audit.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* command = app.add_subcommand(
      "merge", "汇总各分片（audit --shard）的录像分析结果到主数据库，运行全部规则并写出报告，与单机审查结果相同");
  command->add_option("SHARD_DB", options->shards, "各分片的数据库文件")->required();
  command->add_option("--db", options->audit.db, "主数据库文件")->required();
  command->add_option("--archive", options->archive, "档案目录 (default: 第一个分片审查的档案)");
  command->add_option("--out", options->audit.out, "输出目录 (default ./xunkao-out)");
  command->add_option("--config", options->audit.config, "配置文件 (default ARCHIVE/audit.toml)");
  command
      ->add_option("--jobs", options->audit.jobs,
                   "分析录像所用的核数：同时分析的文件数；文件少于核数时一个文件用多个核 (default: cores)")
      ->check(CLI::Range(1, 256));
  command->add_option("--lang", options->lang, "报告语言 zh|en")->check(CLI::IsMember({"zh", "en"}));
  return {command, [options] { return RunMerge(*options); }};
}

}  // namespace xk
