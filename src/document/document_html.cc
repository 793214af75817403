#include "src/document/document_html.h"

#include <fmt/format.h>

#include "records/text_escape.h"
#include "version.h"

namespace xk {

namespace {

// The sheet on screen is the printed page: A4 with the margins of the Word document (top 37 mm,
// right 26 mm, bottom 35 mm, left 28 mm); printing hands the margins to @page.
constexpr const char* kDocumentStyle = R"(
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { background: #fff; }
body { margin: 0; color: #000; }
.sheet { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 0 auto; padding: 37mm 26mm 35mm 28mm;
         font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", serif;
         font-size: 12pt; line-height: 1.5; overflow-wrap: anywhere; }
p { margin: 0; min-height: 1.5em; text-align: left; white-space: pre-wrap; }
.authority { text-align: center; font-family: "SimHei", "黑体", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; font-size: 16pt; }
.title { text-align: center; font-family: "SimHei", "黑体", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif;
         font-size: 22pt; font-weight: bold; margin: 6pt 0; break-after: avoid; }
.number { text-align: center; margin-bottom: 12pt; }
.heading { font-weight: bold; margin-top: 6pt; break-after: avoid; }
.item { margin: 3pt 0 0 12pt; break-after: avoid; }
.detail { margin-left: 36pt; font-size: 11pt; }
.signature { margin-top: 10pt; break-inside: avoid; }
.note { margin-top: 6pt; font-size: 9pt; }
.justify { text-align: justify; } .center { text-align: center; } .right { text-align: right; }
u { text-decoration: underline; text-underline-offset: 2pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 3pt 0; font-size: 10pt; line-height: 1.3; }
th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; white-space: pre-wrap; }
tr { break-inside: avoid; }
@media print { .sheet { width: auto; min-height: 0; padding: 0; } }
)";

std::string Text(const std::string& text) { return HtmlEscape(DocumentText(text)); }

const char* ClassOf(ParagraphStyle style) {
  switch (style) {
    case ParagraphStyle::kAuthority:
      return "authority";
    case ParagraphStyle::kTitle:
      return "title";
    case ParagraphStyle::kNumber:
      return "number";
    case ParagraphStyle::kBody:
      return "body";
    case ParagraphStyle::kHeading:
      return "heading";
    case ParagraphStyle::kItem:
      return "item";
    case ParagraphStyle::kDetail:
      return "detail";
    case ParagraphStyle::kSignature:
      return "signature";
    case ParagraphStyle::kNote:
      return "note";
  }
  return "body";
}

const char* AlignmentClass(Alignment align) {
  switch (align) {
    case Alignment::kLeft:
      return "";
    case Alignment::kCenter:
      return " center";
    case Alignment::kRight:
      return " right";
    case Alignment::kJustify:
      return " justify";
  }
  return "";
}

std::string ParagraphHtml(const LayoutParagraph& paragraph) {
  std::string html = fmt::format(R"(<p class="{}{}">)", ClassOf(paragraph.style), AlignmentClass(paragraph.align));
  for (const LayoutRun& run : paragraph.runs) {
    std::string text = Text(run.text);
    if (run.underline) text = "<u>" + text + "</u>";
    if (run.bold) text = "<b>" + text + "</b>";
    html += text;
  }
  return html + "</p>\n";
}

std::string TableHtml(const LayoutTable& table) {
  std::string html = "<table>\n<colgroup>";
  for (int percent : table.column_percent) html += fmt::format(R"(<col style="width:{}%">)", percent);
  html += "</colgroup>\n";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const char* cell = r == 0 ? "th" : "td";
    html += "<tr>";
    for (size_t c = 0; c < table.column_percent.size(); ++c) {
      const std::string text = c < table.rows[r].size() ? table.rows[r][c] : std::string();
      html += fmt::format("<{}>{}</{}>", cell, Text(text), cell);
    }
    html += "</tr>\n";
  }
  return html + "</table>\n";
}

}  // namespace

std::string DocumentHtml(const DocumentLayout& layout) {
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"generator\" content=\"xunkao {}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n"
      "<div class=\"sheet\">\n",
      kVersion, Text(layout.title), kDocumentStyle);
  for (const LayoutBlock& block : layout.blocks) {
    html += block.is_table ? TableHtml(block.table) : ParagraphHtml(block.paragraph);
  }
  return html + "</div>\n</body>\n</html>\n";
}

}  // namespace xk
