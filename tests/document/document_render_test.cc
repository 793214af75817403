// The two renderers of a DocumentLayout on hostile text: the .docx package is a zip whose every
// part is well-formed XML (expat) and whose text is the layout's, cleaned; the HTML escapes every
// value; text is made fit for XML 1.0 and bounded at a character boundary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "src/document/document_html.h"
#include "src/document/document_layout.h"
#include "src/document/docx_writer.h"
#include "tests/document/document_world.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

TEST(DocumentText, DropsWhatXmlForbidsAndRepairsUtf8) {
  EXPECT_EQ(DocumentText("a\x01"
                         "b\x0b"
                         "c\x1f"
                         "d\te\nf"),
            "abcd\te\nf");
  EXPECT_EQ(DocumentText("one\r\ntwo\rthree"), "one\ntwo\nthree");
  EXPECT_EQ(DocumentText("培训\xEF\xBF\xBE\xEF\xBF\xBF机构"), "培训机构");          // U+FFFE, U+FFFF
  EXPECT_EQ(DocumentText("x\xFFy"), "x\xEF\xBF\xBDy");                              // not UTF-8
  EXPECT_EQ(DocumentText("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(DocumentText("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(DocumentText("\xE5\x9F"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // cut short
  EXPECT_EQ(DocumentText("😀 <&>"), "😀 <&>");
}

TEST(DocumentText, BoundedTextCutsAtACharacter) {
  EXPECT_EQ(BoundedText("安全培训", 4), "安全培训");
  EXPECT_EQ(BoundedText("安全培训中心", 4), "安全培训…（已截断）");
  EXPECT_EQ(BoundedText("abc", 0), "…（已截断）");
  EXPECT_EQ(BoundedText("", 0), "");
}

DocumentLayout HostileLayout() {
  DocumentLayout layout;
  layout.title = "标题 <\x01&>";
  layout.blocks.push_back(LayoutParagraph{ParagraphStyle::kTitle, {LayoutRun{"现场检查记录"}}, Alignment::kCenter});
  layout.blocks.push_back(
      LayoutParagraph{ParagraphStyle::kBody,
                      {LayoutRun{"单位："}, LayoutRun{"<w:t>]]>&\"'\x02\x0c甲\n乙\t丙", false, true}, Blank(6)},
                      Alignment::kJustify});
  layout.blocks.push_back(LayoutTable{{30, 70}, {{"附件", "SHA-256"}, {"a<b>.pdf", "0123&"}}});
  return layout;
}

TEST(DocumentDocx, EveryPartIsWellFormedAndHoldsTheCleanedText) {
  const fs::path dir = fs::path(::testing::TempDir()) / "xunkao-doc-render";
  fs::create_directories(dir);
  const fs::path path = dir / "hostile.docx";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << DocxPackage(HostileLayout());
  const auto entries = doctest::ReadZip(path);
  ASSERT_TRUE(entries.has_value());
  for (const char* part :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
        "word/settings.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"}) {
    ASSERT_EQ(entries->count(part), 1u) << part;
    const doctest::ParsedXml parsed = doctest::ParseXml(entries->at(part));
    EXPECT_TRUE(parsed.well_formed) << part << ": " << parsed.error;
  }
  const std::string& xml = entries->at("word/document.xml");
  const doctest::ParsedXml parsed = doctest::ParseXml(xml);
  EXPECT_NE(parsed.text.find("单位：<w:t>]]>&\"'甲\n乙\t丙______\n"), std::string::npos) << parsed.text;
  EXPECT_NE(parsed.text.find("a<b>.pdf"), std::string::npos);
  EXPECT_NE(xml.find("<w:u w:val=\"single\"/>"), std::string::npos);
  // A table at the end is followed by a paragraph before the section properties.
  EXPECT_NE(xml.find("</w:tbl><w:p/><w:sectPr>"), std::string::npos);
  EXPECT_NE(entries->at("docProps/core.xml").find("<dc:title>标题 &lt;&amp;&gt;</dc:title>"), std::string::npos);
  fs::remove_all(dir);
}

TEST(DocumentDocx, TheDocumentPartIsTheOneInThePackage) {
  const auto entries = [] {
    const fs::path path = fs::path(::testing::TempDir()) / "xunkao-doc-render-part.docx";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << DocxPackage(HostileLayout());
    auto read = doctest::ReadZip(path);
    fs::remove(path);
    return read;
  }();
  ASSERT_TRUE(entries.has_value());
  EXPECT_EQ(entries->at("word/document.xml"), DocxDocumentXml(HostileLayout()));
}

TEST(DocumentHtml, EscapesEveryValueAndPrintsOnA4) {
  const std::string html = DocumentHtml(HostileLayout());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
  EXPECT_NE(html.find("<title>标题 &lt;&amp;&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<u>&lt;w:t&gt;]]&gt;&amp;&quot;&#39;甲\n乙\t丙</u>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td>a&lt;b&gt;.pdf</td>"), std::string::npos);
  EXPECT_EQ(html.find('\x02'), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace xk
