// Files the workbench makes on request (inspection documents, evidence packets), kept in a folder
// beside the store ("<db>-downloads/<name>/"), each reachable by a name the server chose: 32
// random bytes in hex. The table of names lives as long as the server; a download is looked up in
// it by that name alone, so no path from a request ever reaches the file system.
//
// The folder does not grow without end: a request's folder is kept for `max_age` (a day: long
// enough to download what was made, and again) and only the newest `max_folders` are kept; older
// ones are removed with their names when the next folder is made. Folders an earlier server left
// (their names died with it) are removed at start once they are older than `max_age`.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace xk::serve {

struct Download {
  std::filesystem::path file;
  std::string name;  // what the browser saves it as
  std::string content_type;
};

struct DownloadRetention {
  std::chrono::seconds max_age = std::chrono::hours(24);
  size_t max_folders = 100;
};

class DownloadTable {
 public:
  // "<db>-downloads"
  static std::filesystem::path FolderBeside(const std::string& db);
  explicit DownloadTable(std::filesystem::path folder, DownloadRetention retention = {});

  // A new, empty folder for one request's files (created with its parents); `name` is set to the
  // name its downloads are then added under.
  std::filesystem::path NewFolder(std::string* name);
  // Makes `download` (a file in a folder NewFolder gave) reachable as `name`, or as `name` + "-" +
  // `suffix` when one request makes several; returns the name to link to.
  std::string Add(const std::string& name, const std::string& suffix, Download download);
  // The download named `name`; none when it was never given or its folder was removed.
  std::optional<Download> Find(const std::string& name);
  // Forgets `name` and the names made from it (`name` + "-" + suffix); their files stay.
  void Forget(const std::string& name);
  // How many request folders are kept now, and how many names are given out.
  size_t folders() const;
  size_t names() const;

 private:
  struct MadeFolder {
    std::string name;
    std::chrono::steady_clock::time_point made;
  };
  // Removes the folders past their age, and the oldest beyond `keep`, with their names.
  void PruneLocked(size_t keep);
  void ForgetLocked(const std::string& name);

  std::filesystem::path folder_;
  DownloadRetention retention_;
  mutable std::mutex mutex_;
  std::map<std::string, Download> downloads_;
  std::deque<MadeFolder> made_;  // oldest first
};

}  // namespace xk::serve
