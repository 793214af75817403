// The hostile-input catalogue's world: a clean archive to spoil (the demo's records, without
// video, plus one real recording in a room of its own), the real binary run on it as a child
// process with its peak memory measured, and what a run left behind (exit status, findings,
// load issues) to assert on.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace xk::hostile {

// The exam centre of the demo archive, and where injected recordings go: a room no session
// uses, so a recording there adds per-file findings only.
inline constexpr const char* kExamCentre = "KS01";
inline constexpr const char* kSpareCamera = "exams/KS01/video/Z/Z-1/20220415";

// A fresh copy of the clean archive, named after the running test.
std::filesystem::path FreshArchive(const std::string& tag = "archive");

struct AuditRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
  double peak_rss_mib = 0;
  nlohmann::json findings;  // findings.json (null when none was written)
  std::filesystem::path out;
  std::filesystem::path db;

  // "rule|institution|subject" of every open finding.
  std::set<std::string> Keys() const;
  // Open findings of `rule` whose summary_zh or subject holds `text`.
  int CountFindings(const std::string& rule, const std::string& text) const;
  // Load issues whose file holds `file` and whose message_zh or message_en holds `text`.
  int CountIssues(const std::string& file, const std::string& text) const;
  int IssuesOfFile(const std::string& file) const;
};

// Runs `xunkao audit ARCHIVE --out <fresh> --jobs 2 EXTRA...` with `environment` added.
AuditRun Audit(const std::filesystem::path& archive, const std::vector<std::string>& extra = {},
               const std::map<std::string, std::string>& environment = {});

// The keys of the clean archive's findings (audited once and cached per binary).
const std::set<std::string>& BaselineKeys();

// Every baseline finding except those of `spoiled` institutions is in `run` (the bad input cost
// nothing else), and the run stayed under the memory ceiling.
void ExpectRestIntact(const AuditRun& run, const std::set<std::string>& spoiled = {});

inline constexpr double kMemoryCeilingMib = 2048;

// Small writers.
void WriteBytes(const std::filesystem::path& path, const std::string& bytes);
std::string ReadBytes(const std::filesystem::path& path);
// A copy of the 20-second sample recording (real H.264 in MP4, moov at the end).
void CopySampleRecording(const std::filesystem::path& to, const std::string& sample = "short.mp4");

}  // namespace xk::hostile
