#include "src/cycle/draw_making.h"

#include <fmt/format.h>

#include <algorithm>

#include "records/archive_loader.h"
#include "records/audit_config.h"
#include "records/csv/encoding.h"
#include "records/half_year.h"
#include "src/cycle/draw_sources.h"

namespace xk {

namespace {

namespace fs = std::filesystem;

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

// Why nothing was drawn, for a file a draw cannot do without.
std::string MissingMessage(const std::string& file, const fs::path& archive) {
  if (file.rfind("bureau/inspectors", 0) == 0) {
    return fmt::format(
        "缺少或无法读取执法检查人员名录 {}（档案 {}）。抽取需要这份名录：列 inspector_id 身份证号、"
        "name 姓名、cert_no 执法证号，可选 unit 所属单位、recuse 回避机构、active 在岗。\n"
        "(bureau/inspectors.csv, the roster of inspectors, is needed for a draw and is missing or unreadable)",
        file, archive.string());
  }
  return fmt::format(
      "缺少或无法读取机构名单 {}（档案 {}），无法确定抽取范围。\n"
      "({} is needed for a draw and is missing or unreadable)",
      file, archive.string(), file);
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

// The archive's settings (the time zone, the reading limits); problems in audit.toml leave the
// defaults, as in the audit.
AuditPolicy ArchivePolicy(const fs::path& archive) {
  std::vector<LoadIssue> ignored;
  return LoadAuditConfig(archive, std::nullopt, &ignored).policy;
}

std::vector<std::string> SplitRecusals(const std::string& joined) {
  std::vector<std::string> codes;
  size_t start = 0;
  while (start < joined.size()) {
    const size_t end = std::min(joined.find(';', start), joined.size());
    if (end > start) codes.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return codes;
}

}  // namespace

std::string InspectorNames(const store::DrawTargetRow& target) {
  std::string names;
  for (const auto& inspector : target.inspectors) names += (names.empty() ? "" : "、") + inspector.name;
  return names;
}

std::string NewDrawProblem(const NewDraw& request) {
  if (request.period.empty()) return "请用 --period 指定半年度，如 2022H2 (give --period, or --verify ID, or --list)";
  if (!HalfYear::Parse(request.period))
    return fmt::format("--period {} 应为 年份+H1/H2，如 2022H2 (expected e.g. 2022H2)", request.period);
  if (!ParseDrawRatio(request.ratio))
    return fmt::format("--ratio {} 应为 0 到 1 之间的小数，至多 6 位小数，如 0.3 (expected a decimal 0..1)",
                       request.ratio);
  if (!request.seed.empty()) {
    if (std::string problem = SeedProblem(request.seed); !problem.empty()) return "--seed " + problem;
  }
  return "";
}

MadeDraw MakeDraw(store::AuditStore& store, const NewDraw& request,
                  const std::function<void(const MadeDraw&)>& before_commit) {
  MadeDraw made;
  if (std::string problem = NewDrawProblem(request); !problem.empty()) {
    made.refused = {problem};
    return made;
  }
  fs::path archive = request.archive;
  if (archive.empty()) {
    if (auto run = store.LastCompletedRun()) archive = run->archive;
  } else {
    archive = fs::absolute(archive);
  }
  if (archive.empty()) {
    made.refused = {
        fmt::format("数据库 {} 中没有完成的审查，请用 --archive 指定档案目录 (give --archive)", store.db().path())};
    return made;
  }
  std::error_code ec;
  if (!fs::is_directory(archive, ec)) {
    made.refused = {fmt::format("档案目录不存在或不是目录：{} (the archive is not a directory)", archive.string())};
    return made;
  }
  const DrawRatio ratio = *ParseDrawRatio(request.ratio);
  const AuditPolicy policy = ArchivePolicy(archive);
  const std::string created = FormatInstant(CurrentInstant(), policy.zone);

  // Reading the earlier draws and storing this one in one transaction: a draw made at the same
  // time on the same database waits, and then sees this one.
  store::Transaction transaction(store.db());
  DrawSources sources = GatherDrawSources(archive, policy, store.db(), request.period, std::nullopt);
  made.issues = sources.issues;
  made.institutions = sources.institutions;
  if (!sources.missing.empty()) {
    made.refused = {MissingMessage(sources.missing, archive)};
    return made;
  }
  if (sources.input.pool.empty()) {
    made.refused = {"机构名单 institutions.csv 中没有可用的机构，无法抽取 (the pool is empty)"};
    return made;
  }
  for (const auto& code : sources.priority_outside_pool) {
    made.warnings.push_back(
        fmt::format("重点检查对象 {} 不在机构名单 institutions.csv 中，未列入 (not in the pool)", code));
  }
  sources.input.seed = request.seed.empty() ? created : request.seed;
  sources.input.ratio = ratio;
  sources.input.min_targets = request.min_targets;
  made.result = RunDraw(sources.input);
  if (!made.result.unstaffed.empty()) {
    for (const auto& unstaffed : made.result.unstaffed) {
      made.refused.push_back(
          fmt::format("抽查对象 {}：名录中在岗且无需回避的检查人员只有 {} 名，需要 2 名 "
                      "(fewer than two inspectors can be sent)",
                      unstaffed.institution, unstaffed.eligible_inspectors));
    }
    made.refused.push_back(
        "未抽取，未保存任何内容：请补充 bureau/inspectors.csv 后重新抽取 (nothing was drawn or stored)");
    return made;
  }

  store::DrawRecord record;
  record.created = created;
  record.period = request.period;
  record.seed = sources.input.seed;
  record.ratio = ratio.text;
  record.min_targets = request.min_targets;
  record.pool_size = made.result.pool_size;
  record.pool_sha256 = made.result.pool_sha256;
  record.pool_text = made.result.pool_text;
  record.archive = archive.string();
  record.tool_version = request.tool_version;
  record.targets = TargetRows(made.result);
  record.id = store::SaveDraw(store.db(), record);
  made.record = record;
  if (before_commit) before_commit(made);
  transaction.Commit();
  return made;
}

DrawVerification VerifyDraw(store::AuditStore& store, int64_t id, const fs::path& archive_option) {
  DrawVerification verification;
  verification.draw = store::LoadDraw(store.db(), id);
  if (!verification.draw) return verification;
  const store::DrawRecord& draw = *verification.draw;
  const fs::path archive = fs::absolute(archive_option.empty() ? fs::path(draw.archive) : archive_option);
  verification.archive = archive;
  DrawSources sources = GatherDrawSources(archive, ArchivePolicy(archive), store.db(), draw.period, draw.id);
  verification.issues = sources.issues;
  if (!sources.missing.empty()) {
    verification.missing_file = sources.missing;
    verification.missing_zh = MissingMessage(sources.missing, archive);
    return verification;
  }
  sources.input.seed = draw.seed;
  sources.input.ratio = ParseDrawRatio(draw.ratio).value_or(DrawRatio{});
  sources.input.min_targets = draw.min_targets;
  const DrawResult result = RunDraw(sources.input);
  verification.pool_sha256_now = result.pool_sha256;
  verification.pool_same = result.pool_sha256 == draw.pool_sha256;
  if (!verification.pool_same) {
    if (auto difference = FirstPoolDifference(draw.pool_text, result.pool_text)) {
      verification.pool_line_removed = difference->removed;
      verification.pool_difference_zh = DescribePoolLine(difference->fields);
    }
  }
  verification.target_difference_zh = FirstTargetDifference(draw.targets, TargetRows(result));
  if (verification.target_difference_zh.empty() && !result.unstaffed.empty()) {
    verification.target_difference_zh =
        fmt::format("现在的名录不能为抽查对象 {} 派出两名检查人员", result.unstaffed[0].institution);
  }
  verification.identical = verification.pool_same && verification.target_difference_zh.empty();
  return verification;
}

DrawResult RecomputeStoredDraw(const store::DrawRecord& draw) {
  DrawInput input;
  input.period = draw.period;
  input.seed = draw.seed;
  input.ratio = ParseDrawRatio(draw.ratio).value_or(DrawRatio{});
  input.min_targets = draw.min_targets;
  size_t start = 0;
  const std::string& text = draw.pool_text;
  while (start < text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    const std::vector<std::string> f = PoolLineFields(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (f[0] == "institution" && f.size() >= 2) input.pool.push_back(f[1]);
    if (f[0] == "checked" && f.size() >= 2) input.checked.insert(f[1]);
    if (f[0] == "priority" && f.size() >= 3) input.priority[f[1]] = f[2];
    if (f[0] == "inspector" && f.size() >= 7) {
      Inspector inspector;
      inspector.inspector_id = f[1];
      inspector.name = f[2];
      inspector.cert_no = f[3];
      inspector.unit = f[4];
      inspector.active = f[5] == "yes";
      inspector.recuse = SplitRecusals(f[6]);
      input.roster.push_back(std::move(inspector));
    }
  }
  return RunDraw(input);
}

std::vector<Institution> DrawArchiveInstitutions(const fs::path& archive) {
  std::error_code ec;
  if (archive.empty() || !fs::is_directory(archive, ec)) return {};
  ArchiveModel model;
  LoadInstitutions(archive, ArchivePolicy(archive), &model);
  return model.institutions;
}

}  // namespace xk
