#include "records/csv/encoding.h"

#include <iconv.h>

#include <algorithm>
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

}  // namespace

DecodedText DecodeToUtf8(std::string_view bytes) {
  DecodedText result;
  if (HasUtf8Bom(bytes) && IsValidUtf8(bytes.substr(3))) {
    result.utf8 = std::string(bytes.substr(3));
    result.encoding = "UTF-8 (BOM)";
    return result;
  }
  if (IsValidUtf8(bytes)) {
    result.utf8 = std::string(bytes);
    result.encoding = "UTF-8";
    return result;
  }
  return FromGb18030(bytes);
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
  return FromGb18030(bytes);
}

std::string Utf8ToGb18030(std::string_view utf8) { return Convert(utf8, "GB18030", "UTF-8", "?", nullptr); }

}  // namespace xk
