// Files the workbench makes on request (inspection documents, evidence packets), kept in a folder
// beside the store ("<db>-downloads/<name>/"), each reachable by a name the server chose: 32
// random bytes in hex. The table of names lives as long as the server; a download is looked up in
// it by that name alone, so no path from a request ever reaches the file system.
#pragma once

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

class DownloadTable {
 public:
  // "<db>-downloads"
  static std::filesystem::path FolderBeside(const std::string& db);
  explicit DownloadTable(std::filesystem::path folder) : folder_(std::move(folder)) {}

  // A new, empty folder for one request's files (created with its parents); `name` is set to the
  // name its downloads are then added under.
  std::filesystem::path NewFolder(std::string* name);
  // Makes `download` (a file in a folder NewFolder gave) reachable as `name`, or as `name` + "-" +
  // `suffix` when one request makes several; returns the name to link to.
  std::string Add(const std::string& name, const std::string& suffix, Download download);
  std::optional<Download> Find(const std::string& name);

 private:
  std::filesystem::path folder_;
  std::mutex mutex_;
  std::map<std::string, Download> downloads_;
};

}  // namespace xk::serve
