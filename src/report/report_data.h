// Everything the reports of one run show, gathered by the pipeline from the store (and, for the
// timelines, from the coverage computed in that run). Reports read only this.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "records/model.h"
#include "records/store/audit_store.h"
#include "src/cycle/inspection_table.h"
#include "src/person/person_chain.h"

namespace xk {

// One exam session's timeline picture (PNG), one row per required camera.
struct SessionTimeline {
  std::string institution;
  std::string session_id;
  std::string room;
  std::string title;  // e.g. "KS01 场次 S1 考场 A 2022-04-15 09:00–11:00"
  std::string png;    // encoded picture bytes
};

struct ReportData {
  store::RunSummary run;
  std::vector<store::StoredFinding> findings;  // reported (new, persisting) then resolved
  std::vector<LoadIssue> issues;
  std::vector<store::ClassHoursRow> class_hours;
  std::vector<Institution> institutions;
  std::vector<SessionTimeline> timelines;
  int inspection_year = 0;
  std::vector<InspectionRow> inspections;
  std::map<std::string, CaseSummary> cases;  // finding id -> its enforcement loop, when it has events
  // PersonKey -> the chain of every person a reported finding names (points into the run's model).
  std::map<std::string, PersonChain> people;
  size_t people_named = 0;  // people the findings name in all (people holds at most kReportedPeople)
  TimeZone zone;
  bool chinese = true;
};

}  // namespace xk
