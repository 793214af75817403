#include "src/cli/person_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "records/archive_loader.h"
#include "records/audit_config.h"
#include "records/resident_id.h"
#include "records/store/audit_store.h"
#include "records/text_escape.h"
#include "src/person/person_text.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

struct PersonOptions {
  std::string id;
  std::string db = "xunkao-out/xunkao.db";
  std::string archive;  // "" = the archive of the last completed audit
  std::string config;   // "" = ARCHIVE/audit.toml
  std::string format = "text";
};

int PersonUsage(const std::string& zh, const std::string& en) {
  fmt::print(stderr, "xunkao person: {} ({})\n", TerminalText(zh), en);
  return 2;
}

int RunPerson(const PersonOptions& options) {
  if (!fs::exists(options.db))
    return PersonUsage(fmt::format("找不到数据库 {}；请先运行 xunkao audit，或用 --db 指定", options.db),
                       "no such database");
  store::AuditStore store(options.db);
  auto run = store.LastCompletedRun();
  fs::path archive = options.archive;
  if (archive.empty()) {
    if (!run)
      return PersonUsage("数据库中没有完成的审查，请用 --archive 指定档案目录", "no completed audit: give --archive");
    archive = run->archive;
  }
  std::error_code ec;
  if (!fs::is_directory(archive, ec))
    return PersonUsage(fmt::format("档案目录不存在：{}", archive.string()), "no such archive");

  std::vector<LoadIssue> issues;
  std::optional<fs::path> explicit_config;
  if (!options.config.empty()) explicit_config = options.config;
  const AuditConfig config = LoadAuditConfig(archive, explicit_config, &issues);
  const ArchiveModel model = LoadArchiveRecords(archive, config.policy);
  const std::string key = PersonKey(options.id);
  const auto chains = BuildPersonChains(model, config.policy, config.syllabus, {key});
  const PersonChain& chain = chains.at(key);
  const std::vector<store::StoredFinding> findings =
      run ? store.FindingsOfRun(run->id) : std::vector<store::StoredFinding>{};

  bool named = false;
  for (const auto& s : findings) named = named || NamesPerson(s.finding, key);
  if (options.format == "json") {
    fmt::print("{}", PersonChainJson(options.id, chain, findings, config.policy.zone));
  } else {
    if (IdCheck check = CheckResidentId(options.id); !check.valid)
      fmt::print("注意：{} 不是有效的身份证号（{}），仍按此号码查找。\n", TerminalText(options.id), check.problem_zh);
    fmt::print("{}", PersonChainText(options.id, chain, findings, config.policy.zone));
    fmt::print("档案：{}{}\n", TerminalText(archive.string()),
               run ? fmt::format("；问题取自第 {} 次审查（{}）", run->id, run->finished)
                   : std::string("；数据库中没有完成的审查"));
    if (!model.issues.empty()) fmt::print("读取档案时有 {} 个问题，见审查报告。\n", model.issues.size());
  }
  if (chain.empty() && !named) {
    fmt::print(stderr, "xunkao person: 档案和问题中都没有 {} (no record names this person)\n",
               TerminalText(options.id));
    return 1;
  }
  return 0;
}

}  // namespace

AddedCommand AddPersonCommand(CLI::App& app) {
  auto options = std::make_shared<PersonOptions>();
  CLI::App* command = app.add_subcommand(
      "person", "按身份证号查看一个人的全链条：参加的班级、每次课的签到学时、考试及成绩、证书，以及涉及此人的问题");
  command->add_option("ID", options->id, "身份证号（大小写 x 视为相同）")->required();
  command->add_option("--db", options->db, "数据库文件 (default ./xunkao-out/xunkao.db)");
  command->add_option("--archive", options->archive, "档案目录 (default 最近一次审查的档案)");
  command->add_option("--config", options->config, "audit.toml (default 档案目录中的)");
  command->add_option("--format", options->format, "text | json")->check(CLI::IsMember({"text", "json"}));
  return {command, [options] { return RunPerson(*options); }};
}

}  // namespace xk
