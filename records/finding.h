// A finding: one fact a rule established, explained for an officer (what was required, what was
// measured, where the evidence is, which rule of which regulation). Detectors return these; the
// store gives them status (new / persisting / resolved) and the reports print them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/model.h"

namespace xk {

enum class Severity { kLow, kMedium, kHigh };
const char* SeverityName(Severity severity);  // "low" | "medium" | "high"
// "轻微" | "一般" | "严重": the words of the report, the packets and the documents.
const char* SeverityZh(Severity severity);
std::optional<Severity> ParseSeverity(const std::string& text);

struct Evidence {
  std::string path;    // archive-relative (or packet-relative) path
  std::string sha256;  // empty when not computed
  std::string what;    // e.g. "timetable rows", "recording"
};

struct Finding {
  std::string rule;  // stable code, e.g. "TRN-HOURS-SHORT"
  Severity severity = Severity::kMedium;
  std::string institution;
  // The subject: what the finding is about. Together with rule and institution these make the id,
  // so the same fact found again in a later run keeps its id. Put in it exactly what identifies
  // the fact (e.g. class id; session+camera+gap start), never measured numbers.
  std::string subject;

  std::optional<std::string> class_id, session_id, trainee_id, teacher_id, room, camera, file;
  // Every class, session or file the finding names when it names several (e.g. the two classes of
  // a teacher clash); class_id, session_id and file hold the first. Empty when it names one.
  std::vector<std::string> class_ids, session_ids, files;
  // The id of the finding this one follows from (a knock-on: a trainee short of hours in a class
  // whose timetable is itself short), when that finding was made too. Not part of the id.
  std::optional<std::string> cause;
  std::vector<std::string> people;  // ID numbers as written
  std::optional<Instant> start, end;
  std::optional<double> measured, required;
  std::string unit;  // "学时" | "s" | "人" | ...

  std::string summary_zh;
  std::string summary_en;
  std::string basis;  // legal basis or reason for the threshold (Chinese, with source)

  std::vector<SourceRef> rows;  // record rows involved
  std::vector<Evidence> evidence;

  // Stable id: first 16 hex digits of SHA-256("rule|institution|subject").
  std::string Id() const;
};

// Record rows sorted by file and line, duplicates removed.
void SortRows(std::vector<SourceRef>* rows);

// One fact found twice (e.g. from a duplicated row) becomes one finding citing every row:
// findings with the same rule, institution and subject are merged; sorted by those keys.
std::vector<Finding> MergeSameFacts(std::vector<Finding> findings);

}  // namespace xk
