// The audit's history in SQLite: runs, findings with their life (first, last, resolved run), load
// issues, audited institutions per half-year, class hours. A run's results are written in one
// transaction together with its completion, so a killed run leaves no half-written findings.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "records/finding.h"
#include "records/model.h"
#include "records/store/database.h"

namespace xk::store {

struct RunSummary {
  int64_t id = 0;
  std::string started;
  std::string finished;
  std::string status;  // running | completed | interrupted | failed
  std::string archive;
  int64_t files_scanned = 0;
  int64_t files_analysed = 0;
};

// A finding's place in the run it was read with: new (not open before the run), persisting (open
// before and found again), resolved (open before, no longer found); open when read outside a run.
enum class FindingStatus { kNew, kPersisting, kResolved, kOpen };
const char* FindingStatusName(FindingStatus status);  // "new" | "persisting" | "resolved" | "open"
std::optional<FindingStatus> ParseFindingStatus(const std::string& name);

struct StoredFinding {
  std::string id;
  FindingStatus status = FindingStatus::kOpen;
  int64_t first_run = 0;
  int64_t last_run = 0;
  std::optional<int64_t> resolved_run;
  Finding finding;
};

struct ClassHoursRow {
  std::string institution;
  std::string class_id;
  std::optional<double> required_hours;
  std::optional<double> declared_hours;
  double backed_hours = 0;
  double credited_hours = 0;
  double practical_hours = 0;
  double mock_hours = 0;
};

struct AuditedInstitution {
  std::string institution;
  std::string period;  // "2026H2"
};

// What a run found, stored at its completion.
struct RunResults {
  std::vector<Finding> findings;
  std::vector<LoadIssue> issues;
  std::vector<AuditedInstitution> audited;
  std::vector<ClassHoursRow> class_hours;
  int64_t files_scanned = 0;
  int64_t files_analysed = 0;
  std::string finished;
};

// The workbench's findings list (`xunkao serve`): what to keep and which page of the result.
// Every filter left empty keeps everything; the order is institution, rule, subject, id.
struct FindingSearch {
  std::optional<std::string> institution;
  std::optional<std::string> rule;
  std::optional<std::string> severity;  // low | medium | high
  std::optional<std::string> period;    // "2024H1": findings whose conduct starts in that half-year
  std::optional<std::string> person;    // an ID number the finding names (trainee or people), as written
  std::string text;                     // found in the id, the subject or the Chinese summary
  bool open_only = true;                // leave out findings a later audit resolved
  // Keep only these ids (when given), and leave these out: the workbench's case-state filter,
  // whose states come from the events, so that the database still counts and pages the list.
  std::optional<std::vector<std::string>> only_ids;
  std::vector<std::string> excluded_ids;
  int64_t limit = 50;  // -1: every one
  int64_t offset = 0;
  bool count_total = true;  // false: FindingPage::total is left 0 (the caller knows it)
};

struct FindingPage {
  std::vector<StoredFinding> findings;  // at most limit
  int64_t total = 0;                    // how many match in all
};

class AuditStore {
 public:
  // Opens (creating) and migrates the database. Throws StoreError.
  explicit AuditStore(const std::string& path);

  Database& db() { return db_; }

  // Marks runs left 'running' (a killed process) as 'interrupted'; returns how many.
  int MarkInterruptedRuns();
  int64_t BeginRun(const std::string& started, const std::string& archive, const std::string& policy_json);
  // Marks a run that could not complete as 'failed', with the reason (what ended it). Also a run
  // whose results were stored but whose reports could not be written: its findings stay stored.
  void FailRun(int64_t run_id, const std::string& finished, const std::string& reason);
  // Stores everything and completes the run in one transaction. Returns the run's findings with
  // their status (new/persisting), followed by those this run resolved.
  std::vector<StoredFinding> CompleteRun(int64_t run_id, const RunResults& results, const TimeZone& zone);
  // Completes a shard's run (`audit --shard`): its recordings catalogued, no rule run, so no
  // finding is stored, found again or resolved.
  void CompleteCatalogRun(int64_t run_id, const std::string& finished, int64_t files_scanned, int64_t files_analysed);

  std::optional<RunSummary> Run(int64_t run_id);
  std::optional<RunSummary> LastCompletedRun();
  // The latest run whatever its status (a nightly run still 'running' included).
  std::optional<RunSummary> LastRun();
  // One page of the findings that match, with the number that match in all (prepared statements
  // with only the filters given, LIMIT/OFFSET over the index in the list's order: a page of
  // 100,000 findings walks the index, reading the JSON of that page's findings only).
  FindingPage SearchFindings(const FindingSearch& search);
  // The ids of every finding `search` finds, in the list's order (its limit and offset unused).
  std::vector<std::string> FindingIds(const FindingSearch& search);
  // These findings, in this order (an id not in the store is left out).
  std::vector<StoredFinding> FindingsByIds(const std::vector<std::string>& ids);
  // Moves whenever what the findings lists show can have changed: a run began, ended or was
  // marked failed or interrupted (the findings are written with its end), or a case event was
  // recorded (events are append-only). Equal marks, equal lists.
  std::string ChangeMark();
  // Findings reported by the run (new/persisting) and those it resolved.
  std::vector<StoredFinding> FindingsOfRun(int64_t run_id);
  // Open findings, optionally of one institution.
  std::vector<StoredFinding> OpenFindings(const std::optional<std::string>& institution);
  std::optional<StoredFinding> FindingById(const std::string& id);
  std::vector<LoadIssue> IssuesOfRun(int64_t run_id);
  std::vector<ClassHoursRow> ClassHoursOfRun(int64_t run_id);
  // The start (ISO 8601 text) of the first completed run, if any.
  std::optional<std::string> FirstCompletedRunStart();
  // Every (institution, period) any completed run audited, with the number of such runs.
  std::vector<std::pair<AuditedInstitution, int>> AuditedRuns();
  void RecordPacket(const std::string& created, const std::string& path, const std::optional<std::string>& institution,
                    const std::optional<std::string>& period, const std::vector<std::string>& finding_ids);
  // Packets per (institution, period).
  std::vector<std::pair<AuditedInstitution, int>> PacketCounts();

 private:
  // Findings that run `run_id` resolved, in (institution, rule, subject) order.
  std::vector<StoredFinding> ResolvedByRun(int64_t run_id);

  Database db_;
};

}  // namespace xk::store
