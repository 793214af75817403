// The archive files an evidence packet uses, as data/sources.txt and the summary list them.
// Every record file a finding cites and every recording the packet cuts from is registered once:
// its size, mtime and SHA-256 read afresh (the evidence is the file as it is now), or why it was
// not read: outside the archive (by its path or through a symbolic link), missing, not a regular
// file, unreadable. A recording whose hash differs from the one the audit catalogued gets a note
// saying it changed since. The rest of the packet reads an archive file only through Readable, so
// only files registered without a problem are ever opened.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/media_facts.h"
#include "src/packet/packet_summary.h"

namespace xk {

// The catalogued recordings by archive path (ordered: iteration is deterministic).
using PacketCatalog = std::map<std::string, RecordingFacts>;

class PacketSources {
 public:
  // `catalog` must outlive this object.
  PacketSources(const std::filesystem::path& archive_root, const TimeZone& zone, const PacketCatalog& catalog);

  // Registers an archive file the packet uses (once), reading its size, mtime and SHA-256.
  const SourceFile& Use(const std::string& archive_path);

  // The absolute path of an archive file the packet may read (registering it), else nullopt.
  std::optional<std::filesystem::path> Readable(const std::string& archive_path);

  // The file as registered, or nullptr when it never was.
  const SourceFile* Find(const std::string& archive_path) const;

  // Every registered file, by path.
  std::vector<SourceFile> List() const;

 private:
  // The name of `archive_path` on disk: a recording's exact bytes as catalogued (its name may not
  // be UTF-8), else the path as the findings name it.
  std::string OnDisk(const std::string& archive_path) const;
  std::string ChangedSinceAudit(const std::string& archive_path, const std::string& digest) const;
  bool InsideArchive(const std::filesystem::path& path) const;

  std::filesystem::path archive_root_;
  std::filesystem::path archive_real_;  // the archive root with symbolic links resolved
  TimeZone zone_;
  const PacketCatalog& catalog_;
  std::map<std::string, SourceFile> sources_;
};

}  // namespace xk
