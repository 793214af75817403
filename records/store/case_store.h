// The enforcement loop's events in SQLite (tables case_events and case_attachments, schema
// version 6). Events are only ever appended: the tables' triggers refuse UPDATE and DELETE, a
// mistake is put right by an event that names the one it corrects, and one command's events go
// in one transaction, so a command killed half-way leaves all of them or none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/civil_time.h"
#include "records/store/database.h"

namespace xk::store {

enum class CaseEventKind { kHandover, kRectified, kRecheck, kEscalate, kClose };

// "handover", "rectified", "recheck", "escalate", "close": the command's and the table's word.
std::string_view CaseEventKindName(CaseEventKind kind);
std::optional<CaseEventKind> ParseCaseEventKind(std::string_view name);
// 交办, 整改, 复查, 立案, 结案
std::string_view CaseEventKindZh(CaseEventKind kind);

// A file reported with a rectification; its bytes are kept as AttachmentPath(db, sha256).
struct CaseAttachment {
  std::string name;  // as given, shown (valid UTF-8)
  int64_t size = 0;
  std::string sha256;  // hex
};

struct CaseEvent {
  int64_t id = 0;  // given by AppendCaseEvents
  std::string finding_id;
  CaseEventKind kind = CaseEventKind::kHandover;
  std::string recorded;  // when stored, ISO 8601 with offset
  std::string officer;
  std::optional<int64_t> corrects;          // the event this one replaces
  std::optional<Date> event_date;           // rectified: when done; recheck: when re-checked
  std::optional<Date> deadline;             // handover: rectify by
  std::string handed_to;                    // handover
  std::string doc_no;                       // handover, escalate
  std::string note;                         // rectified, close
  std::optional<bool> passed;               // recheck
  std::vector<std::string> inspectors;      // recheck: inspector IDs
  std::vector<CaseAttachment> attachments;  // rectified
};

// Appends the events, with their attachments' rows, in one transaction and returns their ids in
// order. Throws StoreError (e.g. a finding id the store does not hold).
std::vector<int64_t> AppendCaseEvents(Database& db, const std::vector<CaseEvent>& events);

// The events of one finding, oldest first.
std::vector<CaseEvent> CaseEventsOf(Database& db, const std::string& finding_id);
// Every event, by finding id then oldest first.
std::vector<CaseEvent> AllCaseEvents(Database& db);
std::optional<CaseEvent> CaseEventById(Database& db, int64_t id);

// An attachment the store names by its SHA-256 (hex), or nullopt: the only files the workbench
// hands out are those an event names.
std::optional<CaseAttachment> AttachmentBySha256(Database& db, const std::string& sha256);

// Where the store keeps an attachment's bytes: "<db>-attachments/<sha256>".
std::string AttachmentDirectory(const Database& db);
std::string AttachmentPath(const Database& db, const std::string& sha256);

}  // namespace xk::store
