#include "records/csv/encoding.h"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace xk {

namespace {

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

IconvHandle OpenIconv(const char* to, const char* from) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw std::runtime_error(std::string("iconv cannot convert ") + from + " to " + to);
  }
  return IconvHandle(cd);
}

// Converts with iconv; an invalid sequence is replaced by `replacement` and skipped one byte at a
// time, its offset recorded.
std::string Convert(std::string_view bytes, const char* to, const char* from, std::string_view replacement,
                    std::vector<size_t>* bad_offsets) {
  IconvHandle cd = OpenIconv(to, from);
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t out_used = 0;
  while (in_left > 0) {
    char* out_ptr = out.data() + out_used;
    size_t out_left = out.size() - out_used;
    size_t rc = iconv(static_cast<iconv_t>(cd.get()), &in_ptr, &in_left, &out_ptr, &out_left);
    out_used = static_cast<size_t>(out_ptr - out.data());
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
    } else {  // EILSEQ or EINVAL (truncated sequence at the end)
      if (bad_offsets) bad_offsets->push_back(static_cast<size_t>(in_ptr - bytes.data()));
      if (out.size() - out_used < replacement.size()) out.resize(out.size() * 2 + replacement.size());
      std::copy(replacement.begin(), replacement.end(), out.begin() + static_cast<long>(out_used));
      out_used += replacement.size();
      ++in_ptr;
      --in_left;
    }
  }
  out.resize(out_used);
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Exports are mostly ASCII (IDs, dates, codes): skip eight ASCII bytes at a time.
    if (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, sizeof word);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(s[i]);
    int extra;
    unsigned min_code;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      min_code = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      min_code = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      min_code = 0x10000;
    } else
      return false;
    unsigned code = c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      if (i + static_cast<size_t>(k) >= s.size()) return false;
      auto cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if ((cc & 0xC0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3F);
    }
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += static_cast<size_t>(extra) + 1;
  }
  return true;
}

namespace {

// The 1-based lines of `offsets` (ascending) in `bytes`, each line once.
std::vector<int> LinesOf(std::string_view bytes, const std::vector<size_t>& offsets) {
  std::vector<int> lines;
  int line = 1;
  size_t counted = 0;  // newlines before `counted` are in `line`
  for (size_t offset : offsets) {
    line += static_cast<int>(
        std::count(bytes.begin() + static_cast<long>(counted), bytes.begin() + static_cast<long>(offset), '\n'));
    counted = offset;
    if (lines.empty() || lines.back() != line) lines.push_back(line);
  }
  return lines;
}

DecodedText FromGb18030(std::string_view bytes) {
  DecodedText result;
  std::vector<size_t> bad_offsets;
  result.utf8 = Convert(bytes, "UTF-8", "GB18030", "\xEF\xBF\xBD", &bad_offsets);
  result.encoding = "GB18030";
  result.bad_lines = LinesOf(bytes, bad_offsets);
  return result;
}

bool HasUtf8Bom(std::string_view bytes) { return bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF"; }

// The length of the well-formed UTF-8 character at `at` (IsValidUtf8's rules: no overlong form,
// no surrogate, nothing above U+10FFFF), or 0.
size_t Utf8CharacterLength(std::string_view bytes, size_t at) {
  const auto c = static_cast<unsigned char>(bytes[at]);
  const size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (length == 0 || at + length > bytes.size()) return 0;
  return IsValidUtf8(bytes.substr(at, length)) ? length : 0;
}

// UTF-8 with its invalid sequences replaced by U+FFFD (one per byte) and their lines listed.
// Written here rather than with iconv: glibc's UTF-8 decoder lets code points above U+10FFFF
// through, and the result must be valid UTF-8 by the same rules as IsValidUtf8.
DecodedText FromBrokenUtf8(std::string_view bytes, const char* encoding) {
  DecodedText result;
  std::vector<size_t> bad_offsets;
  result.utf8.reserve(bytes.size() + 16);
  for (size_t at = 0; at < bytes.size();) {
    const size_t length = Utf8CharacterLength(bytes, at);
    if (length == 0) {
      bad_offsets.push_back(at);
      result.utf8 += "\xEF\xBF\xBD";
      ++at;
    } else {
      result.utf8.append(bytes.substr(at, length));
      at += length;
    }
  }
  result.encoding = encoding;
  result.bad_lines = LinesOf(bytes, bad_offsets);
  return result;
}

// A file that is not valid UTF-8 as a whole: UTF-8 with a few bad lines, or GB18030? Each line
// holding non-ASCII bytes votes; a UTF-8 export with one damaged line keeps its UTF-8 lines
// (and header) instead of being read as GB18030 throughout. GBK text is almost never valid UTF-8
// over a whole line, so a real GBK export votes GB18030 on every such line.
bool MostlyUtf8(std::string_view bytes) {
  int64_t utf8_lines = 0;
  int64_t other_lines = 0;
  size_t start = 0;
  while (start < bytes.size()) {
    size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = bytes.substr(start, end - start);
    if (std::any_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
      (IsValidUtf8(line) ? utf8_lines : other_lines) += 1;
    }
    start = end + 1;
  }
  return utf8_lines > other_lines;
}

DecodedText FromInvalidUtf8(std::string_view bytes) {
  if (HasUtf8Bom(bytes)) return FromBrokenUtf8(bytes.substr(3), "UTF-8 (BOM)");
  if (MostlyUtf8(bytes)) return FromBrokenUtf8(bytes, "UTF-8");
  return FromGb18030(bytes);
}

}  // namespace

size_t DecodeUtf8Character(std::string_view text, size_t i, char32_t* code_point) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    if (code_point) *code_point = lead;
    return 1;
  }
  size_t length = 0;
  char32_t value = 0, minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1F;
    minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0F;
    minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  if (code_point) *code_point = value;
  return length;
}

DecodedText DecodeOwnedToUtf8(std::string&& bytes) {
  DecodedText result;
  if (HasUtf8Bom(bytes) && IsValidUtf8(std::string_view(bytes).substr(3))) {
    bytes.erase(0, 3);
    result.utf8 = std::move(bytes);
    result.encoding = "UTF-8 (BOM)";
    return result;
  }
  if (IsValidUtf8(bytes)) {
    result.utf8 = std::move(bytes);
    result.encoding = "UTF-8";
    return result;
  }
  return FromInvalidUtf8(bytes);
}

DecodedText DecodeToUtf8(std::string_view bytes) { return DecodeOwnedToUtf8(std::string(bytes)); }

std::string DisplayName(std::string_view raw) {
  if (IsValidUtf8(raw)) return std::string(raw);
  // GB18030 when the whole name decodes; else the valid UTF-8 kept and each other byte as \xNN.
  std::vector<size_t> bad_offsets;
  std::string decoded = Convert(raw, "UTF-8", "GB18030", "", &bad_offsets);
  if (bad_offsets.empty()) return decoded;
  std::string out;
  size_t i = 0;
  while (i < raw.size()) {
    const size_t length = Utf8CharacterLength(raw, i);
    if (length == 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(raw[i]));
      ++i;
    } else {
      out.append(raw.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::vector<std::string> RawNameCandidates(std::string_view display) {
  std::vector<std::string> candidates{std::string(display)};
  const bool ascii = std::all_of(display.begin(), display.end(), [](char c) { return (c & 0x80) == 0; });
  if (!ascii) {
    std::string gb = Utf8ToGb18030(display);
    if (gb != display) candidates.push_back(std::move(gb));
  }
  if (display.find("\\x") != std::string_view::npos) {
    std::string bytes;
    for (size_t i = 0; i < display.size(); ++i) {
      if (display[i] == '\\' && i + 3 < display.size() && display[i + 1] == 'x' &&
          std::isxdigit(static_cast<unsigned char>(display[i + 2])) &&
          std::isxdigit(static_cast<unsigned char>(display[i + 3]))) {
        bytes += static_cast<char>(std::stoi(std::string(display.substr(i + 2, 2)), nullptr, 16));
        i += 3;
      } else {
        bytes += display[i];
      }
    }
    candidates.push_back(std::move(bytes));
  }
  return candidates;
}

std::string Utf8ToGb18030(std::string_view utf8) { return Convert(utf8, "GB18030", "UTF-8", "?", nullptr); }

}  // namespace xk
