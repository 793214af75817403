#include "src/document/document_parts.h"

#include <fmt/format.h>

#include <utility>

namespace xk {

namespace {

constexpr size_t kRowsShown = 3;      // record rows cited by file and line
constexpr size_t kEvidenceShown = 3;  // evidence files cited

std::string Name(const std::string& value) { return BoundedText(value, kNameChars); }

std::string Number(double value) { return fmt::format("{:g}", value); }

std::string UnitText(const std::string& unit) {
  if (unit == "s") return "秒";
  if (unit == "min") return "分钟";
  return unit;
}

}  // namespace

LayoutParagraph Paragraph(ParagraphStyle style, std::vector<LayoutRun> runs, Alignment align) {
  return LayoutParagraph{style, std::move(runs), align};
}

LayoutRun Plain(std::string text) { return LayoutRun{std::move(text)}; }
LayoutRun Bold(std::string text) { return LayoutRun{std::move(text), true}; }

LayoutRun Filled(const std::string& value, int blank_width) {
  if (value.empty()) return Blank(blank_width);
  return LayoutRun{Name(value), false, true};
}

void AppendBlankLines(DocumentLayout* layout, int count) {
  for (int i = 0; i < count; ++i) layout->blocks.push_back(Paragraph(ParagraphStyle::kBody, {Blank(kFullLine)}));
}

void AppendHead(DocumentLayout* layout, std::string_view title, const std::string& number) {
  layout->title = std::string(title);
  layout->blocks.push_back(Paragraph(ParagraphStyle::kAuthority, {Blank(20), Plain("应急管理局")}, Alignment::kCenter));
  layout->blocks.push_back(Paragraph(ParagraphStyle::kTitle, {Plain(std::string(title))}, Alignment::kCenter));
  layout->blocks.push_back(Paragraph(ParagraphStyle::kNumber, {Plain(number)}, Alignment::kCenter));
}

std::string BlankNumber(std::string_view abbreviation) {
  return fmt::format("（　　）{}〔　　　　〕　　号", abbreviation);
}

std::string ChineseDate(Date date) {
  int year = 0, month = 0, day = 0;
  YmdFromDate(date, &year, &month, &day);
  return fmt::format("{}年{}月{}日", year, month, day);
}

std::vector<LayoutRun> HandDateRuns() { return {Blank(6), Plain("年"), Blank(4), Plain("月"), Blank(4), Plain("日")}; }

LayoutParagraph HandDateLine(ParagraphStyle style) { return Paragraph(style, HandDateRuns(), Alignment::kRight); }

std::string InspectorText(const DocumentInspector& inspector) {
  if (!inspector.unknown_id.empty()) {
    return fmt::format("名录中未找到的检查人员（身份证号 {}）", inspector.unknown_id);
  }
  return fmt::format("{}（执法证号：{}）", Name(inspector.name),
                     inspector.cert_no.empty() ? "________" : Name(inspector.cert_no));
}

std::string InspectorsText(const std::vector<DocumentInspector>& inspectors) {
  std::string text;
  for (const auto& inspector : inspectors) text += (text.empty() ? "" : "、") + InspectorText(inspector);
  return text;
}

void AppendInspectorSignatures(DocumentLayout* layout, std::string_view label,
                               const std::vector<DocumentInspector>& inspectors) {
  const std::string prefix = std::string(label) + "：";
  if (inspectors.empty()) {
    for (int i = 0; i < 2; ++i) {
      layout->blocks.push_back(Paragraph(ParagraphStyle::kSignature, {Plain(prefix), Blank(12), Plain("　执法证号："),
                                                                      Blank(14), Plain("　签名："), Blank(12)}));
    }
    return;
  }
  for (const auto& inspector : inspectors) {
    std::vector<LayoutRun> runs = {Plain(prefix)};
    if (!inspector.unknown_id.empty()) {
      runs.push_back(Blank(12));
      runs.push_back(Plain("（身份证号 " + inspector.unknown_id + "）"));
    } else {
      runs.push_back(Filled(inspector.name, 12));
    }
    runs.push_back(Plain("　执法证号："));
    runs.push_back(Filled(inspector.cert_no, 14));
    runs.push_back(Plain("　签名："));
    runs.push_back(Blank(12));
    layout->blocks.push_back(Paragraph(ParagraphStyle::kSignature, std::move(runs)));
  }
}

std::string FindingHeading(const DocumentFinding& finding) {
  return fmt::format("【{}】{}", Name(finding.finding.rule), finding.rule_title);
}

std::string FactsText(const DocumentFinding& finding) {
  if (finding.finding.summary_zh.empty()) return BoundedText(finding.finding.summary_en, kTextChars);
  return BoundedText(finding.finding.summary_zh, kTextChars);
}

std::optional<std::string> MeasureText(const Finding& finding) {
  const std::string unit = UnitText(Name(finding.unit));
  std::string text;
  if (finding.measured) text = fmt::format("实测 {} {}", Number(*finding.measured), unit);
  if (finding.required) {
    text += fmt::format("{}要求 {} {}", text.empty() ? "" : "，", Number(*finding.required), unit);
  }
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<std::string> ConductTimeText(const Finding& finding, const TimeZone& zone) {
  if (!finding.start) return std::nullopt;
  std::string text = FormatLocal(*finding.start, zone);
  if (finding.end && *finding.end != *finding.start) text += " 至 " + FormatLocal(*finding.end, zone);
  return text;
}

std::string EvidenceText(const DocumentFinding& document_finding) {
  const Finding& finding = document_finding.finding;
  std::string text = "问题编号 " + Name(document_finding.id);
  if (!finding.subject.empty()) text += "；对象 " + Name(finding.subject);
  if (finding.file) text += "；文件 " + Name(*finding.file);
  if (!finding.rows.empty()) {
    text += "；记录 ";
    for (size_t i = 0; i < finding.rows.size() && i < kRowsShown; ++i) {
      text += fmt::format("{}{} 第 {} 行", i == 0 ? "" : "、", Name(finding.rows[i].file.str()), finding.rows[i].line);
    }
    if (finding.rows.size() > kRowsShown) text += fmt::format(" 等 {} 处", finding.rows.size());
  }
  if (!finding.evidence.empty()) {
    text += "；证据 ";
    for (size_t i = 0; i < finding.evidence.size() && i < kEvidenceShown; ++i) {
      const Evidence& evidence = finding.evidence[i];
      text += (i == 0 ? "" : "、") + Name(evidence.path);
      if (!evidence.what.empty()) text += "（" + Name(evidence.what) + "）";
    }
    if (finding.evidence.size() > kEvidenceShown) text += fmt::format(" 等 {} 个", finding.evidence.size());
  }
  return text;
}

std::string BasisText(const DocumentFinding& finding) {
  if (finding.finding.basis.empty()) return "________";
  return BoundedText(finding.finding.basis, kTextChars);
}

}  // namespace xk
