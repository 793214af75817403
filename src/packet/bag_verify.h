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
// absolute path, "..", a backslash, a duplicate name or a symbolic link, and any zip past the caps
// of ZipLimits (a zip bomb); the bag is the zip's root when bagit.txt sits there, else the one
// top-level folder holding bagit.txt.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace xk {

// What a packet zip may unpack to. A packet copies stills, record excerpts and clips of about ten
// seconds at each gap edge (stream-copied: 5-10 MB each at a CCTV camera's 4-8 Mbit/s) and only
// references the recordings, so even an institution's half-year with hundreds of gaps stays far
// below 1 GiB; 8 GiB leaves room for that and still fits a temporary folder. JPEG, MP4 and PNG do
// not compress, the text files about 5-20:1, so more than 100:1 on an entry past 1 MiB is a bomb.
struct ZipLimits {
  uint64_t max_total_bytes = uint64_t{8} << 30;  // all entries unpacked
  uint64_t max_entries = 100000;                 // files and folders
  uint64_t max_ratio = 100;                      // unpacked : compressed (0: not checked) for an entry
  uint64_t ratio_min_bytes = uint64_t{1} << 20;  // of more than this many unpacked bytes
};

struct VerifyResult {
  bool ok = false;
  std::string first_problem;  // "" when ok
};

VerifyResult VerifyBag(const std::filesystem::path& bag_or_zip);

// Extracts every entry of `zip_path` under `destination` (an existing folder) with the checks
// above. Returns "" or the first problem, naming the entry (or the zip, for too many entries),
// e.g. "bag/data/x.bin: refused zip entry (...)". Names, symbolic links and the caps are checked
// from the central directory for every entry before anything is written, so a refused zip leaves
// `destination` as it was. While extracting, the bytes actually unpacked are counted: an entry
// that unpacks to more than the central directory declares is refused as soon as it passes that
// size (what was written of it stays, at most the declared size; the caller removes
// `destination`), so a lying central directory cannot get past the caps either.
std::string ExtractZipSafely(const std::filesystem::path& zip_path, const std::filesystem::path& destination,
                             const ZipLimits& limits = {});

}  // namespace xk
