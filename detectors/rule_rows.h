// The rows of the exam-result (EXM-RESIT-EXCESS ... EXM-DOUBLE-SITTING) and certificate (CRT-*)
// rules, kept apart from rule_table.cc so that neither file grows past a reader's patience.
// rule_table.cc appends them after the rows it holds, in the order of RuleId.
#pragma once

#include <vector>

#include "detectors/rule_table.h"

namespace xk {

void AppendExamResultAndCertificateRows(std::vector<RuleRow>* rules);
// TRN-VIDEO-*: the classroom recording rules (classroom_rule_rows.cc).
void AppendClassroomVideoRows(std::vector<RuleRow>* rules);

}  // namespace xk
