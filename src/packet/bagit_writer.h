// Writes a BagIt 1.0 bag (RFC 8493): a folder holding the payload under data/ and the tag files
// bagit.txt, bag-info.txt, manifest-sha256.txt and tagmanifest-sha256.txt, and optionally a .zip
// of that folder.
//
// Contract: payload files are named by '/'-separated paths relative to data/ that must pass
// IsSafeRelativePath, so nothing is ever written outside the bag. Finish() lists every regular
// file under data/ (also those written by others through PayloadPath) in byte order of their
// paths, so the same payload always gives the same manifest-sha256.txt; file paths are
// percent-encoded for CR, LF and '%' as RFC 8493 asks. The zip holds the bag's files under one
// top-level folder named like the bag, with fixed dates and permissions (no absolute paths, no
// "..").
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xk {

// What bag-info.txt says, in this order.
struct BagInfo {
  std::string source_organization;                // Source-Organization
  std::string bagging_date;                       // Bagging-Date, "2026-11-28"
  std::vector<std::string> external_identifiers;  // one External-Identifier line each
  // Further labels, e.g. {"X-Xunkao-Version", "0.1.0"}. A label holds no ':' and no white space;
  // CR and LF in values are written as spaces.
  std::vector<std::pair<std::string, std::string>> extra;
};

class BagWriter {
 public:
  BagWriter() = default;
  BagWriter(const BagWriter&) = delete;
  BagWriter& operator=(const BagWriter&) = delete;

  // Creates `bag_dir` (which must not exist yet) and its data/ folder. Returns "" or an error.
  std::string Open(const std::filesystem::path& bag_dir);

  // Where the payload file `relative` (under data/, e.g. "stills/a.jpg") is to be written, with
  // its parent folders created; nullopt (and `*error` set) when `relative` is not a safe relative
  // path or the file already exists. For writers that need a path (libav muxers).
  std::optional<std::filesystem::path> PayloadPath(std::string_view relative, std::string* error);

  // Writes `bytes` as the payload file `relative`. Returns "" or an error naming the file.
  std::string AddFile(std::string_view relative, std::string_view bytes);

  // Writes bag-info.txt (with Payload-Oxum computed here), bagit.txt and both manifests.
  // Returns "" or an error naming the file.
  std::string Finish(const BagInfo& info);

  const std::filesystem::path& dir() const { return bag_dir_; }

 private:
  std::filesystem::path bag_dir_;
};

// Zips the bag folder `bag_dir` into `zip_path` (replaced if present): entries are
// "<bag folder name>/<path in the bag>", folders included, sorted; JPEG, PNG and MP4 are stored,
// everything else deflated. Returns "" or an error naming the file.
std::string WriteBagZip(const std::filesystem::path& bag_dir, const std::filesystem::path& zip_path);

// The regular files under `dir`, as '/'-separated paths relative to it, in byte order. Symbolic
// links are not followed; they and any other entry that is neither a regular file nor a folder
// go to `*others` (when given). Shared by the writer and the verifier. Sets `*error` (and
// returns what was listed) on a read error.
std::vector<std::string> ListFilesSorted(const std::filesystem::path& dir, std::string* error,
                                         std::vector<std::string>* others = nullptr);

}  // namespace xk
