#include "src/audit/audit_pipeline.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

#include "detectors/coverage.h"
#include "detectors/hours.h"
#include "detectors/inspections.h"
#include "detectors/media_analysis.h"
#include "detectors/registry.h"
#include "records/archive_loader.h"
#include "records/atomic_file.h"
#include "records/audit_config.h"
#include "records/csv/values.h"
#include "records/store/audit_store.h"
#include "records/store/media_store.h"
#include "src/audit/progress.h"
#include "src/audit/recording_catalog.h"
#include "src/audit/run_lock.h"
#include "src/audit/stage_times.h"
#include "src/cycle/case_list.h"
#include "src/cycle/inspection_table.h"
#include "src/report/html_report.h"
#include "src/report/person_section.h"
#include "src/report/session_timelines.h"
#include "src/report/table_reports.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

// Every threshold and limit in force, as the schema promises for runs.policy_json.
std::string PolicyJson(const AuditPolicy& p) {
  nlohmann::json j;
  j["zone"] = p.zone.name;
  for (const ThresholdInfo& threshold : DescribeThresholds(p)) j["thresholds"][threshold.name] = threshold.value;
  for (const InputLimitInfo& limit : DescribeInputLimits(p.limits)) j["limits"][limit.name] = limit.value;
  return j.dump();
}

std::vector<store::ClassHoursRow> ClassHoursRows(const DetectorInput& input) {
  std::vector<store::ClassHoursRow> rows;
  for (const ClassHours& h : ComputeClassHours(input)) {
    store::ClassHoursRow row;
    row.institution = h.training_class->institution;
    row.class_id = h.training_class->class_id;
    if (h.requirement) row.required_hours = h.requirement->total_hours;
    row.declared_hours = h.training_class->declared_hours;
    row.backed_hours = h.backed;
    row.credited_hours = h.credited;
    row.practical_hours = h.practical;
    row.mock_hours = h.mock;
    rows.push_back(row);
  }
  return rows;
}

// What the database knows of past audits, for INS-COVERAGE. Before this run completes.
InspectionHistory History(store::AuditStore& store, Date today, const TimeZone& zone) {
  InspectionHistory history;
  history.current = HalfYear::Of(today);
  history.first_watched = history.current;
  if (auto first = store.FirstCompletedRunStart()) {
    if (auto instant = ParseIsoInstant(*first, zone)) history.first_watched = HalfYear::Of(LocalDate(*instant, zone));
  }
  for (const auto& [audited, runs] : store.AuditedRuns()) history.audited.insert({audited.institution, audited.period});
  return history;
}

// Brings the media facts of a shard's store into `store`. Throws (ending the run, which is then
// marked failed) when the shard is not a store or never completed.
int64_t MergeShard(store::AuditStore& store, const fs::path& shard_path, const fs::path& archive) {
  std::error_code ec;
  if (!fs::is_regular_file(shard_path, ec)) {
    throw std::runtime_error(fmt::format("分片数据库不存在：{} (no such shard store)", shard_path.string()));
  }
  std::optional<store::RunSummary> run;
  {
    store::AuditStore shard(shard_path.string());  // checks and migrates it
    run = shard.LastCompletedRun();
  }
  if (!run) {
    throw std::runtime_error(
        fmt::format("分片数据库 {} 没有完成的审查，请单独重跑该分片 (the shard never completed: run it again)",
                    shard_path.string()));
  }
  // Another path may be the same archive mounted elsewhere; facts of files that differ are not
  // used anyway (the catalog opens again what changed in size or time).
  if (fs::path(run->archive) != archive) {
    fmt::print(stderr, "xunkao: 注意：分片数据库 {} 审查的档案路径是 {}，不是 {} (the shard audited another path)\n",
               shard_path.string(), run->archive, archive.string());
  }
  return store::MergeMediaFacts(store.db(), shard_path.string());
}

// Everything after the run began: records, recordings, rules, store, reports. Throws what ends
// the run (a store or report that cannot be written).
struct CompletedAudit {
  std::vector<store::StoredFinding> stored;
  size_t institutions = 0;
  CatalogStats stats;
  size_t issues = 0;
};

CompletedAudit CompleteAudit(const AuditOptions& options, const fs::path& archive, store::AuditStore& store,
                             const AuditConfig& config, int64_t run_id, std::vector<LoadIssue> issues,
                             int64_t merged_files, StageTimes* stage_times, AuditOutcome* outcome) {
  StageTimes& times = *stage_times;
  const TimeZone zone = config.policy.zone;
  ArchiveModel model = LoadArchiveRecords(archive, config.policy);
  issues.insert(issues.begin(), model.issues.begin(), model.issues.end());
  times.Finish("读取记录");

  Progress progress(options.progress);
  CatalogOptions catalog_options;
  catalog_options.jobs = options.jobs;
  catalog_options.analysis.pictures = true;
  catalog_options.analysis.thorough = options.thorough;
  catalog_options.analysis.black_pixel_threshold = config.policy.black_pixel_threshold;
  catalog_options.analysis.frozen_noise_db = config.policy.frozen_noise_db;
  catalog_options.analysis.hash = true;
  catalog_options.analysis.limits = config.policy.limits;
  catalog_options.worker_executable = options.worker_executable;
  catalog_options.shard = options.shard;
  CatalogStats stats;
  std::vector<RecordingFacts> recordings =
      CatalogRecordings(archive, model, config, store.db(), run_id, catalog_options, &progress, &stats, &issues);
  stats.files_analysed += merged_files;  // analysed by the shards, in this round
  times.Finish("清点录像");
  times.SplitOff(kNewRecordingsStage, stats.analyse_seconds);
  CompletedAudit completed;
  completed.institutions = model.institutions.size();
  completed.stats = stats;
  if (options.shard) {  // a shard only analyses its recordings: the rules run once, after the merge
    store.CompleteCatalogRun(run_id, FormatInstant(CurrentInstant(), zone), stats.files_scanned, stats.files_analysed);
    return completed;
  }

  DetectorInput input{model, config.policy, config.syllabus, recordings, LocalDate(CurrentInstant(), zone)};
  const MediaAnalysis media = AnalyseMedia(input);  // for the rules and the report's timelines
  input.media = &media;
  store::RunResults results;
  results.findings = RunAllDetectors(input);
  results.issues = issues;
  results.class_hours = ClassHoursRows(input);
  std::string period = HalfYear::Of(LocalDate(CurrentInstant(), zone)).Label();
  for (const auto& institution : model.institutions) results.audited.push_back({institution.code, period});
  auto coverage = DetectInspectionCoverage(model.institutions, History(store, LocalDate(CurrentInstant(), zone), zone));
  results.findings.insert(results.findings.end(), coverage.begin(), coverage.end());
  times.Finish("规则");
  results.files_scanned = stats.files_scanned;
  results.files_analysed = stats.files_analysed;
  results.finished = FormatInstant(CurrentInstant(), zone);
  completed.stored = store.CompleteRun(run_id, results, zone);
  times.Finish("保存");

  ReportData report;
  report.run = *store.Run(run_id);
  report.findings = store.FindingsOfRun(run_id);
  report.issues = store.IssuesOfRun(run_id);
  report.class_hours = store.ClassHoursOfRun(run_id);
  report.institutions = model.institutions;
  report.people =
      BuildPersonChains(model, config.policy, config.syllabus, ReportedPeople(report.findings, &report.people_named));
  report.timelines = DrawSessionTimelines(input);
  report.zone = zone;
  report.chinese = options.chinese;
  report.inspection_year = HalfYear::Of(LocalDate(CurrentInstant(), zone)).year;
  std::vector<CaseRow> cases = ListCases(store, {}, LocalDate(CurrentInstant(), zone), config.cycle.recheck_days);
  report.inspections = BuildInspectionTable(store, model.institutions, report.inspection_year, cases);
  for (auto& row : cases) {
    if (!row.summary.standing.empty()) report.cases.emplace(row.finding.id, std::move(row.summary));
  }
  WriteFileAtomically(options.out / "findings.json", FindingsJson(report));
  WriteFileAtomically(options.out / "findings.csv", FindingsCsv(report));
  std::error_code ec;
  outcome->report = fs::absolute(options.out / "report.html", ec);
  WriteFileAtomically(outcome->report, RenderHtmlReport(report));
  times.Finish("报告");

  completed.issues = results.issues.size();
  return completed;
}

}  // namespace

AuditOutcome RunAudit(const AuditOptions& options) {
  AuditOutcome outcome;
  std::error_code ec;
  fs::path archive = fs::absolute(options.archive, ec);
  if (!fs::is_directory(archive, ec)) {
    outcome.status = Status::CannotComplete(
        fmt::format("档案目录不存在或不是目录：{} (the archive is not a directory)", archive.string()));
    return outcome;
  }
  fs::create_directories(options.out, ec);
  fs::path db_path = options.db.value_or(options.out / "xunkao.db");
  if (db_path.has_parent_path()) fs::create_directories(db_path.parent_path(), ec);

  RunLock lock(db_path.string());
  if (!lock.held()) {
    outcome.status = Status::CannotComplete(fmt::format(
        "另一个 xunkao 审查正在使用数据库 {}，本次未做任何改动 (another run is using this database; nothing was "
        "changed)",
        db_path.string()));
    return outcome;
  }

  StageTimes times;
  store::AuditStore store(db_path.string());
  int interrupted = store.MarkInterruptedRuns();
  if (interrupted > 0) {
    fmt::print(stderr, "xunkao: 上次审查未完成（被中断），本次将从已保存的进度继续 ({} interrupted run(s))\n",
               interrupted);
  }

  std::vector<LoadIssue> issues;
  AuditConfig config = LoadAuditConfig(archive, options.config, &issues);
  const TimeZone zone = config.policy.zone;
  int64_t run_id = store.BeginRun(FormatInstant(CurrentInstant(), zone), archive.string(), PolicyJson(config.policy));
  outcome.run_id = run_id;
  times.Finish("打开数据库");

  // From here on the run is in the store: whatever stops it marks it failed with the reason
  // (a run killed outright is marked interrupted by the next one).
  CompletedAudit completed;
  try {
    int64_t merged_files = 0;
    for (const fs::path& shard : options.merge_from) merged_files += MergeShard(store, shard, archive);
    completed =
        CompleteAudit(options, archive, store, config, run_id, std::move(issues), merged_files, &times, &outcome);
  } catch (const std::exception& error) {
    outcome.status = Status::CannotComplete(
        fmt::format("审查未能完成，运行 {} 已标记为失败：{} (the run failed: {})", run_id, error.what(), error.what()));
    try {
      store.FailRun(run_id, FormatInstant(CurrentInstant(), zone), error.what());
    } catch (const std::exception&) {  // the store itself is what failed: the next run marks it interrupted
    }
    return outcome;
  }

  for (const auto& s : completed.stored) {
    if (s.status == store::FindingStatus::kResolved) {
      ++outcome.resolved;
      continue;
    }
    ++outcome.findings;
    outcome.by_rule[s.finding.rule]++;
    if (s.status == store::FindingStatus::kNew) {
      ++outcome.new_findings;
      if (options.fail_on && s.finding.severity >= *options.fail_on) outcome.fail_on_matched = true;
    }
  }
  const std::string remeasured =
      completed.stats.files_remeasured > 0
          ? fmt::format("，其中 {} 个因画面测量方式或阈值改变而重新分析", completed.stats.files_remeasured)
          : "";
  fmt::print(
      stderr,
      "xunkao: 运行 {} 完成：{} 个机构，{} 个录像文件（新分析 {}{}），问题 {} 个（新 {}，不再发现 {}），读取问题 {} "
      "条；{}\n",
      run_id, completed.institutions, completed.stats.files_scanned, completed.stats.files_analysed, remeasured,
      outcome.findings, outcome.new_findings, outcome.resolved, completed.issues, times.Summary());
  return outcome;
}

}  // namespace xk
