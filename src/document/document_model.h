// What the inspection documents (cycle.md "xunkao document") are made from, gathered into plain
// structs: the unit from institutions.csv, the inspectors of a draw (records/store/draw_store.h),
// the institution's open findings (records/store/audit_store.h) and every finding's case events as
// they stand (records/store/case_store.h, src/cycle/case_state.h: a correction replaces the event
// it corrects). The documents are pure functions of a DocumentData (inspection_documents.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/finding.h"
#include "records/model.h"
#include "records/policy.h"
#include "records/store/audit_store.h"

namespace xk {

// An inspector as a document shows them: by name and 执法证号, never by ID number. One the roster
// and the draws do not know keeps only a masked ID ("1101**********0011") in `unknown_id`.
struct DocumentInspector {
  std::string name;
  std::string cert_no;
  std::string unit;
  std::string unknown_id;
};

// The draw that sent the inspectors (xunkao draw): with --draw ID that one, else the latest draw
// that has the institution among its targets.
struct DocumentDraw {
  int64_t id = 0;
  std::string period;     // "2022H2"
  std::string created;    // when drawn, ISO 8601 with offset
  std::string selection;  // "drawn" | "priority"
  std::string reason;     // why a priority target is one
  std::vector<DocumentInspector> inspectors;
};

// The last standing handover (交办 / 责令限期整改) of a finding.
struct DocumentHandover {
  std::string doc_no;
  std::string handed_to;
  std::optional<Date> deadline;
  std::string recorded;  // when stored, ISO 8601 with offset
};

struct DocumentAttachment {
  std::string name;
  int64_t size = 0;
  std::string sha256;
};

// A standing re-check (复查) with the rectification it looked at: the last standing rectified event
// before it, if any.
struct DocumentRecheck {
  std::optional<Date> date;
  bool passed = false;
  std::vector<DocumentInspector> inspectors;
  std::string officer;  // who recorded it
  std::optional<Date> rectified_on;
  std::string rectification_note;
  std::vector<DocumentAttachment> attachments;
};

struct DocumentFinding {
  std::string id;
  bool open = true;  // not resolved by a later audit
  Finding finding;
  std::string rule_title;  // the rule table's finds_zh, or "" for a code it does not hold
  std::optional<DocumentHandover> handover;
  std::vector<DocumentRecheck> rechecks;  // oldest first
};

struct DocumentData {
  Institution unit;
  std::optional<DocumentDraw> draw;
  // OpenFindings(institution), in the store's order, with their case events.
  std::vector<DocumentFinding> open_findings;
  // Every finding of the institution, open or resolved, with at least one standing re-check.
  std::vector<DocumentFinding> rechecked_findings;
  TimeZone zone;  // the archive's, for the findings' times
};

struct DocumentRequest {
  std::filesystem::path archive;
  std::string institution;
  std::optional<int64_t> draw_id;
};

// Either the data or why there is none: `error` (Chinese, then English in parentheses) names what
// is missing (institutions.csv, the institution in it, the draw, the institution in the draw).
struct GatheredDocumentData {
  std::optional<DocumentData> data;
  std::string error;
};

// Reads institutions.csv (and bureau/inspectors.csv, when there is one, to name the re-checks'
// inspectors) with `policy`'s limits, and the store. Writes nothing.
GatheredDocumentData GatherDocumentData(store::AuditStore& store, const DocumentRequest& request,
                                        const AuditPolicy& policy);

// "1101**********0011": the first four and last four characters of an ID, the rest masked.
std::string MaskedId(const std::string& id);

}  // namespace xk
