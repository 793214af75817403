// The three on-site documents of the inspection cycle (cycle.md "xunkao document"; the layout of
// the 2017 安全生产执法文书式样 as far as public templates show it), as layouts both renderers read:
//   现场检查记录 (inspection-record): the unit, place and time, the inspectors of the draw with
//     their 执法证号, 检查情况 pre-filled from the open findings (rule, facts, evidence, basis), the
//     signatures of the inspectors and of the unit's on-site head, and a line for a refusal to sign;
//   责令限期整改指令书 (rectification-order): the problems (the open findings handed over, or every
//     open finding when none was) with their basis, "于____年__月__日前整改完毕" filled from the
//     handover's deadline, the rights to 行政复议 (60 days) and 行政诉讼 (6 months), seal and dates;
//   整改复查意见书 (recheck-opinion): each standing re-check with its date, inspectors and result,
//     the rectification reported before it and its attachments, and the signatures.
// Pure functions of a DocumentData.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "src/document/document_layout.h"
#include "src/document/document_model.h"

namespace xk {

enum class DocumentKind { kInspectionRecord, kRectificationOrder, kRecheckOpinion };

std::vector<DocumentKind> AllDocumentKinds();
// "inspection-record", "rectification-order", "recheck-opinion": the command's word and the file
// name's.
std::string_view DocumentKindName(DocumentKind kind);
std::optional<DocumentKind> ParseDocumentKind(std::string_view name);
// 现场检查记录, 责令限期整改指令书, 整改复查意见书
std::string_view DocumentKindZh(DocumentKind kind);

DocumentLayout BuildDocument(DocumentKind kind, const DocumentData& data);

// The findings a rectification order lists: the open findings with a standing handover, or every
// open finding when none has one.
std::vector<const DocumentFinding*> OrderedFindings(const DocumentData& data);

}  // namespace xk
