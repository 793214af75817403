#include "src/cli/demo_command.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "src/audit/audit_pipeline.h"
#include "src/audit/progress.h"
#include "tools/demo/accuracy.h"
#include "tools/demo/demo_archive.h"

namespace xk {

int RunDemoCommand(const DemoOptions& options) {
  namespace fs = std::filesystem;
  fs::path dir = fs::absolute(options.dir);
  fs::path archive = dir / "archive";
  fs::path out = dir / "out";
  fmt::print("生成演示档案：{}\n", archive.string());
  fs::remove_all(archive);
  fs::remove_all(out);
  DemoScale scale;
  scale.extra_institutions = options.extra_institutions;
  scale.video = !options.no_video;
  DemoKey key = WriteDemoArchive(archive, scale, options.seed);

  AuditOptions audit;
  audit.archive = archive;
  audit.out = out;
  audit.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  audit.chinese = options.chinese;
  audit.progress = StderrIsTerminal();
  AuditOutcome outcome = RunAudit(audit);
  if (outcome.exit_code == 3) {
    fmt::print(stderr, "xunkao: {}\n", outcome.message);
    return 3;
  }
  fmt::print("审查完成：共 {} 个问题。按规则：\n", outcome.findings);
  for (const auto& [rule, count] : outcome.by_rule) fmt::print("  {:<26} {}\n", rule, count);

  std::ifstream in(out / "findings.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  AccuracyReport accuracy = ScoreFindings(key, text.str());
  fmt::print("\n与答案（{}）对照：\n{}", (archive / "key.json").string(), accuracy.Table());
  fmt::print("\n报告：{}\n", outcome.report.string());
  return accuracy.perfect() ? 0 : 1;
}

}  // namespace xk
