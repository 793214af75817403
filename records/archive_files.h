// Safe access to the files of an archive. The archive is written by the institutions being
// audited, so a name in it may be a symbolic link out of the archive (/etc/passwd), a FIFO that
// blocks the first read forever, a device (/dev/zero never ends), a link loop, or a file of any
// size. Everything that reads the archive goes through here:
//   - only regular files are read; FIFOs, sockets and devices are never opened;
//   - a symbolic link is followed only when its target stays inside the archive folder;
//   - a file is read only up to a byte limit given by the caller, checked before reading and
//     again while reading (a file that grows is cut off, not followed);
//   - a name written in UTF-8 is also looked up as its GB18030 bytes and with its \xNN escapes
//     undone (records/csv/encoding.h DisplayName), so a folder Excel named in GBK is found.
// Problems come back as values with a message in Chinese and English; nothing here throws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "records/model.h"

namespace xk {

enum class EntryKind {
  kRegular,
  kDirectory,
  kMissing,
  kSpecial,  // FIFO, socket, device
  kOutside,  // a symbolic link whose target is outside the archive
  kLoop,     // a symbolic link loop
  kError,    // cannot be examined (permissions, I/O error)
};

struct ArchiveEntry {
  EntryKind kind = EntryKind::kMissing;
  std::filesystem::path path;  // where it is on disk (the archive's own name, links left in place)
  int64_t size = 0;
  int64_t mtime = 0;    // seconds since 1970
  std::string what_zh;  // for every kind but kRegular/kDirectory/kMissing: what was found
  std::string what_en;
};

struct ReadOutcome {
  std::optional<std::string> bytes;  // the whole file, when it could be read within the limit
  EntryKind kind = EntryKind::kMissing;
  std::string problem_zh;  // why not
  std::string problem_en;
};

class ArchiveRoot {
 public:
  explicit ArchiveRoot(const std::filesystem::path& root);

  const std::filesystem::path& path() const { return root_; }

  // What `relative` ('/'-separated, as the archive names it) is.
  ArchiveEntry Inspect(std::string_view relative) const;
  // The same for a path already known to lie under the root (as the folder walk produces).
  ArchiveEntry InspectPath(const std::filesystem::path& path) const;

  // The whole file `relative` when it is a regular file inside the archive of at most
  // `max_bytes`; `limit_name` names the limit in the message when it is larger.
  ReadOutcome Read(std::string_view relative, int64_t max_bytes, const std::string& limit_name) const;
  ReadOutcome ReadPath(const std::filesystem::path& path, int64_t max_bytes, const std::string& limit_name) const;

  // True when `canonical` (no links, absolute) is the root or lies under it.
  bool Contains(const std::filesystem::path& canonical) const;

 private:
  std::filesystem::path root_;            // absolute, as given
  std::filesystem::path canonical_root_;  // links resolved
};

// Calls `on_file(relative_bytes, path)` for every regular file under the folder `relative_dir`
// of the archive, recursively, in name order: `relative_bytes` is the file's name under
// `relative_dir` as raw bytes ('/'-separated), `path` where it is on disk. Names starting with '.'
// are skipped. Links are followed only inside the archive and a folder is entered once (loops);
// every FIFO, socket, device, link out of the archive, link loop or unreadable folder is one
// LoadIssue naming it (by its display name).
void WalkArchiveFolder(
    const ArchiveRoot& root, const std::string& relative_dir,
    const std::function<void(const std::string& relative_bytes, const std::filesystem::path& path)>& on_file,
    std::vector<LoadIssue>* issues);

// `message` (e.g. libav's reason) with every occurrence of `absolute`, where an archive file lies
// on this machine, replaced by `archive_path`, its archive-relative name: messages name archive
// files as the reports do and never show the auditor's server paths. An empty `absolute` changes
// nothing. The result holds whatever bytes `message` held.
std::string WithArchivePath(std::string message, std::string_view absolute, std::string_view archive_path);

}  // namespace xk
