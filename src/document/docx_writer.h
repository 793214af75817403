// A DocumentLayout as a Word document (.docx, WordprocessingML in an OOXML package written with
// libzip): [Content_Types].xml, the package and document relationships, word/document.xml,
// word/styles.xml (宋体 body, 黑体 title, the layout's paragraph styles), word/settings.xml,
// word/footer1.xml (第 X 页 共 Y 页) and docProps. A4 portrait with the margins of official
// documents (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm). Every text is cleaned
// (DocumentText) and XML-escaped here, so a layout may carry any archive value as it is.
#pragma once

#include <string>

#include "src/document/document_layout.h"

namespace xk {

// The bytes of the .docx. Throws std::runtime_error when libzip cannot build the package.
std::string DocxPackage(const DocumentLayout& layout);

// The part word/document.xml alone (what DocxPackage puts there), for tests.
std::string DocxDocumentXml(const DocumentLayout& layout);

}  // namespace xk
