#include "src/cli/rules_command.h"

#include <fmt/format.h>

#include "detectors/hours_math.h"
#include "detectors/rule_table.h"
#include "records/audit_config.h"
#include "records/enum_names.h"
#include "records/input_limits.h"

namespace xk {

int RunRulesCommand(bool chinese, const std::string& config_path) {
  std::vector<LoadIssue> issues;
  std::optional<std::filesystem::path> explicit_config;
  if (!config_path.empty()) explicit_config = config_path;
  AuditConfig config = LoadAuditConfig(".", explicit_config, &issues);
  for (const auto& issue : issues) {
    fmt::print(stderr, "xunkao: {}:{}: {}\n", issue.file, issue.line, chinese ? issue.message_zh : issue.message_en);
  }
  fmt::print("{}\n\n", chinese ? "规则目录（代码 · 严重程度 · 查什么 · 当前阈值 · 依据及其适用时段）"
                               : "Rule catalog (code · severity · finds · threshold in force · basis with the dates "
                                 "it applies to conduct)");
  for (const RuleRow& rule : RuleTable()) {
    fmt::print("{} [{}]\n  {}\n", rule.code, SeverityName(rule.severity), chinese ? rule.finds_zh : rule.finds_en);
    const std::string threshold = rule.threshold_text(config.policy, chinese);
    if (!threshold.empty()) fmt::print("  {}: {}\n", chinese ? "阈值" : "threshold", threshold);
    if (!rule.thresholds.empty()) {
      std::string names;
      for (std::string_view name : rule.thresholds) names += (names.empty() ? "" : ", ") + std::string(name);
      fmt::print("  {}: {}\n", chinese ? "audit.toml [thresholds]" : "audit.toml [thresholds]", names);
    }
    fmt::print("  {}:\n", chinese ? "依据（按行为发生日期适用）" : "basis (applied by the date of the conduct)");
    for (const LegalText& text : rule.basis) {
      const std::string from = text.from ? FormatDate(*text.from) : "";
      const std::string until = text.until ? FormatDate(*text.until) : "";
      std::string when;
      if (!text.from && !text.until) {
        when = chinese ? "一直适用" : "always";
      } else if (!text.until) {
        when = fmt::format("{} {}", from, chinese ? "起" : "onwards");
      } else if (!text.from) {
        when = fmt::format("{} {}", chinese ? "至" : "before", until);
      } else {
        when = fmt::format("{} – {}", from, until);
      }
      fmt::print("    [{}] {}\n", when, text.citation);
    }
  }
  fmt::print("\n{}\n",
             chinese
                 ? "培训大纲最低学时（类别 · 行业 · 作业类别 · 性质 · 总/实操/理论 · 来源）"
                 : "Syllabus minimum hours (category · industry · job type · cycle · total/practical/theory · source)");
  for (const auto& row : config.syllabus.rows()) {
    fmt::print("  {} · {} · {} · {} · {}/{}/{} · {}\n", chinese ? ChineseName(row.category) : Token(row.category),
               row.industry.empty()
                   ? "*"
                   : (row.industry == "high_risk" ? (chinese ? "高危行业" : "high-risk") : row.industry),
               row.job_type.empty() ? "*" : row.job_type, chinese ? ChineseName(row.cycle) : Token(row.cycle),
               FormatHours(row.total_hours), row.practical_hours ? FormatHours(*row.practical_hours) : "-",
               row.theory_hours ? FormatHours(*row.theory_hours) : "-", row.source);
  }
  fmt::print("\n{}\n", chinese ? "阈值（名称 = 当前值 · 允许范围；在 audit.toml 的 [thresholds] 中调整）"
                               : "Thresholds (name = value in force · range; set in audit.toml [thresholds])");
  for (const ThresholdInfo& threshold : DescribeThresholds(config.policy)) {
    fmt::print("  {} = {} · {}..{}\n", threshold.name, threshold.value, threshold.lowest, threshold.highest);
  }
  fmt::print("\n{}\n", chinese ? "读取上限（名称 = 当前值 · 默认 · 允许范围 · 含义；在 audit.toml 的 [limits] 中调整）"
                               : "Input limits (name = value in force · default · range · what; set in audit.toml "
                                 "[limits])");
  for (const InputLimitInfo& limit : DescribeInputLimits(config.policy.limits)) {
    fmt::print("  {} = {} · {} · {}..{} · {}\n", limit.name, limit.value, limit.default_value, limit.minimum,
               limit.maximum, chinese ? limit.zh : limit.en);
  }
  return 0;
}

}  // namespace xk
