#include "records/csv/text.h"

#include <algorithm>

namespace xk {

namespace {

// Lead bytes of the sequences FoldFullWidth rewrites: U+FFxx (0xEF) and U+3000 (0xE3).
bool MayFold(std::string_view utf8) {
  return std::any_of(utf8.begin(), utf8.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte == 0xEF || byte == 0xE3;
  });
}

}  // namespace

std::string FoldFullWidth(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte == 0xEF && i + 2 < utf8.size()) {
      auto b1 = static_cast<unsigned char>(utf8[i + 1]);
      auto b2 = static_cast<unsigned char>(utf8[i + 2]);
      unsigned code = ((byte & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        out.push_back(static_cast<char>(code - 0xFF01 + 0x21));
        i += 2;
        continue;
      }
    }
    if (byte == 0xE3 && i + 2 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) == 0x80 &&
        static_cast<unsigned char>(utf8[i + 2]) == 0x80) {
      out.push_back(' ');
      i += 2;
      continue;
    }
    out.push_back(utf8[i]);
  }
  return out;
}

std::string_view FoldFullWidthView(std::string_view utf8, std::string* storage) {
  if (!MayFold(utf8)) return utf8;
  *storage = FoldFullWidth(utf8);
  return *storage;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string UpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ToUpperAscii(c);
  return out;
}

std::string NormalizeToken(std::string_view text) {
  std::string folded;
  std::string out(Trim(FoldFullWidthView(text, &folded)));
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

bool IsNormalizedToken(std::string_view text) {
  if (MayFold(text) || Trim(text).size() != text.size()) return false;
  return std::none_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string_view trimmed = Trim(current);
    if (!trimmed.empty()) out.emplace_back(trimmed);
    current.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ';' || text[i] == ',') {
      flush();
    } else if (text.compare(i, 3, "；") == 0 || text.compare(i, 3, "，") == 0 || text.compare(i, 3, "、") == 0) {
      flush();
      i += 2;
    } else {
      current.push_back(text[i]);
    }
  }
  flush();
  return out;
}

}  // namespace xk
