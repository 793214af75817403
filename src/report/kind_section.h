// report.html's section per kind of finding (training hours, sign-ins, teachers, training archives,
// classroom recordings, exam-room recordings, exam conduct, exam results, certificates,
// inspections): each kind with its rules, how many findings of each severity, where, and links to
// the findings themselves, so the officer who checks certificates reads the certificates part.
#pragma once

#include <string>

#include "src/report/report_page.h"

namespace xk {

struct FindingKind {
  int order;  // where the kind comes in the section
  const char* zh;
  const char* en;
};

// The kind of a rule by its code (the rule table's family, classroom recordings by their prefix).
const FindingKind& KindOfRule(const std::string& code);

// "四、按问题类别": nothing when there are no findings.
std::string KindsSection(const ReportPage& page);

}  // namespace xk
