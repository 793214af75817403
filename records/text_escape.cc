#include "records/text_escape.h"

#include <algorithm>

namespace xk {

std::string ReplaceChars(std::string_view text, std::initializer_list<CharReplacement> replacements) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto* replacement =
        std::find_if(replacements.begin(), replacements.end(), [c](const CharReplacement& r) { return r.from == c; });
    if (replacement == replacements.end()) {
      out.push_back(c);
    } else {
      out += replacement->to;
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  return ReplaceChars(text, {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}});
}

namespace {

// `field` between double quotes, its quotes doubled, with `lead` first inside them.
std::string QuotedCell(std::string_view field, std::string_view lead) {
  std::string out = "\"";
  out += lead;
  out += ReplaceChars(field, {{'"', "\"\""}});
  out.push_back('"');
  return out;
}

}  // namespace

std::string CsvEscape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  return QuotedCell(field, "");
}

std::string CsvTextCell(std::string_view field) {
  if (field.empty()) return "";
  static constexpr std::string_view kFormulaStarts = "=+-@\t\r";
  return QuotedCell(field, kFormulaStarts.find(field.front()) != std::string_view::npos ? "'" : "");
}

std::string TerminalText(std::string_view utf8) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(utf8.size());
  auto escape = [&](unsigned char byte) { out += {'\\', 'x', kHex[byte >> 4], kHex[byte & 15]}; };
  for (size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    const bool c0 = byte < 0x20 && byte != '\n' && byte != '\t';
    if (c0 || byte == 0x7F) {
      escape(byte);
    } else if (byte == 0xC2 && i + 1 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(utf8[i + 1]) <= 0x9F) {  // U+0080..U+009F
      escape(static_cast<unsigned char>(utf8[++i]));
    } else {
      out += utf8[i];
    }
  }
  return out;
}

}  // namespace xk
