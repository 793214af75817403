#include "src/cli/draw_command.h"

#include <fmt/format.h>

#include <filesystem>

#include "records/atomic_file.h"
#include "records/store/audit_store.h"
#include "records/store/draw_store.h"
#include "src/cycle/draw_making.h"
#include "src/report/draw_list.h"
#include "version.h"

namespace xk {

namespace {

namespace fs = std::filesystem;

constexpr size_t kIssuesShown = 20;

std::string DatabasePath(const DrawOptions& options) {
  return options.db.empty() ? (fs::path(options.out) / "xunkao.db").string() : options.db;
}

bool RequireDatabase(const std::string& db) {
  if (fs::exists(db)) return true;
  fmt::print(stderr, "xunkao draw: 找不到数据库 {}；请用 --db 指定 (no such database)\n", db);
  return false;
}

void PrintIssues(const std::vector<LoadIssue>& issues) {
  for (size_t i = 0; i < issues.size() && i < kIssuesShown; ++i) {
    const LoadIssue& issue = issues[i];
    std::string where = issue.file;
    if (issue.line > 0) where += fmt::format(":{}", issue.line);
    if (!issue.column.empty()) where += fmt::format("（{}）", issue.column);
    fmt::print(stderr, "xunkao draw: {}：{}\n", where, issue.message_zh);
  }
  if (issues.size() > kIssuesShown) {
    fmt::print(stderr, "xunkao draw: 另有 {} 条读取问题未列出 ({} more load issues)\n", issues.size() - kIssuesShown,
               issues.size() - kIssuesShown);
  }
}

int ListDraws(const DrawOptions& options) {
  const std::string db = DatabasePath(options);
  if (!RequireDatabase(db)) return 2;
  store::AuditStore store(db);
  const auto draws = store::ListDraws(store.db());
  if (draws.empty()) {
    fmt::print("数据库 {} 中还没有抽取记录 (no draws yet)\n", db);
    return 0;
  }
  fmt::print("{:<6} {:<8} {:<26} {:<6} {:<8} {:<14} {}\n", "编号", "半年度", "抽取时间", "比例", "对象数", "池哈希",
             "随机种子");
  for (const auto& draw : draws) {
    fmt::print("{:<6} {:<8} {:<26} {:<6} {:<8} {:<14} {}\n", draw.id, draw.period, draw.created, draw.ratio,
               draw.targets.size(), draw.pool_sha256.substr(0, 12), draw.seed);
  }
  return 0;
}

int Verify(const DrawOptions& options) {
  const std::string db = DatabasePath(options);
  if (!RequireDatabase(db)) return 2;
  store::AuditStore store(db);
  const DrawVerification verification = VerifyDraw(store, *options.verify, options.archive);
  if (!verification.draw) {
    fmt::print(stderr, "xunkao draw: 数据库 {} 中没有编号为 {} 的抽取 (no draw {})\n", db, *options.verify,
               *options.verify);
    return 2;
  }
  const store::DrawRecord& draw = *verification.draw;
  PrintIssues(verification.issues);
  fmt::print("抽取 {}（{}，{}）按存档的随机种子和档案 {} 的当前名录重算：\n", draw.id, draw.period, draw.created,
             verification.archive.string());
  if (!verification.missing_file.empty()) {
    fmt::print(stderr, "xunkao draw: {}\n", verification.missing_zh);
    fmt::print("结论：不一致 (differs)：无法重算，{} 缺失或无法读取\n", verification.missing_file);
    return 1;
  }
  if (verification.pool_same) {
    fmt::print("  抽取池哈希：相同 {}\n", draw.pool_sha256);
  } else {
    fmt::print("  抽取池哈希：不同 (pool hash changed)：抽取时 {}，现在 {}\n", draw.pool_sha256,
               verification.pool_sha256_now);
    if (!verification.pool_difference_zh.empty()) {
      fmt::print("  第一处不同：{}{}\n",
                 verification.pool_line_removed ? "抽取时有、现在没有：" : "现在有、抽取时没有：",
                 verification.pool_difference_zh);
    }
  }
  if (verification.target_difference_zh.empty()) {
    fmt::print("  抽查对象和检查人员：与存档相同（{} 个对象）\n", draw.targets.size());
  } else {
    fmt::print("  抽查对象和检查人员：第一处不同：{}\n", verification.target_difference_zh);
  }
  fmt::print("结论：{}\n", verification.identical ? "一致 (identical)" : "不一致 (differs)");
  return verification.identical ? 0 : 1;
}

int Make(const DrawOptions& options) {
  NewDraw request = options;
  request.tool_version = kVersion;
  if (std::string problem = NewDrawProblem(request); !problem.empty()) {
    fmt::print(stderr, "xunkao draw: {}\n", problem);
    return 2;
  }
  std::error_code ec;
  fs::create_directories(options.out, ec);
  const std::string db = DatabasePath(options);
  if (fs::path(db).has_parent_path()) fs::create_directories(fs::path(db).parent_path(), ec);
  store::AuditStore store(db);
  fs::path html_path, csv_path;
  // The public list is written before the draw is committed: a list that cannot be written
  // stores no draw.
  const MadeDraw made = MakeDraw(store, request, [&](const MadeDraw& made) {
    html_path = fs::absolute(fs::path(options.out) / fmt::format("draw-{}.html", made.record->id));
    csv_path = fs::absolute(fs::path(options.out) / fmt::format("draw-{}.csv", made.record->id));
    WriteFileAtomically(html_path, DrawListHtml(*made.record, made.result, made.institutions));
    WriteFileAtomically(csv_path, DrawListCsv(*made.record, made.institutions));
  });
  PrintIssues(made.issues);
  for (const std::string& warning : made.warnings) fmt::print(stderr, "xunkao draw: {}\n", warning);
  for (const std::string& line : made.refused) fmt::print(stderr, "xunkao draw: {}\n", line);
  if (!made.record) return 2;

  const store::DrawRecord& record = *made.record;
  const DrawResult& result = made.result;
  const size_t priority = record.targets.size() - static_cast<size_t>(result.drawn);
  fmt::print(
      "抽取 {}（{}）：名录 {} 个机构，随机抽取 {} 个（比例 {}，至少 {} 个），重点检查对象 {} 个，共 {} 个抽查对象。\n",
      record.id, record.period, record.pool_size, result.drawn, record.ratio, record.min_targets, priority,
      record.targets.size());
  if (result.drawn < result.wanted) {
    fmt::print("可参加抽取的机构只有 {} 个（本期已抽查的和重点检查对象不参加），已全部抽取。\n", result.eligible);
  }
  fmt::print("随机种子 (seed)：{}\n抽取池哈希 (pool SHA-256)：{}\n", record.seed, record.pool_sha256);
  int position = 0;
  for (const auto& target : record.targets) {
    fmt::print("  {:>3}  {:<10} {:<8} {}\n", ++position, target.institution,
               target.selection == "priority" ? "重点" : "抽中", InspectorNames(target));
  }
  fmt::print("公示名单：{}\n公示名单 (CSV)：{}\n", html_path.string(), csv_path.string());
  return 0;
}

}  // namespace

int RunDrawCommand(const DrawOptions& options) {
  if (options.list) return ListDraws(options);
  if (options.verify) return Verify(options);
  return Make(options);
}

}  // namespace xk
