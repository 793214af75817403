#include "records/audit_config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include "records/csv/table.h"
#include "records/enum_names.h"

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

template <typename T>
void ReadNumber(const toml::table& table, const char* key, T* target, const std::string& file,
                std::vector<LoadIssue>* issues) {
  const toml::node* node = table.get(key);
  if (!node) return;
  if (auto value = node->value<double>()) {
    *target = static_cast<T>(*value);
  } else {
    issues->push_back(LoadIssue{file, static_cast<int>(node->source().begin.line), key,
                                fmt::format("{} 应为数字，沿用默认值", key),
                                fmt::format("{} should be a number; the default stays", key)});
  }
}

void ApplyThresholds(const toml::table& t, AuditPolicy* p, const std::string& file, std::vector<LoadIssue>* issues) {
#define XK_THRESHOLD(name) ReadNumber(t, #name, &p->name, file, issues)
  XK_THRESHOLD(minutes_per_hour_offline);
  XK_THRESHOLD(minutes_per_hour_online);
  XK_THRESHOLD(hours_short_tolerance);
  XK_THRESHOLD(overclaim_tolerance_hours);
  XK_THRESHOLD(offline_theory_share);
  XK_THRESHOLD(daily_cap_hours);
  XK_THRESHOLD(day_earliest_minute);
  XK_THRESHOLD(day_latest_minute);
  XK_THRESHOLD(teacher_min_years);
  XK_THRESHOLD(proxy_same_second_count);
  XK_THRESHOLD(proxy_outside_session_minutes);
  XK_THRESHOLD(min_proctors);
  XK_THRESHOLD(min_examiners);
  XK_THRESHOLD(plan_tolerance_minutes);
  XK_THRESHOLD(pass_mark);
  XK_THRESHOLD(gap_min_seconds);
  XK_THRESHOLD(session_padding_seconds);
  XK_THRESHOLD(clock_tolerance_seconds);
  XK_THRESHOLD(black_min_seconds);
  XK_THRESHOLD(black_picture_ratio);
  XK_THRESHOLD(black_pixel_threshold);
  XK_THRESHOLD(frozen_min_seconds);
  XK_THRESHOLD(frozen_noise_db);
  XK_THRESHOLD(replay_min_seconds);
#undef XK_THRESHOLD
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
  if (std::filesystem::exists(archive_root / "syllabus.csv")) {
    config.syllabus.Override(LoadSyllabusCsv(archive_root / "syllabus.csv", "syllabus.csv", issues));
    config.sources.push_back("syllabus.csv");
  }
  std::filesystem::path toml_path = explicit_config.value_or(archive_root / "audit.toml");
  std::string file = explicit_config ? toml_path.string() : "audit.toml";
  if (!std::filesystem::exists(toml_path)) {
    if (explicit_config) {
      issues->push_back(LoadIssue{file, 0, "", "找不到配置文件，使用默认阈值",
                                  "the configuration file does not exist; defaults are used"});
    }
    return config;
  }
  toml::table root;
  try {
    root = toml::parse_file(toml_path.string());
  } catch (const toml::parse_error& error) {
    issues->push_back(LoadIssue{file, static_cast<int>(error.source().begin.line), "",
                                fmt::format("TOML 格式错误：{}；使用默认阈值", error.description()),
                                fmt::format("TOML syntax error: {}; defaults are used", error.description())});
    return config;
  }
  config.sources.push_back(file);
  if (auto zone_text = root["timezone"].value<std::string>()) {
    if (auto zone = ParseTimeZone(*zone_text)) {
      config.policy.zone = *zone;
    } else {
      issues->push_back(LoadIssue{file, 0, "timezone", fmt::format("无法识别时区“{}”，使用 Asia/Shanghai", *zone_text),
                                  fmt::format("unknown time zone \"{}\"; Asia/Shanghai is used", *zone_text)});
    }
  }
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
