// The pieces the three inspection documents share: the head (authority, title, number line),
// values written on their lines or blanks to fill by hand, dates in Chinese, inspectors by name
// and 执法证号, and a finding told as an officer reads it (rule, facts, evidence, basis). Every
// archive or store value is bounded here (BoundedText); cleaning and escaping are the renderers'.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/civil_time.h"
#include "src/document/document_layout.h"
#include "src/document/document_model.h"

namespace xk {

inline constexpr size_t kNameChars = 200;   // names, addresses, codes, document numbers
inline constexpr size_t kTextChars = 2000;  // summaries, legal bases, notes
inline constexpr int kFullLine = 70;        // underscores across the text width, at 12 pt

LayoutParagraph Paragraph(ParagraphStyle style, std::vector<LayoutRun> runs, Alignment align = Alignment::kLeft);
LayoutRun Plain(std::string text);
LayoutRun Bold(std::string text);
// `value` (bounded) underlined on its line, or a blank `blank_width` wide when it is empty.
LayoutRun Filled(const std::string& value, int blank_width);
// `count` lines to write on by hand.
void AppendBlankLines(DocumentLayout* layout, int count);

// The authority (a blank: the bureau names itself when it signs), the title and the number line.
void AppendHead(DocumentLayout* layout, std::string_view title, const std::string& number);
// The number line to fill by hand: "（    ）应急检记〔    〕    号".
std::string BlankNumber(std::string_view abbreviation);

std::string ChineseDate(Date date);  // "2026年11月30日"
// "____年__月__日": a date written by hand.
std::vector<LayoutRun> HandDateRuns();
// "____年__月__日", right-aligned: a date written by hand under a signature.
LayoutParagraph HandDateLine(ParagraphStyle style = ParagraphStyle::kBody);

// "王明（执法证号：JZ-0011）"; an inspector the roster does not know by the masked ID.
std::string InspectorText(const DocumentInspector& inspector);
// The inspectors joined with "、".
std::string InspectorsText(const std::vector<DocumentInspector>& inspectors);
// One signature line an inspector: name and number printed (blanks when unknown), the signature
// by hand. Two blank lines when there are none.
void AppendInspectorSignatures(DocumentLayout* layout, std::string_view label,
                               const std::vector<DocumentInspector>& inspectors);

// "【TRN-HOURS-SHORT】课程表实际支持的学时低于大纲最低学时（压缩学时）"
std::string FindingHeading(const DocumentFinding& finding);
// The facts: the finding's summary.
std::string FactsText(const DocumentFinding& finding);
// "实测 32 学时，要求 48 学时", or nullopt when the finding measures nothing.
std::optional<std::string> MeasureText(const Finding& finding);
// "2022-04-15 09:12:00 至 2022-04-15 09:12:40" (local time of `zone`), or nullopt.
std::optional<std::string> ConductTimeText(const Finding& finding, const TimeZone& zone);
// "问题编号 …；对象 …；文件 …；记录 …；证据 …": where the evidence is.
std::string EvidenceText(const DocumentFinding& finding);
// The legal basis as the finding cites it (the texts in force on the date of the conduct).
std::string BasisText(const DocumentFinding& finding);

}  // namespace xk
