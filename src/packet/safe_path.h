// Path safety for evidence packets. Everything a packet writes is named under its own folder,
// and names made from archive data (institution codes, session ids, rooms, file paths) pass
// through SafeComponent first, so a code like "../../evil" or a class id like "班/../x" can
// never name a file outside the packet. Relative paths inside a bag or a zip are checked with
// IsSafeRelativePath before anything is created or read through them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace xk {

// One file-name component made from arbitrary bytes: ASCII letters, digits, '-', '_' and '.'
// are kept, as are well-formed UTF-8 characters beyond ASCII (Chinese names stay readable);
// every other byte (separators, control characters, spaces, quotes, invalid UTF-8) becomes '_'.
// The result never starts with '.', never holds "..", is never empty, and is at most
// `max_bytes` long (cut at a character boundary).
std::string SafeComponent(std::string_view text, size_t max_bytes = 80);

// True when `relative` is a non-empty '/'-separated relative path whose components are all
// non-empty, not "." or "..", and free of NUL and backslash: it cannot leave the folder it is
// taken relative to (symbolic links aside).
bool IsSafeRelativePath(std::string_view relative);

// `root / relative` for an archive-relative path from the store, or nullopt when `relative` is
// absolute or climbs out of `root` ("..").
std::optional<std::filesystem::path> ResolveUnder(const std::filesystem::path& root, std::string_view relative);

// Percent-encodes CR, LF and '%' (RFC 8493 manifest file paths), and TAB when `also_tab`.
std::string PercentEncodeLineBreaks(std::string_view text, bool also_tab = false);
// The inverse: decodes every %XX escape; malformed escapes are kept as written.
std::string PercentDecode(std::string_view text);

}  // namespace xk
