#include "src/serve/downloads.h"

#include "src/serve/sessions.h"

namespace xk::serve {

namespace fs = std::filesystem;

fs::path DownloadTable::FolderBeside(const std::string& db) { return fs::path(db + "-downloads"); }

fs::path DownloadTable::NewFolder(std::string* name) {
  *name = RandomToken();
  const fs::path folder = folder_ / *name;
  fs::create_directories(folder);
  return folder;
}

std::string DownloadTable::Add(const std::string& name, const std::string& suffix, Download download) {
  const std::string key = suffix.empty() ? name : name + "-" + suffix;
  std::lock_guard lock(mutex_);
  downloads_[key] = std::move(download);
  return key;
}

std::optional<Download> DownloadTable::Find(const std::string& name) {
  std::lock_guard lock(mutex_);
  const auto it = downloads_.find(name);
  if (it == downloads_.end()) return std::nullopt;
  return it->second;
}

}  // namespace xk::serve
