#include "records/store/audit_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "records/finding_json.h"
#include "records/store/migrations.h"
#include "version.h"

namespace xk::store {

namespace {

StoredFinding ReadStoredFinding(Statement& row) {
  // Columns: id, first_run, last_run, resolved_run, json
  StoredFinding stored;
  row.ReadColumns(&stored.id, &stored.first_run, &stored.last_run, &stored.resolved_run);
  stored.finding = FindingFromJson(nlohmann::json::parse(row.Text(4), nullptr, false));
  stored.status = stored.resolved_run ? FindingStatus::kResolved : FindingStatus::kOpen;
  return stored;
}

std::optional<RunSummary> ReadRun(Statement& row) {
  if (!row.Step()) return std::nullopt;
  RunSummary run;
  row.ReadColumns(&run.id, &run.started, &run.finished, &run.status, &run.archive, &run.files_scanned,
                  &run.files_analysed);
  return run;
}

constexpr const char* kRunColumns =
    "SELECT id, started, coalesce(finished,''), status, archive, files_scanned, files_analysed FROM runs ";

}  // namespace

const char* FindingStatusName(FindingStatus status) {
  switch (status) {
    case FindingStatus::kNew:
      return "new";
    case FindingStatus::kPersisting:
      return "persisting";
    case FindingStatus::kResolved:
      return "resolved";
    case FindingStatus::kOpen:
      return "open";
  }
  return "open";
}

std::optional<FindingStatus> ParseFindingStatus(const std::string& name) {
  for (FindingStatus status :
       {FindingStatus::kNew, FindingStatus::kPersisting, FindingStatus::kResolved, FindingStatus::kOpen}) {
    if (name == FindingStatusName(status)) return status;
  }
  return std::nullopt;
}

AuditStore::AuditStore(const std::string& path) : db_(path) { MigrateToCurrent(db_); }

int AuditStore::MarkInterruptedRuns() {
  Statement update(db_, "UPDATE runs SET status='interrupted' WHERE status='running'");
  update.Run();
  return sqlite3_changes(db_.handle());
}

int64_t AuditStore::BeginRun(const std::string& started, const std::string& archive, const std::string& policy_json) {
  Statement insert(db_,
                   "INSERT INTO runs(started, status, archive, tool_version, policy_json) "
                   "VALUES (?1, 'running', ?2, ?3, ?4)");
  insert.BindAll(started, archive, kVersion, policy_json).Run();
  return db_.LastInsertId();
}

void AuditStore::FailRun(int64_t run_id, const std::string& finished, const std::string& reason) {
  Statement update(db_, "UPDATE runs SET status='failed', finished=?2, reason=?3 WHERE id=?1");
  update.BindAll(run_id, finished, reason).Run();
}

void AuditStore::CompleteCatalogRun(int64_t run_id, const std::string& finished, int64_t files_scanned,
                                    int64_t files_analysed) {
  Statement complete(db_,
                     "UPDATE runs SET status='completed', finished=?2, files_scanned=?3, files_analysed=?4 "
                     "WHERE id=?1");
  complete.BindAll(run_id, finished, files_scanned, files_analysed).Run();
}

std::vector<StoredFinding> AuditStore::CompleteRun(int64_t run_id, const RunResults& results, const TimeZone& zone) {
  Transaction transaction(db_);
  std::unordered_map<std::string, bool> open_before;  // id -> was open (not resolved)
  {
    Statement existing(db_, "SELECT id, resolved_run IS NULL FROM findings");
    while (existing.Step()) open_before[existing.Text(0)] = existing.Int(1) != 0;
  }
  Statement insert(db_,
                   "INSERT INTO findings(id, rule, severity, institution, subject, start_time, end_time, "
                   "measured, required, unit, summary_zh, first_run, last_run, resolved_run, json) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, NULL, ?13) "
                   "ON CONFLICT(id) DO UPDATE SET severity=excluded.severity, start_time=excluded.start_time, "
                   "end_time=excluded.end_time, measured=excluded.measured, required=excluded.required, "
                   "unit=excluded.unit, summary_zh=excluded.summary_zh, last_run=excluded.last_run, "
                   "resolved_run=NULL, json=excluded.json");
  Statement link(db_, "INSERT OR REPLACE INTO run_findings(run_id, finding_id, status) VALUES (?1, ?2, ?3)");
  std::vector<StoredFinding> reported;
  std::unordered_set<std::string> seen;
  for (const auto& finding : results.findings) {
    std::string id = finding.Id();
    if (!seen.insert(id).second) continue;  // the same fact twice in one run is one finding
    const nlohmann::json json = FindingToJson(finding, zone);
    auto before = open_before.find(id);
    bool persisting = before != open_before.end() && before->second;
    auto instant_text = [&json](const char* key) -> std::optional<std::string> {  // NULL when not set
      auto value = json.find(key);
      if (value == json.end() || !value->is_string()) return std::nullopt;
      return value->get<std::string>();
    };
    insert
        .BindAll(id, finding.rule, SeverityName(finding.severity), finding.institution, finding.subject,
                 instant_text("start"), instant_text("end"), finding.measured, finding.required, finding.unit,
                 finding.summary_zh, run_id, json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .Run();
    const FindingStatus status = persisting ? FindingStatus::kPersisting : FindingStatus::kNew;
    link.BindAll(run_id, id, FindingStatusName(status)).Run();
    StoredFinding stored;
    stored.id = id;
    stored.status = status;
    stored.last_run = run_id;
    stored.finding = finding;
    reported.push_back(std::move(stored));
  }
  {  // first_run of the reported findings (unchanged for persisting ones)
    Statement first(db_, "SELECT first_run FROM findings WHERE id=?1");
    for (auto& stored : reported) {
      first.Bind(1, stored.id);
      if (first.Step()) stored.first_run = first.Int(0);
      first.Reset();
    }
  }
  // Open findings this run did not find again are resolved by it.
  Statement resolve(db_, "UPDATE findings SET resolved_run=?1 WHERE id=?2");
  for (const auto& [id, was_open] : open_before) {
    if (was_open && !seen.count(id)) resolve.BindAll(run_id, id).Run();
  }
  Statement issue(db_,
                  "INSERT INTO load_issues(run_id, file, line, column, message_zh, message_en) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (const auto& i : results.issues)
    issue.BindAll(run_id, i.file, i.line, i.column, i.message_zh, i.message_en).Run();
  Statement audited(db_, "INSERT OR IGNORE INTO audited_institutions(run_id, institution, period) VALUES (?1, ?2, ?3)");
  for (const auto& a : results.audited) audited.BindAll(run_id, a.institution, a.period).Run();
  Statement hours(db_,
                  "INSERT OR REPLACE INTO class_hours(run_id, institution, class_id, required_hours, declared_hours, "
                  "backed_hours, credited_hours, practical_hours, mock_hours) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  for (const auto& h : results.class_hours) {
    hours
        .BindAll(run_id, h.institution, h.class_id, h.required_hours, h.declared_hours, h.backed_hours,
                 h.credited_hours, h.practical_hours, h.mock_hours)
        .Run();
  }
  Statement complete(db_,
                     "UPDATE runs SET status='completed', finished=?2, files_scanned=?3, files_analysed=?4 "
                     "WHERE id=?1");
  complete.BindAll(run_id, results.finished, results.files_scanned, results.files_analysed).Run();
  transaction.Commit();

  // Only the resolved ones are read back (not every finding's JSON, which the caller has).
  std::vector<StoredFinding> resolved = ResolvedByRun(run_id);
  reported.insert(reported.end(), std::make_move_iterator(resolved.begin()), std::make_move_iterator(resolved.end()));
  return reported;
}

std::optional<RunSummary> AuditStore::Run(int64_t run_id) {
  Statement query(db_, std::string(kRunColumns) + "WHERE id=?1");
  query.Bind(1, run_id);
  return ReadRun(query);
}

std::optional<RunSummary> AuditStore::LastCompletedRun() {
  Statement query(db_, std::string(kRunColumns) + "WHERE status='completed' ORDER BY id DESC LIMIT 1");
  return ReadRun(query);
}

std::optional<RunSummary> AuditStore::LastRun() {
  Statement query(db_, std::string(kRunColumns) + "ORDER BY id DESC LIMIT 1");
  return ReadRun(query);
}

namespace {

// The WHERE clause of a findings search with only the filters given (a `?1 IS NULL OR ...` term
// would keep SQLite from using an index), its bindings, and the list's order. Each plain filter
// has an index that holds the list's order after it (findings_in_list_order, findings_by_rule,
// findings_by_severity), so the count and a page's ids are read from an index alone.
struct SearchStatement {
  std::string where = "FROM findings WHERE 1";
  std::vector<std::function<void(Statement&)>> binds;
  int next = 1;  // the next placeholder's number
  std::string order;

  void Add(const std::string& term_with_placeholder, std::string value) {
    const std::string placeholder = "?" + std::to_string(next++);
    std::string term = term_with_placeholder;
    for (size_t at = term.find("?V"); at != std::string::npos; at = term.find("?V", at + placeholder.size())) {
      term.replace(at, 2, placeholder);
    }
    where += " AND (" + term + ")";
    binds.push_back([index = next - 1, value = std::move(value)](Statement& query) { query.Bind(index, value); });
  }
  void BindTo(Statement& query) const {
    for (const auto& bind : binds) bind(query);
  }
};

SearchStatement BuildSearch(const FindingSearch& search) {
  SearchStatement built;
  if (search.institution) built.Add("institution=?V", *search.institution);
  if (search.rule) built.Add("rule=?V", *search.rule);
  if (search.severity) built.Add("severity=?V", *search.severity);
  if (search.period && search.period->size() == 6) {
    built.Add("substr(start_time,1,4)=?V", search.period->substr(0, 4));
    built.where += (*search.period)[5] == '2' ? " AND (CAST(substr(start_time,6,2) AS INTEGER) > 6)"
                                              : " AND NOT (CAST(substr(start_time,6,2) AS INTEGER) > 6)";
  }
  // The people a finding names are in finding_people (kept by triggers from the JSON).
  if (search.person) built.Add("id IN (SELECT finding_id FROM finding_people WHERE person=?V)", *search.person);
  if (!search.text.empty()) built.Add("id=?V OR instr(subject,?V) > 0 OR instr(summary_zh,?V) > 0", search.text);
  if (search.open_only) built.where += " AND resolved_run IS NULL";
  auto json_ids = [](const std::vector<std::string>& ids) {
    return nlohmann::json(ids).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  if (search.only_ids) built.Add("id IN (SELECT value FROM json_each(?V))", json_ids(*search.only_ids));
  if (!search.excluded_ids.empty())
    built.Add("id NOT IN (SELECT value FROM json_each(?V))", json_ids(search.excluded_ids));
  // A person's findings are few: found by id, then sorted ('+' keeps SQLite from walking the
  // whole list's index for its order).
  built.order =
      search.person ? " ORDER BY +institution, rule, subject, id" : " ORDER BY institution, rule, subject, id";
  return built;
}

}  // namespace

FindingPage AuditStore::SearchFindings(const FindingSearch& search) {
  FindingPage page;
  std::vector<std::string> page_ids;
  if (!search.text.empty()) {
    // A search text tests every finding's subject and summary: one pass gives the count and the
    // page, instead of one for each.
    const std::vector<std::string> all = FindingIds(search);
    page.total = static_cast<int64_t>(all.size());
    const int64_t first = std::clamp<int64_t>(search.offset, 0, page.total);
    const int64_t last = search.limit < 0 ? page.total : std::min(page.total, first + search.limit);  // -1: no limit
    page_ids.assign(all.begin() + first, all.begin() + last);
  } else {
    const SearchStatement built = BuildSearch(search);
    if (search.count_total) {
      Statement count(db_, "SELECT count(*) " + built.where);
      built.BindTo(count);
      if (count.Step()) page.total = count.Int(0);
    }
    const int limit_index = built.next, offset_index = built.next + 1;
    Statement ids(db_, "SELECT id " + built.where + built.order +
                           fmt::format(" LIMIT ?{} OFFSET ?{}", limit_index, offset_index));
    built.BindTo(ids);
    ids.Bind(limit_index, search.limit).Bind(offset_index, search.offset);
    while (ids.Step()) page_ids.push_back(ids.Text(0));
  }
  page.findings = FindingsByIds(page_ids);
  return page;
}

std::vector<std::string> AuditStore::FindingIds(const FindingSearch& search) {
  const SearchStatement built = BuildSearch(search);
  Statement matching(db_, "SELECT id " + built.where + built.order);
  built.BindTo(matching);
  std::vector<std::string> ids;
  while (matching.Step()) ids.push_back(matching.Text(0));
  return ids;
}

std::vector<StoredFinding> AuditStore::FindingsByIds(const std::vector<std::string>& ids) {
  std::vector<StoredFinding> found;
  Statement one(db_, "SELECT id, first_run, last_run, resolved_run, json FROM findings WHERE id=?1");
  for (const std::string& id : ids) {
    one.Bind(1, id);
    if (one.Step()) found.push_back(ReadStoredFinding(one));
    one.Reset();
  }
  return found;
}

std::string AuditStore::ChangeMark() {
  Statement mark(db_,
                 "SELECT (SELECT max(id) FROM runs), (SELECT status FROM runs ORDER BY id DESC LIMIT 1),"
                 " (SELECT max(id) FROM case_events)");
  mark.Step();
  return fmt::format("{}/{}/{}", mark.IsNull(0) ? 0 : mark.Int(0), mark.IsNull(1) ? "" : mark.Text(1),
                     mark.IsNull(2) ? 0 : mark.Int(2));
}

std::vector<StoredFinding> AuditStore::FindingsOfRun(int64_t run_id) {
  std::vector<StoredFinding> out;
  Statement reported(
      db_,
      "SELECT f.id, f.first_run, f.last_run, f.resolved_run, f.json, rf.status FROM run_findings rf "
      "JOIN findings f ON f.id = rf.finding_id WHERE rf.run_id=?1 ORDER BY f.institution, f.rule, f.subject");
  reported.Bind(1, run_id);
  while (reported.Step()) {
    StoredFinding stored = ReadStoredFinding(reported);
    stored.status = ParseFindingStatus(reported.Text(5)).value_or(FindingStatus::kOpen);
    out.push_back(std::move(stored));
  }
  std::vector<StoredFinding> resolved = ResolvedByRun(run_id);
  out.insert(out.end(), std::make_move_iterator(resolved.begin()), std::make_move_iterator(resolved.end()));
  return out;
}

std::vector<StoredFinding> AuditStore::ResolvedByRun(int64_t run_id) {
  Statement resolved(db_,
                     "SELECT id, first_run, last_run, resolved_run, json FROM findings WHERE resolved_run=?1 "
                     "ORDER BY institution, rule, subject");
  return resolved.BindAll(run_id).ReadRows(ReadStoredFinding);
}

std::vector<StoredFinding> AuditStore::OpenFindings(const std::optional<std::string>& institution) {
  Statement query(db_,
                  "SELECT id, first_run, last_run, resolved_run, json FROM findings WHERE resolved_run IS NULL "
                  "AND (?1 IS NULL OR institution=?1) ORDER BY institution, rule, subject");
  return query.BindAll(institution).ReadRows(ReadStoredFinding);
}

std::optional<StoredFinding> AuditStore::FindingById(const std::string& id) {
  Statement query(db_, "SELECT id, first_run, last_run, resolved_run, json FROM findings WHERE id=?1");
  query.Bind(1, id);
  if (!query.Step()) return std::nullopt;
  return ReadStoredFinding(query);
}

std::vector<LoadIssue> AuditStore::IssuesOfRun(int64_t run_id) {
  Statement query(db_,
                  "SELECT file, line, column, message_zh, message_en FROM load_issues WHERE run_id=?1 ORDER BY rowid");
  return query.BindAll(run_id).ReadRows([](const Statement& row) {
    LoadIssue issue;
    row.ReadColumns(&issue.file, &issue.line, &issue.column, &issue.message_zh, &issue.message_en);
    return issue;
  });
}

std::vector<ClassHoursRow> AuditStore::ClassHoursOfRun(int64_t run_id) {
  Statement query(db_,
                  "SELECT institution, class_id, required_hours, declared_hours, backed_hours, credited_hours, "
                  "practical_hours, mock_hours FROM class_hours WHERE run_id=?1 ORDER BY institution, class_id");
  return query.BindAll(run_id).ReadRows([](const Statement& row) {
    ClassHoursRow hours;
    row.ReadColumns(&hours.institution, &hours.class_id, &hours.required_hours, &hours.declared_hours,
                    &hours.backed_hours, &hours.credited_hours, &hours.practical_hours, &hours.mock_hours);
    return hours;
  });
}

std::optional<std::string> AuditStore::FirstCompletedRunStart() {
  Statement query(db_, "SELECT started FROM runs WHERE status='completed' ORDER BY id LIMIT 1");
  if (!query.Step()) return std::nullopt;
  return query.Text(0);
}

std::vector<std::pair<AuditedInstitution, int>> AuditStore::AuditedRuns() {
  std::vector<std::pair<AuditedInstitution, int>> out;
  Statement query(db_,
                  "SELECT a.institution, a.period, count(*) FROM audited_institutions a JOIN runs r ON r.id=a.run_id "
                  "WHERE r.status='completed' GROUP BY 1, 2 ORDER BY 1, 2");
  while (query.Step()) {
    out.push_back({AuditedInstitution{query.Text(0), query.Text(1)}, static_cast<int>(query.Int(2))});
  }
  return out;
}

void AuditStore::RecordPacket(const std::string& created, const std::string& path,
                              const std::optional<std::string>& institution, const std::optional<std::string>& period,
                              const std::vector<std::string>& finding_ids) {
  Statement insert(db_, "INSERT INTO packets(created, path, institution, period, finding_ids) VALUES (?1,?2,?3,?4,?5)");
  insert
      .BindAll(created, path, institution, period,
               nlohmann::json(finding_ids).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
      .Run();
}

std::vector<std::pair<AuditedInstitution, int>> AuditStore::PacketCounts() {
  std::vector<std::pair<AuditedInstitution, int>> out;
  Statement query(
      db_,
      "SELECT institution, period, count(*) FROM packets WHERE institution IS NOT NULL AND period IS NOT NULL "
      "GROUP BY 1, 2");
  while (query.Step())
    out.push_back({AuditedInstitution{query.Text(0), query.Text(1)}, static_cast<int>(query.Int(2))});
  return out;
}

}  // namespace xk::store
