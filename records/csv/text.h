// Small text helpers for values read from the archive: full-width folding and trimming.
// White space and case are ASCII only (the program runs in the "C" locale; Chinese text has no
// case), so these are plain byte tests rather than <cctype> calls.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xk {

constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
constexpr char ToLowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ToUpperAscii(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Full-width forms (U+FF01..U+FF5E, e.g. "０９：００") become their ASCII forms; the ideographic
// space U+3000 becomes a space. Everything else is kept.
std::string FoldFullWidth(std::string_view utf8);

// The same without a copy when there is nothing to fold (the usual case): returns `utf8` itself,
// or the folded text written into `*storage`.
std::string_view FoldFullWidthView(std::string_view utf8, std::string* storage);

// Without surrounding ASCII white space.
std::string_view Trim(std::string_view text);

// ASCII upper case (other bytes unchanged).
std::string UpperAscii(std::string_view text);

// Folded, trimmed and ASCII-lower-cased: how enumeration tokens and header names are compared.
std::string NormalizeToken(std::string_view text);

// Whether NormalizeToken(text) == text, checked without building it.
bool IsNormalizedToken(std::string_view text);

// A list written in one cell, "A;B；C、D" -> {"A","B","C","D"}: split at ; , and their full-width
// forms and at 、, each item trimmed, empty items dropped (people in a session, codes to recuse from).
std::vector<std::string> SplitList(std::string_view text);

}  // namespace xk
