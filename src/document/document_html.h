// A DocumentLayout as one printable HTML page: self-contained (no script, no network resource),
// @page A4 with the Word document's margins, on screen an A4 sheet of the same size. Every text is
// cleaned (DocumentText) and HTML-escaped here.
#pragma once

#include <string>

#include "src/document/document_layout.h"

namespace xk {

std::string DocumentHtml(const DocumentLayout& layout);

}  // namespace xk
