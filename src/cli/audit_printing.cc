#include "src/cli/audit_printing.h"

#include <fmt/format.h>

namespace xk {

void PrintAuditOutcome(const AuditOptions& options, const AuditOutcome& outcome) {
  if (!outcome.status.ok()) return;
  if (options.shard) {
    const auto db = options.db.value_or(options.out / "xunkao.db");
    fmt::print(
        "分片 {}/{} 完成（运行 {}）：本分片的录像已分析并存入 {}。\n全部分片完成后用 xunkao merge 汇总并运行规则。\n",
        options.shard->index + 1, options.shard->count, outcome.run_id, db.string());
    return;
  }
  fmt::print("审查完成（运行 {}）：问题 {} 个，其中新发现 {} 个，不再发现 {} 个。\n", outcome.run_id, outcome.findings,
             outcome.new_findings, outcome.resolved);
  for (const auto& [rule, count] : outcome.by_rule) fmt::print("  {:<26} {}\n", rule, count);
  fmt::print("报告：{}\n", outcome.report.string());
}

}  // namespace xk
