#include "src/document/docx_writer.h"

#include <fmt/format.h>

#include <stdexcept>
#include <utility>
#include <vector>

#include "records/text_escape.h"  // HtmlEscape: its entities are XML's too
#include "records/zip_handles.h"
#include "version.h"

namespace xk {

namespace {

constexpr const char* kXmlDeclaration = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                                        "\n";
constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// A4 and the margins of official documents, in twentieths of a point (1 mm = 56.7).
constexpr int kPageWidth = 11906, kPageHeight = 16838;
constexpr int kMarginTop = 2098, kMarginBottom = 1984, kMarginLeft = 1587, kMarginRight = 1474;
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;

constexpr const char* kContentTypes =
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>)"
    R"(<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>)"
    R"(<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)"
    R"(<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>)"
    R"(</Types>)";

constexpr const char* kPackageRelationships =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>)"
    R"(</Relationships>)";

constexpr const char* kDocumentRelationships =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>)"
    R"(</Relationships>)";

// compatibilityMode 15: Word opens it as a current document, not in compatibility mode.
constexpr const char* kSettings =
    R"(<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>)"
    R"(<w:characterSpacingControl w:val="compressPunctuation"/>)"
    R"(<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>)"
    R"(</w:settings>)";

// Body 宋体 小四 (12 pt), title 黑体 二号 (22 pt), line spacing 1.5; Latin text in Times New Roman.
constexpr const char* kStyles =
    R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>)"
    R"(<w:kern w:val="2"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>)"
    R"(<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>)"
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="XkAuthority"><w:name w:val="xk Authority"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="XkTitle"><w:name w:val="xk Title"/><w:basedOn w:val="Normal"/><w:next w:val="XkNumber"/>)"
    R"(<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/></w:pPr>)"
    R"(<w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/><w:b/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="XkNumber"><w:name w:val="xk Number"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="XkHeading"><w:name w:val="xk Heading"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:keepNext/><w:spacing w:before="120"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="XkItem"><w:name w:val="xk Item"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:keepNext/><w:spacing w:before="60"/><w:ind w:left="240"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="XkDetail"><w:name w:val="xk Detail"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:ind w:left="720"/></w:pPr><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="XkSignature"><w:name w:val="xk Signature"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:keepLines/><w:spacing w:before="200"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="XkNote"><w:name w:val="xk Note"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:spacing w:before="120"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="XkCell"><w:name w:val="xk Cell"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>)"
    R"(</w:styles>)";

constexpr const char* kFooter =
    R"(<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>)"
    R"(<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">第 </w:t></w:r>)"
    R"(<w:fldSimple w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>)"
    R"(<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> 页 共 </w:t></w:r>)"
    R"(<w:fldSimple w:instr=" NUMPAGES "><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>)"
    R"(<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> 页</w:t></w:r></w:p></w:ftr>)";

const char* StyleId(ParagraphStyle style) {
  switch (style) {
    case ParagraphStyle::kAuthority:
      return "XkAuthority";
    case ParagraphStyle::kTitle:
      return "XkTitle";
    case ParagraphStyle::kNumber:
      return "XkNumber";
    case ParagraphStyle::kBody:
      return "Normal";
    case ParagraphStyle::kHeading:
      return "XkHeading";
    case ParagraphStyle::kItem:
      return "XkItem";
    case ParagraphStyle::kDetail:
      return "XkDetail";
    case ParagraphStyle::kSignature:
      return "XkSignature";
    case ParagraphStyle::kNote:
      return "XkNote";
  }
  return "Normal";
}

const char* Justification(Alignment align) {
  switch (align) {
    case Alignment::kLeft:
      return "left";
    case Alignment::kCenter:
      return "center";
    case Alignment::kRight:
      return "right";
    case Alignment::kJustify:
      return "both";
  }
  return "both";
}

// The run's text as <w:t>, <w:br/> and <w:tab/> elements: cleaned, escaped, line breaks and tabs
// as Word writes them.
std::string RunContent(const std::string& text) {
  const std::string clean = DocumentText(text);
  std::string xml, piece;
  auto flush = [&] {
    if (!piece.empty()) xml += "<w:t xml:space=\"preserve\">" + HtmlEscape(piece) + "</w:t>";
    piece.clear();
  };
  for (char c : clean) {
    if (c == '\n' || c == '\t') {
      flush();
      xml += c == '\n' ? "<w:br/>" : "<w:tab/>";
    } else {
      piece.push_back(c);
    }
  }
  flush();
  return xml;
}

std::string RunXml(const LayoutRun& run) {
  std::string properties;
  if (run.bold) properties += "<w:b/><w:bCs/>";
  if (run.underline) properties += "<w:u w:val=\"single\"/>";
  std::string xml = "<w:r>";
  if (!properties.empty()) xml += "<w:rPr>" + properties + "</w:rPr>";
  return xml + RunContent(run.text) + "</w:r>";
}

std::string ParagraphXml(const LayoutParagraph& paragraph, const char* style) {
  std::string xml = fmt::format(R"(<w:p><w:pPr><w:pStyle w:val="{}"/>)", style);
  xml += fmt::format(R"(<w:jc w:val="{}"/>)", Justification(paragraph.align));
  xml += "</w:pPr>";
  for (const LayoutRun& run : paragraph.runs) xml += RunXml(run);
  return xml + "</w:p>";
}

std::string CellXml(const std::string& text, int width, bool header) {
  LayoutParagraph paragraph{ParagraphStyle::kBody, {LayoutRun{text, header}}, Alignment::kLeft};
  return fmt::format(R"(<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>{}</w:tc>)", width,
                     ParagraphXml(paragraph, "XkCell"));
}

std::string TableXml(const LayoutTable& table) {
  std::vector<int> widths;
  for (int percent : table.column_percent) widths.push_back(kTextWidth * percent / 100);
  std::string xml = fmt::format(
      R"(<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:tblBorders>)"
      R"(<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
      R"(<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
      R"(<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
      R"(</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/>)"
      R"(</w:tblCellMar></w:tblPr><w:tblGrid>)",
      kTextWidth);
  for (int width : widths) xml += fmt::format(R"(<w:gridCol w:w="{}"/>)", width);
  xml += "</w:tblGrid>";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    xml += r == 0 ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t c = 0; c < widths.size(); ++c) {
      xml += CellXml(c < table.rows[r].size() ? table.rows[r][c] : std::string(), widths[c], r == 0);
    }
    xml += "</w:tr>";
  }
  return xml + "</w:tbl>";
}

std::string CoreProperties(const std::string& title) {
  return std::string(kXmlDeclaration) +
         R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
         R"(xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>)" +
         HtmlEscape(DocumentText(title)) + "</dc:title><dc:creator>xunkao</dc:creator></cp:coreProperties>";
}

std::string AppProperties() {
  return std::string(kXmlDeclaration) +
         R"(<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>xunkao )" +
         kVersion + "</Application></Properties>";
}

// The bytes of a zip built in memory from `parts` (name, content), in that order.
std::string ZipBytes(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  ZipSourcePtr buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (buffer == nullptr) throw std::runtime_error("cannot create the .docx package in memory");
  zip_source_keep(buffer.get());  // one reference for the archive, one to read the bytes back
  ZipArchivePtr archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
  if (archive == nullptr) {
    zip_source_free(buffer.get());  // the reference the archive did not take
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw std::runtime_error("cannot create the .docx package: " + message);
  }
  zip_error_fini(&error);
  for (const auto& [name, content] : parts) {
    ZipSourcePtr source(zip_source_buffer(archive.get(), content.data(), content.size(), 0));
    if (source == nullptr || zip_file_add(archive.get(), name.c_str(), source.get(), ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("cannot add " + name + " to the .docx package: " + ZipErrorText(archive.get()));
    }
    source.release();  // the archive owns it
  }
  if (std::string closed = CloseZip(&archive); !closed.empty()) {
    throw std::runtime_error("cannot write the .docx package: " + closed);
  }
  zip_stat_t stat;
  if (zip_source_stat(buffer.get(), &stat) < 0 || (stat.valid & ZIP_STAT_SIZE) == 0 ||
      zip_source_open(buffer.get()) < 0) {
    throw std::runtime_error("cannot read the .docx package back from memory");
  }
  std::string bytes(stat.size, '\0');
  const zip_int64_t read = zip_source_read(buffer.get(), bytes.data(), bytes.size());
  zip_source_close(buffer.get());
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    throw std::runtime_error("cannot read the .docx package back from memory");
  }
  return bytes;
}

}  // namespace

std::string DocxDocumentXml(const DocumentLayout& layout) {
  std::string body;
  bool ends_with_table = false;
  for (const LayoutBlock& block : layout.blocks) {
    if (!block.is_table) {
      body += ParagraphXml(block.paragraph, StyleId(block.paragraph.style));
      ends_with_table = false;
    } else {
      // Two tables in a row would merge into one: a paragraph keeps them apart.
      if (ends_with_table) body += "<w:p/>";
      body += TableXml(block.table);
      ends_with_table = true;
    }
  }
  if (ends_with_table) body += "<w:p/>";  // Word wants a paragraph before the section's end
  return fmt::format(
      R"({}<w:document xmlns:w="{}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{})"
      R"(<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="{}" w:h="{}"/>)"
      R"(<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="992" w:gutter="0"/>)"
      R"(<w:cols w:space="425"/></w:sectPr></w:body></w:document>)",
      kXmlDeclaration, kWordNamespace, body, kPageWidth, kPageHeight, kMarginTop, kMarginRight, kMarginBottom,
      kMarginLeft);
}

std::string DocxPackage(const DocumentLayout& layout) {
  const std::string declaration = kXmlDeclaration;
  return ZipBytes({
      {"[Content_Types].xml", declaration + kContentTypes},
      {"_rels/.rels", declaration + kPackageRelationships},
      {"word/document.xml", DocxDocumentXml(layout)},
      {"word/_rels/document.xml.rels", declaration + kDocumentRelationships},
      {"word/styles.xml", declaration + kStyles},
      {"word/settings.xml", declaration + kSettings},
      {"word/footer1.xml", declaration + kFooter},
      {"docProps/core.xml", CoreProperties(layout.title)},
      {"docProps/app.xml", AppProperties()},
  });
}

}  // namespace xk
