// The audit's configuration: thresholds (AuditPolicy), the syllabus with local overrides, and how
// recordings are named. Read from ARCHIVE/audit.toml (or --config FILE) and ARCHIVE/syllabus.csv;
// both optional. Problems are reported as LoadIssues and the defaults stay in force.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "records/model.h"
#include "records/policy.h"
#include "records/syllabus.h"

namespace xk {

// The enforcement loop's settings ([cycle] in audit.toml).
struct CycleSettings {
  // A re-check is overdue this many days after the rectification deadline: common practice
  // (原国家安全监管总局令第15号, not verified here), so a configurable default.
  int recheck_days = 10;
};

struct AuditConfig {
  AuditPolicy policy;
  CycleSettings cycle;
  Syllabus syllabus = Syllabus::BuiltIn();
  // Extra file-name patterns for recordings, e.g. "ch{camera}_{start}_{end}.mp4" (see
  // src/media/recording_name.h); the default layout video/<room>/<camera>/<YYYYMMDD>/<HHMMSS>.<ext>
  // always applies.
  std::vector<std::string> recording_name_patterns;
  std::vector<std::string> sources;  // files the configuration came from, for the report
};

// `explicit_config` (from --config) wins over ARCHIVE/audit.toml.
AuditConfig LoadAuditConfig(const std::filesystem::path& archive_root,
                            const std::optional<std::filesystem::path>& explicit_config,
                            std::vector<LoadIssue>* issues);

// Parses syllabus rows from a syllabus.csv table (category, industry, job_type, cycle,
// total_hours, practical_hours, theory_hours, source).
std::vector<SyllabusRow> LoadSyllabusCsv(const std::filesystem::path& path, const std::string& relative,
                                         std::vector<LoadIssue>* issues);

}  // namespace xk
