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
// The length of the well-formed UTF-8 character at text[at] (1 to 4 bytes) and its code point, or
// 0 when the bytes there are not one: overlong forms, surrogates and values above U+10FFFF are not.
// `code_point` may be null.
size_t DecodeUtf8Character(std::string_view text, size_t at, char32_t* code_point);

// UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312). A file with
// a UTF-8 BOM is UTF-8, and so is one whose lines holding non-ASCII bytes are mostly valid UTF-8:
// a single damaged line does not turn a UTF-8 export into GB18030. Bytes invalid in the encoding
// chosen become U+FFFD and their lines are listed in bad_lines.
DecodedText DecodeToUtf8(std::string_view bytes);
// The same, taking the bytes over: text that is already UTF-8 is moved, not copied.
DecodedText DecodeOwnedToUtf8(std::string&& bytes);

// A file or folder name as raw bytes, made fit to show and store (valid UTF-8): unchanged when it
// is UTF-8, decoded when it is GB18030/GBK (names written by Chinese Windows), else its valid
// UTF-8 kept and every other byte shown as \xNN.
std::string DisplayName(std::string_view raw);
// The byte names a displayed name may stand for on disk, in the order to try: as written, its
// GB18030 encoding, its \xNN escapes undone.
std::vector<std::string> RawNameCandidates(std::string_view display);

// UTF-8 to GB18030 (for writing test and demo archives the way Excel does).
std::string Utf8ToGb18030(std::string_view utf8);

}  // namespace xk
