#include "src/packet/bag_verify.h"

#include <fmt/format.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <vector>

#include "records/hashing.h"
#include "records/zip_handles.h"
#include "src/packet/bagit_writer.h"
#include "src/packet/safe_path.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

// A folder made with mkdtemp, removed with everything in it when the object goes away.
class TempFolder {
 public:
  TempFolder() {
    std::error_code code;
    fs::path base = fs::temp_directory_path(code);
    if (code) base = "/tmp";
    std::string pattern = (base / "xunkao-verify-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempFolder() {
    if (path_.empty()) return;
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::optional<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return bytes.str();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool IsHexDigest(const std::string& text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

struct ManifestEntry {
  std::string digest;  // lower-case hex
  std::string path;    // decoded, relative to the bag
};

// Parses "<checksum> <path>" lines. Returns "" or the problem.
std::string ParseManifest(const fs::path& bag, const std::string& name, std::vector<ManifestEntry>* entries) {
  auto text = ReadWholeFile(bag / name);
  if (!text) return name + ": missing or unreadable";
  std::set<std::string> seen;
  int line_number = 0;
  for (const auto& line : SplitLines(*text)) {
    ++line_number;
    if (line.empty()) continue;
    size_t space = line.find_first_of(" \t");
    size_t path_start = space == std::string::npos ? std::string::npos : line.find_first_not_of(" \t", space);
    if (path_start == std::string::npos) return fmt::format("{}: line {} is not \"checksum path\"", name, line_number);
    ManifestEntry entry{Lower(line.substr(0, space)), PercentDecode(line.substr(path_start))};
    if (!IsHexDigest(entry.digest)) return fmt::format("{}: line {} has no SHA-256 checksum", name, line_number);
    if (!IsSafeRelativePath(entry.path)) {
      return fmt::format("{}: line {} names \"{}\", which is not a path inside the bag", name, line_number, entry.path);
    }
    if (!seen.insert(entry.path).second) return fmt::format("{}: {} is listed twice", name, entry.path);
    entries->push_back(std::move(entry));
  }
  return "";
}

// Checks each listed file's presence and checksum. Returns "" or the first problem.
std::string CheckEntries(const fs::path& bag, const std::string& manifest, const std::vector<ManifestEntry>& entries) {
  for (const auto& entry : entries) {
    const fs::path path = bag / fs::path(entry.path);
    std::error_code code;
    const fs::file_status status = fs::symlink_status(path, code);
    if (!fs::exists(status)) return fmt::format("{}: listed in {} but missing", entry.path, manifest);
    if (!fs::is_regular_file(status)) return fmt::format("{}: not a regular file", entry.path);
    auto digest = Sha256File(path.string());
    if (!digest) return fmt::format("{}: cannot be read", entry.path);
    if (*digest != entry.digest) {
      return fmt::format("{}: checksum mismatch (changed file): {} says {}, the file has {}", entry.path, manifest,
                         entry.digest, *digest);
    }
  }
  return "";
}

std::string CheckBagItTxt(const fs::path& bag) {
  auto text = ReadWholeFile(bag / "bagit.txt");
  if (!text) return "bagit.txt: missing (not a BagIt bag)";
  std::string version, encoding;
  for (const auto& line : SplitLines(*text)) {
    if (line.rfind("BagIt-Version:", 0) == 0) version = line.substr(14);
    if (line.rfind("Tag-File-Character-Encoding:", 0) == 0) encoding = line.substr(28);
  }
  auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
  };
  version = trim(version);
  encoding = trim(encoding);
  if (version != "1.0" && version != "0.97") return "bagit.txt: BagIt-Version is \"" + version + "\", not 1.0";
  if (Lower(encoding) != "utf-8") return "bagit.txt: Tag-File-Character-Encoding is \"" + encoding + "\", not UTF-8";
  return "";
}

// Payload-Oxum "<octets>.<files>" against `payload`. Returns "" or the problem.
std::string CheckOxum(const fs::path& bag, const std::vector<std::string>& payload) {
  auto text = ReadWholeFile(bag / "bag-info.txt");
  if (!text) return "";  // bag-info.txt is optional in RFC 8493
  for (const auto& line : SplitLines(*text)) {
    if (line.rfind("Payload-Oxum:", 0) != 0) continue;
    std::string value = line.substr(13);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t") + 1);
    uintmax_t octets = 0;
    for (const auto& relative : payload) {
      std::error_code code;
      octets += fs::file_size(bag / fs::path(relative), code);
    }
    std::string actual = fmt::format("{}.{}", octets, payload.size());
    if (value != actual) {
      return fmt::format("bag-info.txt: Payload-Oxum is {} but the payload holds {} bytes in {} files", value, octets,
                         payload.size());
    }
  }
  return "";
}

std::string VerifyFolder(const fs::path& bag) {
  if (std::string problem = CheckBagItTxt(bag); !problem.empty()) return problem;

  std::vector<ManifestEntry> tags;
  if (fs::exists(bag / "tagmanifest-sha256.txt")) {
    if (std::string problem = ParseManifest(bag, "tagmanifest-sha256.txt", &tags); !problem.empty()) return problem;
    if (std::string problem = CheckEntries(bag, "tagmanifest-sha256.txt", tags); !problem.empty()) return problem;
  }

  std::vector<ManifestEntry> payload_entries;
  if (std::string problem = ParseManifest(bag, "manifest-sha256.txt", &payload_entries); !problem.empty()) {
    return problem;
  }
  for (const auto& entry : payload_entries) {
    if (entry.path.rfind("data/", 0) != 0) {
      return fmt::format("manifest-sha256.txt: {} is not under data/", entry.path);
    }
  }
  if (std::string problem = CheckEntries(bag, "manifest-sha256.txt", payload_entries); !problem.empty()) {
    return problem;
  }

  std::string error;
  std::vector<std::string> others;
  std::vector<std::string> payload = ListFilesSorted(bag / "data", &error, &others);
  if (!error.empty()) return error;
  if (!others.empty())
    return fmt::format("data/{}: not a regular file (symbolic link or special file)", others.front());
  std::set<std::string> listed;
  for (const auto& entry : payload_entries) listed.insert(entry.path);
  for (auto& relative : payload) {
    relative = "data/" + relative;
    if (!listed.count(relative)) return fmt::format("{}: not listed in manifest-sha256.txt (added file)", relative);
  }
  return CheckOxum(bag, payload);
}

bool HasForbiddenPart(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string::npos) return true;
  if (name.size() >= 2 && name[1] == ':') return true;  // "C:..." drive letter
  std::string trimmed = name.back() == '/' ? name.substr(0, name.size() - 1) : name;
  return !IsSafeRelativePath(trimmed);
}

// Whether unpacked : compressed is above ratio : 1, i.e. unpacked > ratio * compressed, without
// the product overflowing. A ratio of 0 checks nothing.
bool MoreThanRatio(uint64_t unpacked, uint64_t compressed, uint64_t ratio) {
  if (ratio == 0) return false;
  const uint64_t whole = unpacked / ratio;
  return compressed < whole || (compressed == whole && unpacked % ratio != 0);
}

// One entry of a zip that passed the checks, to extract.
struct ZipEntry {
  zip_uint64_t index = 0;
  std::string name;  // as in the zip
  std::string key;   // the name without a trailing '/'
  bool folder = false;
  uint64_t size = 0;  // unpacked bytes, as the central directory declares
};

// Every entry of `archive`, checked from the central directory alone (nothing is read or
// written): names, symbolic links and the caps of `limits`. Returns "" or the first problem.
std::string ListZipEntries(zip_t* archive, const fs::path& zip_path, const ZipLimits& limits,
                           std::vector<ZipEntry>* entries) {
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  if (count < 0) return zip_path.filename().string() + ": not a readable zip: " + ZipErrorText(archive);
  if (static_cast<uint64_t>(count) > limits.max_entries) {
    return fmt::format("{}: refused zip ({} entries, more than the {} a packet may hold: a zip bomb?)",
                       zip_path.filename().string(), count, limits.max_entries);
  }
  std::set<std::string> names;
  uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    ZipEntry entry;
    entry.index = static_cast<zip_uint64_t>(i);
    const char* raw_name = zip_get_name(archive, entry.index, ZIP_FL_ENC_GUESS);
    if (raw_name == nullptr) return fmt::format("zip entry {}: no name", i);
    entry.name = raw_name;
    const std::string& name = entry.name;
    if (HasForbiddenPart(name)) return fmt::format("{}: refused zip entry (absolute path, \"..\" or backslash)", name);
    entry.folder = name.back() == '/';
    entry.key = entry.folder ? name.substr(0, name.size() - 1) : name;
    if (!names.insert(entry.key).second) return fmt::format("{}: refused zip entry (listed twice)", name);
    zip_uint8_t system = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive, entry.index, 0, &system, &attributes) == 0 &&
        system == ZIP_OPSYS_UNIX && S_ISLNK(attributes >> 16)) {
      return fmt::format("{}: refused zip entry (symbolic link)", name);
    }
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, entry.index, 0, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0 ||
        (stat.valid & ZIP_STAT_COMP_SIZE) == 0) {
      return fmt::format("{}: refused zip entry (the central directory gives no size)", name);
    }
    entry.size = stat.size;
    if (entry.size > limits.ratio_min_bytes && MoreThanRatio(entry.size, stat.comp_size, limits.max_ratio)) {
      return fmt::format("{}: refused zip entry (unpacks to {} bytes from {} compressed, more than {}:1: a zip bomb?)",
                         name, entry.size, stat.comp_size, limits.max_ratio);
    }
    if (entry.size > limits.max_total_bytes - total) {
      return fmt::format("{}: refused zip entry (with it the zip unpacks to more than {} bytes in all)", name,
                         limits.max_total_bytes);
    }
    total += entry.size;
    entries->push_back(std::move(entry));
  }
  return "";
}

}  // namespace

std::string ExtractZipSafely(const fs::path& zip_path, const fs::path& destination, const ZipLimits& limits) {
  int code = 0;
  ZipArchivePtr archive(zip_open(zip_path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
  if (archive == nullptr) return zip_path.filename().string() + ": not a readable zip: " + ZipOpenErrorText(code);
  std::vector<ZipEntry> entries;
  if (std::string problem = ListZipEntries(archive.get(), zip_path, limits, &entries); !problem.empty()) {
    return problem;
  }
  uint64_t written_in_all = 0;
  for (const ZipEntry& entry : entries) {
    const fs::path target = destination / fs::path(entry.key);
    std::error_code error_code;
    if (entry.folder) {
      fs::create_directories(target, error_code);
      if (error_code) return fmt::format("{}: cannot extract: {}", entry.name, error_code.message());
      continue;
    }
    fs::create_directories(target.parent_path(), error_code);
    if (error_code) return fmt::format("{}: cannot extract: {}", entry.name, error_code.message());
    ZipFilePtr file(zip_fopen_index(archive.get(), entry.index, 0));
    if (file == nullptr) {
      return fmt::format("{}: cannot read from the zip: {}", entry.name, ZipErrorText(archive.get()));
    }
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out) return fmt::format("{}: cannot extract to {}", entry.name, target.string());
    std::vector<char> buffer(1 << 16);
    uint64_t written = 0;
    for (;;) {
      zip_int64_t got = zip_fread(file.get(), buffer.data(), buffer.size());
      if (got < 0) return fmt::format("{}: damaged in the zip: {}", entry.name, zip_file_strerror(file.get()));
      if (got == 0) break;
      // Counted before writing: the central directory's sizes are the archive's word, not a fact.
      written += static_cast<uint64_t>(got);
      written_in_all += static_cast<uint64_t>(got);
      if (written > entry.size) {
        return fmt::format(
            "{}: refused zip entry (unpacks to more than the {} bytes the zip's central directory declares: a zip "
            "bomb?)",
            entry.name, entry.size);
      }
      if (written_in_all > limits.max_total_bytes) {
        return fmt::format("{}: refused zip entry (with it the zip unpacks to more than {} bytes in all)", entry.name,
                           limits.max_total_bytes);
      }
      out.write(buffer.data(), static_cast<std::streamsize>(got));
    }
    out.close();
    if (!out) return fmt::format("{}: cannot extract to {} (disk full?)", entry.name, target.string());
  }
  return "";
}

VerifyResult VerifyBag(const fs::path& bag_or_zip) {
  VerifyResult result;
  std::error_code code;
  const fs::file_status status = fs::status(bag_or_zip, code);
  if (fs::is_directory(status)) {
    result.first_problem = VerifyFolder(bag_or_zip);
  } else if (fs::is_regular_file(status)) {
    TempFolder temp;
    if (temp.path().empty()) {
      result.first_problem = "cannot create a temporary folder to extract the zip";
      return result;
    }
    result.first_problem = ExtractZipSafely(bag_or_zip, temp.path());
    if (result.first_problem.empty()) {
      fs::path root = temp.path();
      if (!fs::exists(root / "bagit.txt")) {  // the bag is the one top-level folder holding bagit.txt
        std::vector<fs::path> bags;
        for (const auto& entry : fs::directory_iterator(root, code)) {
          if (entry.is_directory() && fs::exists(entry.path() / "bagit.txt")) bags.push_back(entry.path());
        }
        if (bags.size() == 1) root = bags.front();
      }
      result.first_problem = VerifyFolder(root);
    }
  } else {
    result.first_problem = bag_or_zip.string() + ": no such bag folder or zip";
  }
  result.ok = result.first_problem.empty();
  return result;
}

}  // namespace xk
