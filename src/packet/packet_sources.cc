#include "src/packet/packet_sources.h"

#include <sys/stat.h>

#include <system_error>

#include "records/hashing.h"
#include "src/packet/safe_path.h"

namespace xk {

namespace fs = std::filesystem;

PacketSources::PacketSources(const fs::path& archive_root, const TimeZone& zone, const PacketCatalog& catalog)
    : archive_root_(archive_root), zone_(zone), catalog_(catalog) {
  std::error_code code;
  archive_real_ = fs::weakly_canonical(archive_root, code);
  if (code) archive_real_ = archive_root.lexically_normal();
}

const SourceFile& PacketSources::Use(const std::string& archive_path) {
  auto found = sources_.find(archive_path);
  if (found != sources_.end()) return found->second;
  SourceFile source;
  source.path = archive_path;
  source.kind = catalog_.count(archive_path) > 0 ? "video" : "record";
  auto absolute = ResolveUnder(archive_root_, OnDisk(archive_path));
  struct stat status;
  if (!absolute) {
    source.problem = "outside the archive (路径越出档案目录，未读取)";
  } else if (::stat(absolute->c_str(), &status) != 0) {
    source.problem = "missing (文件不存在)";
  } else if (!S_ISREG(status.st_mode)) {
    source.problem = "not a regular file (不是普通文件)";
  } else if (!InsideArchive(*absolute)) {
    source.problem = "outside the archive through a symbolic link (经符号链接指向档案目录之外，未读取)";
  } else if (auto digest = Sha256File(absolute->string()); !digest) {
    source.problem = "unreadable (无法读取)";
  } else {
    source.size = static_cast<int64_t>(status.st_size);
    source.mtime = FormatInstant(static_cast<Instant>(status.st_mtim.tv_sec), zone_);
    source.sha256 = *digest;
    source.note = ChangedSinceAudit(archive_path, *digest);
  }
  return sources_.emplace(archive_path, std::move(source)).first->second;
}

std::optional<fs::path> PacketSources::Readable(const std::string& archive_path) {
  if (!Use(archive_path).problem.empty()) return std::nullopt;
  return ResolveUnder(archive_root_, OnDisk(archive_path));
}

const SourceFile* PacketSources::Find(const std::string& archive_path) const {
  auto found = sources_.find(archive_path);
  return found == sources_.end() ? nullptr : &found->second;
}

std::vector<SourceFile> PacketSources::List() const {
  std::vector<SourceFile> sources;
  for (const auto& [path, source] : sources_) sources.push_back(source);
  return sources;
}

std::string PacketSources::OnDisk(const std::string& archive_path) const {
  auto found = catalog_.find(archive_path);
  return found == catalog_.end() || found->second.path_bytes.empty() ? archive_path : found->second.path_bytes;
}

// The packet hashes every source afresh (the evidence is the file as it is now); a recording
// whose hash then differs from the one the audit catalogued has changed since, which the officer
// must know.
std::string PacketSources::ChangedSinceAudit(const std::string& archive_path, const std::string& digest) const {
  auto catalogued = catalog_.find(archive_path);
  if (catalogued == catalog_.end()) return "";
  const std::string& audited = catalogued->second.probe.sha256;
  if (audited.empty() || audited == digest) return "";
  return "内容与审查时不同，审查时 SHA-256 为 " + audited + " (content changed since the audit)";
}

// True when `path`, with symbolic links followed, lies inside the archive.
bool PacketSources::InsideArchive(const fs::path& path) const {
  std::error_code code;
  const fs::path real = fs::canonical(path, code);
  if (code) return false;
  const fs::path relative = real.lexically_relative(archive_real_);
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace xk
