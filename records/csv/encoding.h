// Text encodings of exported files: UTF-8 (with or without BOM) and GB18030/GBK (what Excel on a
// Chinese Windows PC writes). Everything is UTF-8 inside the program; this is the edge.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xk {

struct DecodedText {
  std::string utf8;
  std::string encoding;        // "UTF-8", "UTF-8 (BOM)" or "GB18030"
  std::vector<int> bad_lines;  // 1-based lines holding bytes that are valid in neither encoding
};

bool IsValidUtf8(std::string_view bytes);

// UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312). Bytes that
// are invalid even in GB18030 become U+FFFD and their lines are listed in bad_lines.
DecodedText DecodeToUtf8(std::string_view bytes);
// The same, taking the bytes over: text that is already UTF-8 is moved, not copied.
DecodedText DecodeOwnedToUtf8(std::string&& bytes);

// UTF-8 to GB18030 (for writing test and demo archives the way Excel does).
std::string Utf8ToGb18030(std::string_view utf8);

}  // namespace xk
