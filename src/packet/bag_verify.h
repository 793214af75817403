// Checks a BagIt bag (RFC 8493) as `xunkao verify` does: a bag folder or a .zip of one.
//
// Contract: the bag passes when bagit.txt is there and declares BagIt 1.0 (or 0.97) in UTF-8,
// every file listed in tagmanifest-sha256.txt and manifest-sha256.txt exists and has the listed
// SHA-256, every file under data/ is listed in manifest-sha256.txt (an added file fails), nothing
// under data/ is a symbolic link or other special file, and Payload-Oxum (when bag-info.txt has
// it) matches the payload's byte and file count. Checks run in that order (tag files, listed
// payload files in manifest order, unlisted files, Payload-Oxum) and stop at the first problem,
// which names the file relative to the bag, e.g. "data/summary.html: checksum mismatch ...".
// A zip is extracted to a temporary folder (removed afterwards) refusing any entry with an
// absolute path, "..", a backslash, a duplicate name or a symbolic link; the bag is the zip's root
// when bagit.txt sits there, else the one top-level folder holding bagit.txt.
#pragma once

#include <filesystem>
#include <string>

namespace xk {

struct VerifyResult {
  bool ok = false;
  std::string first_problem;  // "" when ok
};

VerifyResult VerifyBag(const std::filesystem::path& bag_or_zip);

// Extracts every entry of `zip_path` under `destination` (an existing folder) with the checks
// above. Returns "" or the first problem, naming the entry.
std::string ExtractZipSafely(const std::filesystem::path& zip_path, const std::filesystem::path& destination);

}  // namespace xk
