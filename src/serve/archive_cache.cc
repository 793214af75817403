#include "src/serve/archive_cache.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <system_error>
#include <vector>

#include "records/archive_loader.h"
#include "records/hashing.h"

namespace xk::serve {

namespace fs = std::filesystem;

namespace {

// Every regular file directly in `folder`: "name size mtime" lines, sorted; "" for no folder.
std::string TableFilesMark(const fs::path& folder) {
  std::vector<std::string> lines;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    struct stat status;
    if (::stat(it->path().c_str(), &status) != 0 || !S_ISREG(status.st_mode)) continue;
    lines.push_back(fmt::format("{}\t{}\t{}.{:09}\n", it->path().filename().string(), status.st_size,
                                status.st_mtim.tv_sec, status.st_mtim.tv_nsec));
  }
  std::sort(lines.begin(), lines.end());
  std::string mark;
  for (const std::string& line : lines) mark += line;
  return mark;
}

// The folders directly under `folder`, sorted.
std::vector<fs::path> ArchiveSubFolders(const fs::path& folder) {
  std::vector<fs::path> folders;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec)) folders.push_back(it->path());
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

}  // namespace

std::string ArchiveRecordsCache::ChangeMark(const fs::path& archive) {
  const fs::path root = fs::absolute(archive).lexically_normal();
  std::string facts = root.string() + "\n" + TableFilesMark(root) + "[bureau]\n" + TableFilesMark(root / "bureau");
  for (const char* part : {"training", "exams"}) {
    for (const fs::path& folder : ArchiveSubFolders(root / part)) {
      facts += fmt::format("[{}/{}]\n", part, folder.filename().string()) + TableFilesMark(folder);
    }
  }
  return Sha256Hex(facts);
}

std::shared_ptr<const LoadedArchive> ArchiveRecordsCache::Get(const fs::path& archive) {
  const std::string mark = ChangeMark(archive);
  std::lock_guard lock(mutex_);
  if (loaded_ && mark == mark_) return loaded_;
  auto loaded = std::make_shared<LoadedArchive>();
  std::vector<LoadIssue> issues;
  loaded->config = LoadAuditConfig(archive, std::nullopt, &issues);
  loaded->model = LoadArchiveRecords(archive, loaded->config.policy);
  ++loads_;
  loaded_ = std::move(loaded);  // the archive kept before (if another) goes with its last reader
  mark_ = mark;
  return loaded_;
}

}  // namespace xk::serve
