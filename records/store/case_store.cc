#include "records/store/case_store.h"

#include <array>
#include <utility>

#include "records/csv/values.h"

namespace xk::store {

namespace {

constexpr std::array<std::pair<CaseEventKind, std::string_view>, 5> kKindNames = {{
    {CaseEventKind::kHandover, "handover"},
    {CaseEventKind::kRectified, "rectified"},
    {CaseEventKind::kRecheck, "recheck"},
    {CaseEventKind::kEscalate, "escalate"},
    {CaseEventKind::kClose, "close"},
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

constexpr const char* kEventColumns =
    "SELECT id, finding_id, kind, recorded, officer, corrects, event_date, deadline, handed_to, doc_no, note, "
    "result, inspectors FROM case_events ";

CaseEvent ReadEvent(const Statement& row) {
  CaseEvent event;
  event.id = row.Int(0);
  event.finding_id = row.Text(1);
  event.kind = ParseCaseEventKind(row.Text(2)).value_or(CaseEventKind::kHandover);
  event.recorded = row.Text(3);
  event.officer = row.Text(4);
  event.corrects = row.OptionalInt(5);
  if (!row.IsNull(6)) event.event_date = ParseDate(row.Text(6));
  if (!row.IsNull(7)) event.deadline = ParseDate(row.Text(7));
  event.handed_to = row.Text(8);
  event.doc_no = row.Text(9);
  event.note = row.Text(10);
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
  std::vector<CaseEvent> events;
  while (query.Step()) events.push_back(ReadEvent(query));
  ReadAttachments(db, &events);
  return events;
}

}  // namespace

std::string_view CaseEventKindName(CaseEventKind kind) {
  for (const auto& [value, name] : kKindNames) {
    if (value == kind) return name;
  }
  return "handover";
}

std::optional<CaseEventKind> ParseCaseEventKind(std::string_view name) {
  for (const auto& [value, known] : kKindNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

std::string_view CaseEventKindZh(CaseEventKind kind) {
  switch (kind) {
    case CaseEventKind::kHandover:
      return "交办";
    case CaseEventKind::kRectified:
      return "整改";
    case CaseEventKind::kRecheck:
      return "复查";
    case CaseEventKind::kEscalate:
      return "立案";
    case CaseEventKind::kClose:
      return "结案";
  }
  return "交办";
}

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
    insert.Bind(1, event.finding_id)
        .Bind(2, CaseEventKindName(event.kind))
        .Bind(3, event.recorded)
        .Bind(4, event.officer)
        .Bind(5, event.corrects)
        .Bind(6, DateText(event.event_date))
        .Bind(7, DateText(event.deadline))
        .Bind(8, event.handed_to)
        .Bind(9, event.doc_no)
        .Bind(10, event.note)
        .Bind(11, result)
        .Bind(12, JoinIds(event.inspectors))
        .Run();
    const int64_t id = db.LastInsertId();
    int position = 0;
    for (const auto& attachment : event.attachments) {
      attach.Bind(1, id)
          .Bind(2, ++position)
          .Bind(3, attachment.name)
          .Bind(4, attachment.size)
          .Bind(5, attachment.sha256);
      attach.Run();
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
