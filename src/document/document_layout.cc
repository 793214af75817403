#include "src/document/document_layout.h"

#include <cstdint>

#include "records/csv/encoding.h"

namespace xk {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool XmlForbids(char32_t c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF; }

}  // namespace

LayoutRun Blank(int width) { return LayoutRun{std::string(static_cast<size_t>(width > 0 ? width : 0), '_')}; }

std::string DocumentText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t c = 0;
    const size_t length = DecodeUtf8Character(text, i, &c);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (!XmlForbids(c)) {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string BoundedText(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    // A character starts at every byte that is not a UTF-8 continuation byte.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return std::string(text.substr(0, i)) + "…（已截断）";
    ++chars;
  }
  return std::string(text);
}

}  // namespace xk
