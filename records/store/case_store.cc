#include "records/store/case_store.h"

#include <array>

#include "records/csv/values.h"
#include "records/value_names.h"

namespace xk::store {

namespace {

constexpr std::array<ValueNames<CaseEventKind>, 5> kKinds = {{
    {CaseEventKind::kHandover, "handover", "交办"},
    {CaseEventKind::kRectified, "rectified", "整改"},
    {CaseEventKind::kRecheck, "recheck", "复查"},
    {CaseEventKind::kEscalate, "escalate", "立案"},
    {CaseEventKind::kClose, "close", "结案"},
}};

std::optional<std::string> DateText(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return FormatDate(*date);
}

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string joined;
  for (const auto& id : ids) {
    if (!joined.empty()) joined += ';';
    joined += id;
  }
  return joined;
}

std::vector<std::string> SplitIds(const std::string& text) {
  std::vector<std::string> ids;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const size_t end = text.find(';', start);
    ids.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return ids;
}

// The columns read as they are first, then those read through a conversion.
constexpr const char* kEventColumns =
    "SELECT id, finding_id, recorded, officer, corrects, handed_to, doc_no, note, kind, event_date, deadline, "
    "result, inspectors FROM case_events ";

CaseEvent ReadEvent(const Statement& row) {
  CaseEvent event;
  row.ReadColumns(&event.id, &event.finding_id, &event.recorded, &event.officer, &event.corrects, &event.handed_to,
                  &event.doc_no, &event.note);
  event.kind = ParseCaseEventKind(row.Text(8)).value_or(CaseEventKind::kHandover);
  if (!row.IsNull(9)) event.event_date = ParseDate(row.Text(9));
  if (!row.IsNull(10)) event.deadline = ParseDate(row.Text(10));
  if (!row.IsNull(11)) event.passed = row.Text(11) == "pass";
  event.inspectors = SplitIds(row.Text(12));
  return event;
}

void ReadAttachments(Database& db, std::vector<CaseEvent>* events) {
  Statement query(db, "SELECT name, size, sha256 FROM case_attachments WHERE event_id = ?1 ORDER BY position");
  for (auto& event : *events) {
    query.Bind(1, event.id);
    while (query.Step()) event.attachments.push_back({query.Text(0), query.Int(1), query.Text(2)});
    query.Reset();
  }
}

std::vector<CaseEvent> QueryEvents(Database& db, const std::string& where_and_order,
                                   const std::optional<std::string>& text_parameter,
                                   std::optional<int64_t> int_parameter) {
  Statement query(db, std::string(kEventColumns) + where_and_order);
  if (text_parameter) query.Bind(1, *text_parameter);
  if (int_parameter) query.Bind(1, *int_parameter);
  std::vector<CaseEvent> events = query.ReadRows(ReadEvent);
  ReadAttachments(db, &events);
  return events;
}

}  // namespace

std::string_view CaseEventKindName(CaseEventKind kind) { return NamesOf(kKinds, kind).name; }
std::optional<CaseEventKind> ParseCaseEventKind(std::string_view name) { return ValueNamed(kKinds, name); }
std::string_view CaseEventKindZh(CaseEventKind kind) { return NamesOf(kKinds, kind).zh; }

std::vector<int64_t> AppendCaseEvents(Database& db, const std::vector<CaseEvent>& events) {
  Transaction transaction(db);
  Statement insert(db,
                   "INSERT INTO case_events(finding_id, kind, recorded, officer, corrects, event_date, deadline, "
                   "handed_to, doc_no, note, result, inspectors) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                   "?12)");
  Statement attach(db,
                   "INSERT INTO case_attachments(event_id, position, name, size, sha256) VALUES (?1, ?2, ?3, ?4, ?5)");
  std::vector<int64_t> ids;
  for (const auto& event : events) {
    std::optional<std::string> result;
    if (event.passed) result = *event.passed ? "pass" : "fail";
    insert
        .BindAll(event.finding_id, CaseEventKindName(event.kind), event.recorded, event.officer, event.corrects,
                 DateText(event.event_date), DateText(event.deadline), event.handed_to, event.doc_no, event.note,
                 result, JoinIds(event.inspectors))
        .Run();
    const int64_t id = db.LastInsertId();
    int position = 0;
    for (const auto& attachment : event.attachments) {
      attach.BindAll(id, ++position, attachment.name, attachment.size, attachment.sha256).Run();
    }
    ids.push_back(id);
  }
  transaction.Commit();
  return ids;
}

std::vector<CaseEvent> CaseEventsOf(Database& db, const std::string& finding_id) {
  return QueryEvents(db, "WHERE finding_id = ?1 ORDER BY id", finding_id, std::nullopt);
}

std::vector<CaseEvent> AllCaseEvents(Database& db) {
  return QueryEvents(db, "ORDER BY finding_id, id", std::nullopt, std::nullopt);
}

std::optional<CaseEvent> CaseEventById(Database& db, int64_t id) {
  auto events = QueryEvents(db, "WHERE id = ?1", std::nullopt, id);
  if (events.empty()) return std::nullopt;
  return events.front();
}

std::optional<CaseAttachment> AttachmentBySha256(Database& db, const std::string& sha256) {
  Statement query(db, "SELECT name, size, sha256 FROM case_attachments WHERE sha256 = ?1 LIMIT 1");
  query.Bind(1, sha256);
  if (!query.Step()) return std::nullopt;
  return CaseAttachment{query.Text(0), query.Int(1), query.Text(2)};
}

std::string AttachmentDirectory(const Database& db) { return db.path() + "-attachments"; }

std::string AttachmentPath(const Database& db, const std::string& sha256) {
  return AttachmentDirectory(db) + "/" + sha256;
}

}  // namespace xk::store
