#include "records/archive_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "records/csv/encoding.h"
#include "records/input_limits.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

// The canonical form of `path` (every link resolved), or the errno of why not.
std::pair<std::optional<fs::path>, int> Canonical(const fs::path& path) {
  std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr), &std::free);
  if (!resolved) return {std::nullopt, errno};
  return {fs::path(resolved.get()), 0};
}

const char* SpecialKindZh(mode_t mode) {
  if (S_ISFIFO(mode)) return "命名管道 (FIFO)";
  if (S_ISSOCK(mode)) return "套接字 (socket)";
  if (S_ISCHR(mode)) return "字符设备 (character device)";
  if (S_ISBLK(mode)) return "块设备 (block device)";
  return "特殊文件 (special file)";
}

std::string LinkText(const fs::path& path) {
  char target[PATH_MAX];
  const ssize_t got = ::readlink(path.c_str(), target, sizeof target - 1);
  if (got <= 0) return "?";
  return DisplayName(std::string_view(target, static_cast<size_t>(got)));
}

ArchiveEntry Problem(EntryKind kind, const fs::path& path, std::string zh, std::string en) {
  ArchiveEntry entry;
  entry.kind = kind;
  entry.path = path;
  entry.what_zh = std::move(zh);
  entry.what_en = std::move(en);
  return entry;
}

ReadOutcome NotRead(EntryKind kind, std::string zh, std::string en) {
  ReadOutcome outcome;
  outcome.kind = kind;
  outcome.problem_zh = std::move(zh);
  outcome.problem_en = std::move(en);
  return outcome;
}

std::string Mib(int64_t bytes) { return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20)); }

ReadOutcome TooLarge(int64_t size, int64_t max_bytes, const std::string& limit_name) {
  return NotRead(EntryKind::kRegular,
                 fmt::format("文件大于上限 {} = {}，未读取（{}）", limit_name, Mib(max_bytes), LimitHint(limit_name)),
                 fmt::format("the file{} is larger than the limit {} = {}; not read",
                             size > 0 ? " (" + Mib(size) + ")" : "", limit_name, Mib(max_bytes)));
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

ArchiveRoot::ArchiveRoot(const fs::path& root) {
  std::error_code ec;
  root_ = fs::absolute(root, ec);
  if (ec) root_ = root;
  canonical_root_ = Canonical(root_).first.value_or(root_);
}

bool ArchiveRoot::Contains(const fs::path& canonical) const {
  const std::string& base = canonical_root_.native();
  const std::string& candidate = canonical.native();
  if (candidate.compare(0, base.size(), base) != 0) return false;
  return candidate.size() == base.size() || candidate[base.size()] == '/' || base == "/";
}

ArchiveEntry ArchiveRoot::Inspect(std::string_view relative) const {
  for (const std::string& candidate : RawNameCandidates(relative)) {
    const fs::path path = root_ / candidate;
    struct stat link_status {};
    if (::lstat(path.c_str(), &link_status) == 0) return InspectPath(path);
  }
  ArchiveEntry missing;
  missing.path = root_ / std::string(relative);
  return missing;
}

ArchiveEntry ArchiveRoot::InspectPath(const fs::path& path) const {
  struct stat link_status {};
  if (::lstat(path.c_str(), &link_status) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return ArchiveEntry{EntryKind::kMissing, path, 0, 0, "", ""};
    return Problem(EntryKind::kError, path, fmt::format("无法查看（{}）", std::strerror(errno)),
                   fmt::format("cannot be examined ({})", std::strerror(errno)));
  }
  auto [canonical, error] = Canonical(path);
  if (!canonical) {
    if (error == ELOOP) {
      return Problem(EntryKind::kLoop, path, "符号链接循环，未读取", "a symbolic link loop; not read");
    }
    if (error == ENOENT) {
      return Problem(EntryKind::kMissing, path, fmt::format("符号链接指向不存在的 {}", LinkText(path)),
                     fmt::format("a symbolic link to {}, which does not exist", LinkText(path)));
    }
    return Problem(EntryKind::kError, path, fmt::format("无法查看（{}）", std::strerror(error)),
                   fmt::format("cannot be examined ({})", std::strerror(error)));
  }
  if (!Contains(*canonical)) {
    return Problem(EntryKind::kOutside, path, fmt::format("是指向档案目录之外（{}）的符号链接，未读取", LinkText(path)),
                   fmt::format("a symbolic link out of the archive (to {}); not followed", LinkText(path)));
  }
  struct stat status {};
  if (::stat(canonical->c_str(), &status) != 0) {
    return Problem(EntryKind::kError, path, fmt::format("无法查看（{}）", std::strerror(errno)),
                   fmt::format("cannot be examined ({})", std::strerror(errno)));
  }
  ArchiveEntry entry;
  entry.path = path;
  entry.size = static_cast<int64_t>(status.st_size);
  entry.mtime = static_cast<int64_t>(status.st_mtim.tv_sec);
  if (S_ISREG(status.st_mode)) {
    entry.kind = EntryKind::kRegular;
  } else if (S_ISDIR(status.st_mode)) {
    entry.kind = EntryKind::kDirectory;
  } else {
    entry = Problem(EntryKind::kSpecial, path, fmt::format("是{}，不是普通文件，未打开", SpecialKindZh(status.st_mode)),
                    fmt::format("is a {}, not a regular file; not opened", SpecialKindZh(status.st_mode)));
  }
  return entry;
}

ReadOutcome ArchiveRoot::Read(std::string_view relative, int64_t max_bytes, const std::string& limit_name) const {
  return ReadPath(Inspect(relative).path, max_bytes, limit_name);
}

ReadOutcome ArchiveRoot::ReadPath(const fs::path& path, int64_t max_bytes, const std::string& limit_name) const {
  const ArchiveEntry entry = InspectPath(path);
  switch (entry.kind) {
    case EntryKind::kRegular:
      break;
    case EntryKind::kMissing:
      return NotRead(entry.kind, entry.what_zh.empty() ? "文件不存在" : entry.what_zh,
                     entry.what_en.empty() ? "the file does not exist" : entry.what_en);
    case EntryKind::kDirectory:
      return NotRead(entry.kind, "是文件夹，不是文件", "is a folder, not a file");
    default:
      return NotRead(entry.kind, entry.what_zh, entry.what_en);
  }
  if (entry.size > max_bytes) return TooLarge(entry.size, max_bytes, limit_name);
  // O_NONBLOCK: should the name have become a FIFO since it was examined, open does not wait
  // for a writer; fstat then refuses it.
  FdCloser file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    return NotRead(EntryKind::kError, fmt::format("无法打开（{}）", std::strerror(errno)),
                   fmt::format("cannot be opened ({})", std::strerror(errno)));
  }
  struct stat status {};
  if (::fstat(file.fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    return NotRead(EntryKind::kSpecial, "不是普通文件，未读取", "not a regular file; not read");
  }
  ReadOutcome outcome;
  outcome.kind = EntryKind::kRegular;
  std::string bytes;
  bytes.reserve(static_cast<size_t>(std::min<int64_t>(status.st_size, max_bytes)));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(file.fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return NotRead(EntryKind::kError, fmt::format("读取出错（{}）", std::strerror(errno)),
                     fmt::format("read error ({})", std::strerror(errno)));
    }
    if (got == 0) break;
    if (static_cast<int64_t>(bytes.size()) + got > max_bytes) return TooLarge(0, max_bytes, limit_name);
    bytes.append(buffer, static_cast<size_t>(got));
  }
  outcome.bytes = std::move(bytes);
  return outcome;
}

namespace {

constexpr int kMaxFolderDepth = 64;

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

class FolderWalk {
 public:
  FolderWalk(const ArchiveRoot& root, const std::string& relative_dir,
             const std::function<void(const std::string&, const fs::path&)>& on_file, std::vector<LoadIssue>* issues)
      : root_(root), relative_dir_(relative_dir), on_file_(on_file), issues_(issues) {}

  void Walk(const fs::path& folder, const std::string& under, int depth) {
    struct stat status {};
    if (::stat(folder.c_str(), &status) != 0) return;
    if (!entered_.insert({status.st_dev, status.st_ino}).second) {
      Report(under, "文件夹经符号链接循环出现，只读取一次",
             "a folder reached again through a link (a loop); read once");
      return;
    }
    if (depth > kMaxFolderDepth) {
      Report(under, fmt::format("文件夹嵌套超过 {} 层，未再深入", kMaxFolderDepth),
             fmt::format("folders nested deeper than {}; not entered", kMaxFolderDepth));
      return;
    }
    std::unique_ptr<DIR, DirCloser> dir(::opendir(folder.c_str()));
    if (!dir) {
      Report(under, fmt::format("无法打开文件夹（{}）", std::strerror(errno)),
             fmt::format("cannot open the folder ({})", std::strerror(errno)));
      return;
    }
    std::vector<std::pair<std::string, unsigned char>> names;
    while (const dirent* entry = ::readdir(dir.get())) {
      if (entry->d_name[0] == '.') continue;  // ".", ".." and hidden files (NVR index files, .DS_Store)
      names.emplace_back(entry->d_name, entry->d_type);
    }
    dir.reset();
    std::sort(names.begin(), names.end());
    for (const auto& [name, type] : names) {
      const fs::path path = folder / name;
      const std::string relative = under.empty() ? name : under + "/" + name;
      if (type == DT_REG) {
        on_file_(relative, path);
      } else if (type == DT_DIR) {
        Walk(path, relative, depth + 1);
      } else {
        // Links, special files, and file systems that do not give the type.
        const ArchiveEntry entry = root_.InspectPath(path);
        if (entry.kind == EntryKind::kRegular) {
          on_file_(relative, path);
        } else if (entry.kind == EntryKind::kDirectory) {
          Walk(path, relative, depth + 1);
        } else if (entry.kind != EntryKind::kMissing || !entry.what_zh.empty()) {
          Report(relative, entry.what_zh, entry.what_en);
        }
      }
    }
  }

 private:
  void Report(const std::string& relative, const std::string& zh, const std::string& en) {
    const std::string file = relative.empty() ? relative_dir_ : relative_dir_ + "/" + relative;
    issues_->push_back(LoadIssue{DisplayName(file), 0, "", zh, en});
  }

  const ArchiveRoot& root_;
  const std::string& relative_dir_;
  const std::function<void(const std::string&, const fs::path&)>& on_file_;
  std::vector<LoadIssue>* issues_;
  std::set<std::pair<dev_t, ino_t>> entered_;
};

}  // namespace

void WalkArchiveFolder(const ArchiveRoot& root, const std::string& relative_dir,
                       const std::function<void(const std::string&, const fs::path&)>& on_file,
                       std::vector<LoadIssue>* issues) {
  const ArchiveEntry folder = root.Inspect(relative_dir);
  if (folder.kind == EntryKind::kMissing && folder.what_zh.empty()) return;
  if (folder.kind != EntryKind::kDirectory) {
    if (folder.kind != EntryKind::kRegular) {
      issues->push_back(LoadIssue{DisplayName(relative_dir), 0, "", folder.what_zh, folder.what_en});
    }
    return;
  }
  FolderWalk walk(root, relative_dir, on_file, issues);
  walk.Walk(folder.path, "", 0);
}

std::string WithArchivePath(std::string message, std::string_view absolute, std::string_view archive_path) {
  if (absolute.empty()) return message;
  for (size_t at = message.find(absolute); at != std::string::npos;
       at = message.find(absolute, at + archive_path.size())) {
    message.replace(at, absolute.size(), archive_path);
  }
  return message;
}

}  // namespace xk
