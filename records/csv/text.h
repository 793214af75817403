// Small text helpers for values read from the archive: full-width folding and trimming.
#pragma once

#include <string>
#include <string_view>

namespace xk {

// Full-width forms (U+FF01..U+FF5E, e.g. "０９：００") become their ASCII forms; the ideographic
// space U+3000 becomes a space. Everything else is kept.
std::string FoldFullWidth(std::string_view utf8);

// Without surrounding ASCII white space.
std::string_view Trim(std::string_view text);

// ASCII upper case (other bytes unchanged).
std::string UpperAscii(std::string_view text);

// Folded, trimmed and ASCII-lower-cased: how enumeration tokens and header names are compared.
std::string NormalizeToken(std::string_view text);

}  // namespace xk
