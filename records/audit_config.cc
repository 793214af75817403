#include "records/audit_config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>

#include "records/archive_files.h"
#include "records/csv/table.h"
#include "records/enum_names.h"
#include "records/input_limits.h"

namespace xk {

namespace {

const TableSpec kSyllabusSpec = {"培训大纲学时",
                                 {{"category", "培训类别", true, {}},
                                  {"industry", "行业", false, {}},
                                  {"job_type", "作业类别", false, {}},
                                  {"cycle", "培训性质", true, {}},
                                  {"total_hours", "总学时", true, {"学时"}},
                                  {"practical_hours", "实操学时", false, {}},
                                  {"theory_hours", "理论学时", false, {}},
                                  {"source", "依据", false, {"来源"}}}};

void ApplyThresholds(const toml::table& t, AuditPolicy* p, const std::string& file, std::vector<LoadIssue>* issues) {
  for (const auto& [key, node] : t) {
    const std::string name(key.str());
    const int line = static_cast<int>(node.source().begin.line);
    const std::optional<double> value = node.value<double>();
    if (!value) {
      issues->push_back(LoadIssue{file, line, ShortenForMessage(name),
                                  fmt::format("{} 应为数字，沿用默认值", ShortenForMessage(name)),
                                  fmt::format("{} should be a number; the default stays", ShortenForMessage(name))});
      continue;
    }
    if (auto problem = SetThreshold(p, name, *value)) {
      issues->push_back(LoadIssue{file, line, ShortenForMessage(name), problem->zh, problem->en});
    }
  }
}

void ApplyCycle(const toml::table& t, CycleSettings* cycle, const std::string& file, std::vector<LoadIssue>* issues) {
  for (const auto& [key, node] : t) {
    const std::string name(key.str());
    const int line = static_cast<int>(node.source().begin.line);
    if (name != "recheck_days") {
      const std::string shown = ShortenForMessage(name);
      issues->push_back(
          LoadIssue{file, line, shown, fmt::format("[cycle] 中未知的配置项 {}，已忽略；是否想写 recheck_days？", shown),
                    fmt::format("unknown [cycle] setting {}; ignored. Did you mean recheck_days?", shown)});
      continue;
    }
    const std::optional<int64_t> days = node.value<int64_t>();
    if (!days || *days < 0 || *days > 365) {
      issues->push_back(LoadIssue{
          file, line, "recheck_days",
          fmt::format("[cycle] recheck_days 应为 0 到 365 的整数，沿用默认值 {}", cycle->recheck_days),
          fmt::format("[cycle] recheck_days should be a whole number from 0 to 365; {} is kept", cycle->recheck_days)});
      continue;
    }
    cycle->recheck_days = static_cast<int>(*days);
  }
}

void ApplyLimits(const toml::table& t, InputLimits* limits, const std::string& file, std::vector<LoadIssue>* issues) {
  for (const auto& [key, node] : t) {
    const std::string name(key.str());
    const int line = static_cast<int>(node.source().begin.line);
    const std::optional<double> value = node.value<double>();
    const std::string problem = value ? SetInputLimit(limits, name, *value)
                                      : fmt::format("[limits] {} 应为数字，沿用默认值 ({} should be a number)",
                                                    ShortenForMessage(name), ShortenForMessage(name));
    if (!problem.empty()) {
      issues->push_back(LoadIssue{file, line, ShortenForMessage(name), problem, problem});
    }
  }
}

std::optional<SyllabusRow> SyllabusRowFromToml(const toml::table& t, const std::string& file,
                                               std::vector<LoadIssue>* issues) {
  int line = static_cast<int>(t.source().begin.line);
  auto category = ParseEnum(t["category"].value_or(std::string()), CategorySpellings());
  auto cycle = ParseEnum(t["cycle"].value_or(std::string()), CycleSpellings());
  auto total = t["total_hours"].value<double>();
  if (!category || !cycle || !total) {
    issues->push_back(LoadIssue{file, line, "syllabus", "[[syllabus]] 条目需要 category、cycle 和 total_hours，已忽略",
                                "a [[syllabus]] entry needs category, cycle and total_hours; ignored"});
    return std::nullopt;
  }
  SyllabusRow row;
  row.category = *category;
  row.cycle = *cycle;
  row.industry = t["industry"].value_or(std::string());
  row.job_type = t["job_type"].value_or(std::string());
  row.total_hours = *total;
  row.practical_hours = t["practical_hours"].value<double>();
  row.theory_hours = t["theory_hours"].value<double>();
  row.source = t["source"].value_or(std::string("audit.toml"));
  return row;
}

}  // namespace

std::vector<SyllabusRow> LoadSyllabusCsv(const std::filesystem::path& path, const std::string& relative,
                                         std::vector<LoadIssue>* issues) {
  std::vector<SyllabusRow> rows;
  auto table = CsvTable::Load(path, relative, kSyllabusSpec, issues);
  if (!table) return rows;
  for (size_t i = 0; i < table->row_count(); ++i) {
    RowReader reader(*table, i, issues);
    SyllabusRow row;
    auto category = reader.Enum("category", true, CategorySpellings());
    row.industry = reader.Text("industry");
    row.job_type = reader.Text("job_type");
    auto cycle = reader.Enum("cycle", true, CycleSpellings());
    auto total = reader.Number("total_hours", true);
    row.practical_hours = reader.Number("practical_hours", false);
    row.theory_hours = reader.Number("theory_hours", false);
    row.source = reader.Text("source");
    if (!reader.ok()) continue;
    row.category = *category;
    row.cycle = *cycle;
    row.total_hours = *total;
    if (row.source.empty()) row.source = fmt::format("{} 第{}行", relative, reader.line());
    rows.push_back(std::move(row));
  }
  return rows;
}

AuditConfig LoadAuditConfig(const std::filesystem::path& archive_root,
                            const std::optional<std::filesystem::path>& explicit_config,
                            std::vector<LoadIssue>* issues) {
  AuditConfig config;
  const ArchiveRoot archive(archive_root);
  if (archive.Inspect("syllabus.csv").kind != EntryKind::kMissing) {
    config.syllabus.Override(LoadSyllabusCsv(archive_root / "syllabus.csv", "syllabus.csv", issues));
    config.sources.push_back("syllabus.csv");
  }
  // audit.toml is the archive's (hostile like the rest); --config is the operator's own file.
  std::filesystem::path toml_path = explicit_config.value_or(archive_root / "audit.toml");
  std::string file = explicit_config ? toml_path.string() : "audit.toml";
  const ArchiveRoot toml_folder(explicit_config ? toml_path.parent_path() : archive_root);
  const ArchiveEntry toml_entry = toml_folder.InspectPath(toml_path);
  if (toml_entry.kind == EntryKind::kMissing && toml_entry.what_zh.empty()) {
    if (explicit_config) {
      issues->push_back(LoadIssue{file, 0, "", "找不到配置文件，使用默认阈值",
                                  "the configuration file does not exist; defaults are used"});
    }
    return config;
  }
  ReadOutcome read = toml_folder.ReadPath(toml_path, config.policy.limits.config_max_bytes, "config_max_bytes");
  if (!read.bytes) {
    issues->push_back(LoadIssue{file, 0, "", "无法读取配置文件，使用默认阈值：" + read.problem_zh,
                                "cannot read the configuration file; defaults are used: " + read.problem_en});
    return config;
  }
  toml::table root;
  try {
    root = toml::parse(*read.bytes, toml_path.string());
  } catch (const toml::parse_error& error) {
    issues->push_back(LoadIssue{file, static_cast<int>(error.source().begin.line), "",
                                fmt::format("TOML 格式错误：{}；使用默认阈值", error.description()),
                                fmt::format("TOML syntax error: {}; defaults are used", error.description())});
    return config;
  }
  config.sources.push_back(file);
  const std::vector<std::string> sections = {"timezone", "thresholds", "limits", "syllabus", "recordings", "cycle"};
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (std::find(sections.begin(), sections.end(), name) != sections.end()) continue;
    const std::string shown = ShortenForMessage(name);
    const std::string nearest = NearestName(name, sections);
    issues->push_back(LoadIssue{file, static_cast<int>(node.source().begin.line), shown,
                                fmt::format("未知的配置项 {}，已忽略；是否想写 {}？", shown, nearest),
                                fmt::format("unknown setting {}; ignored. Did you mean {}?", shown, nearest)});
  }
  if (auto zone_text = root["timezone"].value<std::string>()) {
    if (auto zone = ParseTimeZone(*zone_text)) {
      config.policy.zone = *zone;
    } else {
      issues->push_back(LoadIssue{file, 0, "timezone", fmt::format("无法识别时区“{}”，使用 Asia/Shanghai", *zone_text),
                                  fmt::format("unknown time zone \"{}\"; Asia/Shanghai is used", *zone_text)});
    }
  }
  if (auto* limits = root["limits"].as_table()) ApplyLimits(*limits, &config.policy.limits, file, issues);
  if (auto* thresholds = root["thresholds"].as_table()) {
    ApplyThresholds(*thresholds, &config.policy, file, issues);
  }
  if (auto* entries = root["syllabus"].as_array()) {
    std::vector<SyllabusRow> rows;
    for (auto& entry : *entries) {
      if (auto* t = entry.as_table()) {
        if (auto row = SyllabusRowFromToml(*t, file, issues)) rows.push_back(std::move(*row));
      }
    }
    config.syllabus.Override(std::move(rows));
  }
  if (auto* cycle = root["cycle"].as_table()) ApplyCycle(*cycle, &config.cycle, file, issues);
  if (auto* recordings = root["recordings"].as_table()) {
    if (auto* patterns = (*recordings)["name_patterns"].as_array()) {
      for (auto& pattern : *patterns) {
        if (auto text = pattern.value<std::string>()) config.recording_name_patterns.push_back(*text);
      }
    }
  }
  return config;
}

}  // namespace xk
