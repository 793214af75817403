// The layout of an inspection document, the one model both renderers read: paragraphs of runs
// (plain, bold, underlined values, blanks to fill by hand) in a few named styles, and simple ruled
// tables. src/document/inspection_documents.h says what goes into each document; docx_writer.h
// and document_html.h turn the same layout into a Word document and a printable HTML page, so the
// two always say the same thing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xk {

struct LayoutRun {
  std::string text;  // may hold '\n' (a line break) and '\t'
  bool bold = false;
  bool underline = false;  // a value written on its line
};

// A run of `width` underscores: the line an officer fills in by hand.
LayoutRun Blank(int width);

enum class ParagraphStyle {
  kAuthority,  // the issuing authority above the title
  kTitle,      // 现场检查记录
  kNumber,     // the document number line under the title
  kBody,       // a line of the form or of the text
  kHeading,    // a section of the form (检查情况：)
  kItem,       // a numbered problem, indented
  kDetail,     // a fact of the problem above, indented further
  kSignature,  // signature and date lines, with space above
  kNote,       // small print
};

enum class Alignment { kLeft, kCenter, kRight, kJustify };

struct LayoutParagraph {
  ParagraphStyle style = ParagraphStyle::kBody;
  std::vector<LayoutRun> runs;
  Alignment align = Alignment::kLeft;
};

// A ruled table: the first row is the header (bold, repeated on every page); widths in percent
// of the text width, one a column.
struct LayoutTable {
  std::vector<int> column_percent;
  std::vector<std::vector<std::string>> rows;
};

// A paragraph or a table. A plain struct rather than a std::variant: GCC 12 at -O2 reports false
// -Wmaybe-uninitialized warnings when moving a variant of these (as it does inside <regex>).
struct LayoutBlock {
  // Implicit on purpose: a paragraph or a table is a block wherever one is expected.
  LayoutBlock(LayoutParagraph paragraph) : paragraph(std::move(paragraph)) {}
  LayoutBlock(LayoutTable table) : is_table(true), table(std::move(table)) {}

  bool is_table = false;
  LayoutParagraph paragraph;  // when not is_table
  LayoutTable table;          // when is_table
};

struct DocumentLayout {
  std::string title;  // the document's name, e.g. "现场检查记录" (window title, file properties)
  std::vector<LayoutBlock> blocks;
};

// `text` made fit for an XML 1.0 document and for HTML: bytes that are not valid UTF-8 become
// U+FFFD; characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return; U+FFFE,
// U+FFFF) are dropped; CR LF and a lone CR become LF. Escaping is the renderer's job.
std::string DocumentText(std::string_view text);

// At most `max_chars` characters of `text` (cut at a character boundary), with "…（已截断）"
// appended when anything was cut: a hostile archive's megabyte name stays readable.
std::string BoundedText(std::string_view text, size_t max_chars);

}  // namespace xk
