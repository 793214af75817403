#include "src/packet/safe_path.h"

#include "records/csv/encoding.h"

namespace xk {

namespace {

bool IsKeptAscii(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string SafeComponent(std::string_view text, size_t max_bytes) {
  if (max_bytes < 1) max_bytes = 1;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    std::string_view piece;
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      // A dot is kept only between two other characters and never next to another dot.
      bool dot_ok = c != '.' || (!out.empty() && out.back() != '.' && i + 1 < text.size() && text[i + 1] != '.');
      piece = IsKeptAscii(c) && dot_ok ? text.substr(i, 1) : "_";
      i += 1;
    } else if (size_t length = DecodeUtf8Character(text, i, nullptr); length > 0) {
      piece = text.substr(i, length);
      i += length;
    } else {
      piece = "_";
      i += 1;
    }
    if (out.size() + piece.size() > max_bytes) break;
    out += piece;
  }
  while (!out.empty() && out.back() == '.') out.back() = '_';
  if (out.empty()) out = "_";
  return out;
}

bool IsSafeRelativePath(std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return false;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view component = relative.substr(start, end - start);
    if (component.empty() || component == "." || component == "..") return false;
    if (component.find('\0') != std::string_view::npos || component.find('\\') != std::string_view::npos) {
      return false;
    }
    start = end + 1;
  }
  return true;
}

std::optional<std::filesystem::path> ResolveUnder(const std::filesystem::path& root, std::string_view relative) {
  // Archive paths may hold a trailing or doubled '/', but never an absolute or climbing one.
  std::string cleaned;
  for (size_t start = 0; start <= relative.size();) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view component = relative.substr(start, end - start);
    if (!component.empty() && component != ".") {
      if (!cleaned.empty()) cleaned += '/';
      cleaned += component;
    }
    start = end + 1;
  }
  if (relative.empty() || relative.front() == '/' || !IsSafeRelativePath(cleaned)) return std::nullopt;
  return root / std::filesystem::path(cleaned);
}

std::string PercentEncodeLineBreaks(std::string_view text, bool also_tab) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\n') {
      out += "%0A";
    } else if (c == '\r') {
      out += "%0D";
    } else if (also_tab && c == '\t') {
      out += "%09";
    } else {
      out += c;
    }
  }
  return out;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = HexValue(text[i + 1]), low = HexValue(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace xk
