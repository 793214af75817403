#include "src/cli/draw_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "records/atomic_file.h"
#include "records/audit_config.h"
#include "records/csv/encoding.h"
#include "records/half_year.h"
#include "records/store/audit_store.h"
#include "records/store/draw_store.h"
#include "src/cycle/draw.h"
#include "src/cycle/draw_sources.h"
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

// Why `seed` cannot be used, or "" when it can: it must be typed into a spreadsheet or a script and
// show as written in the CSV, so it is one line of valid UTF-8 that no spreadsheet takes for a formula.
std::string SeedProblem(const std::string& seed) {
  if (seed.empty()) return "为空 (is empty)";
  if (!IsValidUtf8(seed)) return "不是有效的 UTF-8 文本 (is not valid UTF-8)";
  if (std::any_of(seed.begin(), seed.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return "含控制字符 (holds a control character)";
  }
  if (std::string_view("=+-@").find(seed.front()) != std::string_view::npos) {
    return "不能以 = + - @ 开头，电子表格会把它当作公式 (must not begin with = + - @)";
  }
  return "";
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

// The message for a file a draw cannot do without.
void PrintMissing(const std::string& file, const fs::path& archive) {
  if (file.rfind("bureau/inspectors", 0) == 0) {
    fmt::print(stderr,
               "xunkao draw: 缺少或无法读取执法检查人员名录 {}（档案 {}）。抽取需要这份名录：列 inspector_id 身份证号、"
               "name 姓名、cert_no 执法证号，可选 unit 所属单位、recuse 回避机构、active 在岗。\n"
               "(bureau/inspectors.csv, the roster of inspectors, is needed for a draw and is missing or unreadable)\n",
               file, archive.string());
  } else {
    fmt::print(stderr,
               "xunkao draw: 缺少或无法读取机构名单 {}（档案 {}），无法确定抽取范围。\n"
               "({} is needed for a draw and is missing or unreadable)\n",
               file, archive.string(), file);
  }
}

std::vector<store::DrawTargetRow> TargetRows(const DrawResult& result) {
  std::vector<store::DrawTargetRow> rows;
  for (const auto& target : result.targets) {
    store::DrawTargetRow row{
        target.institution, target.priority ? "priority" : "drawn", target.reason, target.rank_sha256, {}};
    for (const auto& drawn : target.inspectors) {
      const Inspector& i = drawn.inspector;
      row.inspectors.push_back(store::DrawInspectorRow{i.inspector_id, i.name, i.cert_no, i.unit, drawn.rank_sha256});
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string InspectorNames(const store::DrawTargetRow& target) {
  std::string names;
  for (const auto& inspector : target.inspectors) names += (names.empty() ? "" : "、") + inspector.name;
  return names;
}

// A line of the pool text (src/cycle/draw.h DrawPoolText) as an officer reads it.
std::string DescribePoolLine(const std::vector<std::string>& f) {
  if (f[0] == "institution" && f.size() >= 2) return "机构名单中的 " + f[1];
  if (f[0] == "checked" && f.size() >= 2) return "本期已被此前的抽取抽中的 " + f[1];
  if (f[0] == "priority" && f.size() >= 3) return "重点检查对象 " + f[1] + "（" + f[2] + "）";
  if (f[0] == "inspector" && f.size() >= 7) {
    return fmt::format("检查人员名录中的 {}（执法证号 {}，{}，{}，回避：{}）", f[2], f[3], f[4],
                       f[5] == "yes" ? "在岗" : "不在岗", f[6].empty() ? "无" : f[6]);
  }
  if (f[0] == "period" && f.size() >= 2) return "半年度 " + f[1];
  std::string line;
  for (const auto& field : f) line += (line.empty() ? "" : "|") + field;
  return line;
}

// The first difference between the stored targets and the recomputed ones, "" when none.
std::string FirstTargetDifference(const std::vector<store::DrawTargetRow>& stored,
                                  const std::vector<store::DrawTargetRow>& now) {
  auto has = [](const std::vector<store::DrawTargetRow>& targets, const std::string& code) {
    return std::any_of(targets.begin(), targets.end(), [&](const auto& t) { return t.institution == code; });
  };
  for (const auto& target : stored) {
    if (!has(now, target.institution)) {
      return fmt::format("重算结果中没有抽查对象 {} (target {} missing)", target.institution, target.institution);
    }
  }
  for (const auto& target : now) {
    if (!has(stored, target.institution)) {
      return fmt::format("重算结果多出抽查对象 {} (extra target {})", target.institution, target.institution);
    }
  }
  for (size_t i = 0; i < stored.size(); ++i) {
    const auto& then = stored[i];
    const auto& again = now[i];
    if (then.institution != again.institution) {
      return fmt::format("第 {} 位不同：存档 {}，重算 {} (order differs)", i + 1, then.institution, again.institution);
    }
    if (then.selection != again.selection) {
      return fmt::format("抽查对象 {} 的入选方式不同：存档 {}，重算 {}", then.institution, then.selection,
                         again.selection);
    }
    auto ids = [](const store::DrawTargetRow& t) {
      std::vector<std::string> out;
      for (const auto& i : t.inspectors) out.push_back(i.inspector_id);
      return out;
    };
    if (ids(then) != ids(again)) {
      return fmt::format("抽查对象 {} 的检查人员不同：存档 {}，重算 {} (inspectors differ)", then.institution,
                         InspectorNames(then), InspectorNames(again));
    }
  }
  return "";
}

// Loads the archive's settings (the time zone, the reading limits); problems in audit.toml leave
// the defaults, as in the audit.
AuditPolicy ArchivePolicy(const fs::path& archive) {
  std::vector<LoadIssue> ignored;
  return LoadAuditConfig(archive, std::nullopt, &ignored).policy;
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

int VerifyDraw(const DrawOptions& options) {
  const std::string db = DatabasePath(options);
  if (!RequireDatabase(db)) return 2;
  store::AuditStore store(db);
  const auto draw = store::LoadDraw(store.db(), *options.verify);
  if (!draw) {
    fmt::print(stderr, "xunkao draw: 数据库 {} 中没有编号为 {} 的抽取 (no draw {})\n", db, *options.verify,
               *options.verify);
    return 2;
  }
  const fs::path archive = fs::absolute(options.archive.empty() ? draw->archive : options.archive);
  DrawSources sources = GatherDrawSources(archive, ArchivePolicy(archive), store.db(), draw->period, draw->id);
  PrintIssues(sources.issues);
  fmt::print("抽取 {}（{}，{}）按存档的随机种子和档案 {} 的当前名录重算：\n", draw->id, draw->period, draw->created,
             archive.string());
  if (!sources.missing.empty()) {
    PrintMissing(sources.missing, archive);
    fmt::print("结论：不一致 (differs)：无法重算，{} 缺失或无法读取\n", sources.missing);
    return 1;
  }
  sources.input.seed = draw->seed;
  sources.input.ratio = ParseDrawRatio(draw->ratio).value_or(DrawRatio{});
  sources.input.min_targets = draw->min_targets;
  const DrawResult result = RunDraw(sources.input);

  bool identical = true;
  if (result.pool_sha256 == draw->pool_sha256) {
    fmt::print("  抽取池哈希：相同 {}\n", draw->pool_sha256);
  } else {
    identical = false;
    fmt::print("  抽取池哈希：不同 (pool hash changed)：抽取时 {}，现在 {}\n", draw->pool_sha256, result.pool_sha256);
    if (auto difference = FirstPoolDifference(draw->pool_text, result.pool_text)) {
      fmt::print("  第一处不同：{}{}\n", difference->removed ? "抽取时有、现在没有：" : "现在有、抽取时没有：",
                 DescribePoolLine(difference->fields));
    }
  }
  std::string target_difference = FirstTargetDifference(draw->targets, TargetRows(result));
  if (target_difference.empty() && !result.unstaffed.empty()) {
    target_difference = fmt::format("现在的名录不能为抽查对象 {} 派出两名检查人员", result.unstaffed[0].institution);
  }
  if (target_difference.empty()) {
    fmt::print("  抽查对象和检查人员：与存档相同（{} 个对象）\n", draw->targets.size());
  } else {
    identical = false;
    fmt::print("  抽查对象和检查人员：第一处不同：{}\n", target_difference);
  }
  fmt::print("结论：{}\n", identical ? "一致 (identical)" : "不一致 (differs)");
  return identical ? 0 : 1;
}

int MakeDraw(const DrawOptions& options) {
  if (options.period.empty()) {
    fmt::print(stderr, "xunkao draw: 请用 --period 指定半年度，如 2022H2 (give --period, or --verify ID, or --list)\n");
    return 2;
  }
  if (!HalfYear::Parse(options.period)) {
    fmt::print(stderr, "xunkao draw: --period {} 应为 年份+H1/H2，如 2022H2 (expected e.g. 2022H2)\n", options.period);
    return 2;
  }
  const auto ratio = ParseDrawRatio(options.ratio);
  if (!ratio) {
    fmt::print(stderr,
               "xunkao draw: --ratio {} 应为 0 到 1 之间的小数，至多 6 位小数，如 0.3 (expected a decimal 0..1)\n",
               options.ratio);
    return 2;
  }
  if (!options.seed.empty()) {
    if (std::string problem = SeedProblem(options.seed); !problem.empty()) {
      fmt::print(stderr, "xunkao draw: --seed {}\n", problem);
      return 2;
    }
  }
  std::error_code ec;
  fs::create_directories(options.out, ec);
  const std::string db = DatabasePath(options);
  if (fs::path(db).has_parent_path()) fs::create_directories(fs::path(db).parent_path(), ec);
  store::AuditStore store(db);

  fs::path archive;
  if (!options.archive.empty()) {
    archive = fs::absolute(options.archive);
  } else if (auto run = store.LastCompletedRun()) {
    archive = run->archive;
  } else {
    fmt::print(stderr, "xunkao draw: 数据库 {} 中没有完成的审查，请用 --archive 指定档案目录 (give --archive)\n", db);
    return 2;
  }
  if (!fs::is_directory(archive, ec)) {
    fmt::print(stderr, "xunkao draw: 档案目录不存在或不是目录：{} (the archive is not a directory)\n",
               archive.string());
    return 2;
  }
  const AuditPolicy policy = ArchivePolicy(archive);
  const std::string created = FormatInstant(CurrentInstant(), policy.zone);

  // Reading the earlier draws and storing this one in one transaction: a draw made at the same
  // time on the same database waits, and then sees this one.
  store::Transaction transaction(store.db());
  DrawSources sources = GatherDrawSources(archive, policy, store.db(), options.period, std::nullopt);
  PrintIssues(sources.issues);
  if (!sources.missing.empty()) {
    PrintMissing(sources.missing, archive);
    return 2;
  }
  if (sources.input.pool.empty()) {
    fmt::print(stderr, "xunkao draw: 机构名单 institutions.csv 中没有可用的机构，无法抽取 (the pool is empty)\n");
    return 2;
  }
  for (const auto& code : sources.priority_outside_pool) {
    fmt::print(stderr, "xunkao draw: 重点检查对象 {} 不在机构名单 institutions.csv 中，未列入 (not in the pool)\n",
               code);
  }
  sources.input.seed = options.seed.empty() ? created : options.seed;
  sources.input.ratio = *ratio;
  sources.input.min_targets = options.min_targets;
  const DrawResult result = RunDraw(sources.input);
  if (!result.unstaffed.empty()) {
    for (const auto& unstaffed : result.unstaffed) {
      fmt::print(stderr,
                 "xunkao draw: 抽查对象 {}：名录中在岗且无需回避的检查人员只有 {} 名，需要 2 名 "
                 "(fewer than two inspectors can be sent)\n",
                 unstaffed.institution, unstaffed.eligible_inspectors);
    }
    fmt::print(stderr,
               "xunkao draw: 未抽取，未保存任何内容：请补充 bureau/inspectors.csv 后重新抽取 (nothing was drawn or "
               "stored)\n");
    return 2;
  }

  store::DrawRecord record;
  record.created = created;
  record.period = options.period;
  record.seed = sources.input.seed;
  record.ratio = ratio->text;
  record.min_targets = options.min_targets;
  record.pool_size = result.pool_size;
  record.pool_sha256 = result.pool_sha256;
  record.pool_text = result.pool_text;
  record.archive = archive.string();
  record.tool_version = kVersion;
  record.targets = TargetRows(result);
  record.id = store::SaveDraw(store.db(), record);
  const fs::path html = fs::absolute(fs::path(options.out) / fmt::format("draw-{}.html", record.id));
  const fs::path csv = fs::absolute(fs::path(options.out) / fmt::format("draw-{}.csv", record.id));
  WriteFileAtomically(html, DrawListHtml(record, result, sources.institutions));
  WriteFileAtomically(csv, DrawListCsv(record, sources.institutions));
  transaction.Commit();

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
  fmt::print("公示名单：{}\n公示名单 (CSV)：{}\n", html.string(), csv.string());
  return 0;
}

}  // namespace

int RunDrawCommand(const DrawOptions& options) {
  if (options.list) return ListDraws(options);
  if (options.verify) return VerifyDraw(options);
  return MakeDraw(options);
}

}  // namespace xk
