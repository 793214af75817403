#include "src/serve/downloads.h"

#include "src/serve/sessions.h"

namespace xk::serve {

namespace fs = std::filesystem;

fs::path DownloadTable::FolderBeside(const std::string& db) { return fs::path(db + "-downloads"); }

DownloadTable::DownloadTable(fs::path folder, DownloadRetention retention)
    : folder_(std::move(folder)), retention_(retention) {
  // What an earlier server made and no name reaches any more, once it is past its age.
  std::error_code ec;
  const auto oldest_kept = fs::file_time_type::clock::now() - retention_.max_age;
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_error;
    if (it->is_symlink(entry_error) || !it->is_directory(entry_error)) continue;
    const auto written = fs::last_write_time(it->path(), entry_error);
    if (!entry_error && written < oldest_kept) fs::remove_all(it->path(), entry_error);
  }
}

fs::path DownloadTable::NewFolder(std::string* name) {
  *name = RandomToken();
  const fs::path folder = folder_ / *name;
  {
    std::lock_guard lock(mutex_);
    PruneLocked(retention_.max_folders > 0 ? retention_.max_folders - 1 : 0);
    made_.push_back({*name, std::chrono::steady_clock::now()});
  }
  fs::create_directories(folder);
  return folder;
}

void DownloadTable::PruneLocked(size_t keep) {
  const auto now = std::chrono::steady_clock::now();
  while (!made_.empty() && (made_.size() > keep || now - made_.front().made >= retention_.max_age)) {
    const std::string name = made_.front().name;
    made_.pop_front();
    ForgetLocked(name);
    std::error_code ignored;
    fs::remove_all(folder_ / name, ignored);
  }
}

void DownloadTable::ForgetLocked(const std::string& name) {
  // `name` and `name` + "-" + suffix: names are of one length, none a prefix of another.
  downloads_.erase(downloads_.lower_bound(name), downloads_.lower_bound(name + "."));
}

void DownloadTable::Forget(const std::string& name) {
  std::lock_guard lock(mutex_);
  ForgetLocked(name);
}

size_t DownloadTable::names() const {
  std::lock_guard lock(mutex_);
  return downloads_.size();
}

size_t DownloadTable::folders() const {
  std::lock_guard lock(mutex_);
  return made_.size();
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
