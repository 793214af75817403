#include "src/packet/bagit_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <system_error>

#include "records/hashing.h"
#include "records/zip_handles.h"
#include "src/packet/safe_path.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBagItTxt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

std::string WriteWholeFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return path.string() + ": cannot create the file";
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return path.string() + ": writing failed (disk full?)";
  return "";
}

std::string OneLine(std::string_view value) {
  std::string out(value);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

bool IsValidLabel(const std::string& label) {
  if (label.empty()) return false;
  return std::none_of(label.begin(), label.end(), [](char c) {
    return c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || static_cast<unsigned char>(c) < 0x20;
  });
}

// "<sha256>  <percent-encoded path>\n" for each of `paths` (relative to `base`).
std::string ManifestText(const fs::path& base, const std::vector<std::string>& paths, std::string* error) {
  std::string text;
  for (const auto& relative : paths) {
    auto digest = Sha256File((base / fs::path(relative)).string());
    if (!digest) {
      *error = (base / fs::path(relative)).string() + ": cannot be read to compute its checksum";
      return "";
    }
    text += *digest + "  " + PercentEncodeLineBreaks(relative) + "\n";
  }
  return text;
}

bool IsStoredInZip(const std::string& name) {
  for (const char* extension : {".jpg", ".jpeg", ".png", ".mp4", ".zip"}) {
    std::string_view suffix(extension);
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> ListFilesSorted(const fs::path& dir, std::string* error, std::vector<std::string>* others) {
  std::vector<std::string> files;
  std::error_code code;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, code);
  if (code) {
    *error = dir.string() + ": cannot list the folder: " + code.message();
    return files;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(code)) {
    if (code) break;
    const fs::file_status status = it->symlink_status(code);
    if (code) break;
    std::string relative = it->path().lexically_relative(dir).generic_string();
    if (fs::is_regular_file(status)) {
      files.push_back(std::move(relative));
    } else if (!fs::is_directory(status) && others != nullptr) {
      others->push_back(std::move(relative));
    }
  }
  if (code) *error = dir.string() + ": cannot list the folder: " + code.message();
  std::sort(files.begin(), files.end());
  if (others != nullptr) std::sort(others->begin(), others->end());
  return files;
}

std::string BagWriter::Open(const fs::path& bag_dir) {
  std::error_code code;
  if (fs::exists(fs::symlink_status(bag_dir, code))) return bag_dir.string() + ": already exists";
  fs::create_directories(bag_dir / "data", code);
  if (code) return bag_dir.string() + ": cannot create the bag folder: " + code.message();
  bag_dir_ = bag_dir;
  return "";
}

std::optional<fs::path> BagWriter::PayloadPath(std::string_view relative, std::string* error) {
  if (bag_dir_.empty()) {
    *error = "the bag is not open";
    return std::nullopt;
  }
  if (!IsSafeRelativePath(relative)) {
    *error = fmt::format("refusing the payload path \"{}\": it is not a plain relative path", relative);
    return std::nullopt;
  }
  fs::path path = bag_dir_ / "data" / fs::path(std::string(relative));
  std::error_code code;
  if (fs::exists(fs::symlink_status(path, code))) {
    *error = path.string() + ": already in the bag";
    return std::nullopt;
  }
  fs::create_directories(path.parent_path(), code);
  if (code) {
    *error = path.parent_path().string() + ": cannot create the folder: " + code.message();
    return std::nullopt;
  }
  return path;
}

std::string BagWriter::AddFile(std::string_view relative, std::string_view bytes) {
  std::string error;
  auto path = PayloadPath(relative, &error);
  if (!path) return error;
  return WriteWholeFile(*path, bytes);
}

std::string BagWriter::Finish(const BagInfo& info) {
  if (bag_dir_.empty()) return "the bag is not open";
  std::string error;
  const fs::path data = bag_dir_ / "data";
  std::vector<std::string> payload = ListFilesSorted(data, &error);
  if (!error.empty()) return error;
  uintmax_t octets = 0;
  for (auto& relative : payload) {
    std::error_code code;
    octets += fs::file_size(data / fs::path(relative), code);
    if (code) return (data / fs::path(relative)).string() + ": " + code.message();
    relative = "data/" + relative;
  }

  std::string bag_info;
  bag_info += "Source-Organization: " + OneLine(info.source_organization) + "\n";
  bag_info += "Bagging-Date: " + OneLine(info.bagging_date) + "\n";
  bag_info += fmt::format("Payload-Oxum: {}.{}\n", octets, payload.size());
  for (const auto& id : info.external_identifiers) bag_info += "External-Identifier: " + OneLine(id) + "\n";
  for (const auto& [label, value] : info.extra) {
    if (!IsValidLabel(label)) return fmt::format("bag-info.txt: the label \"{}\" is not valid", OneLine(label));
    bag_info += label + ": " + OneLine(value) + "\n";
  }

  std::string manifest = ManifestText(bag_dir_, payload, &error);
  if (!error.empty()) return error;
  for (const auto& [name, text] : {std::pair<const char*, std::string_view>{"bagit.txt", kBagItTxt},
                                   {"bag-info.txt", bag_info},
                                   {"manifest-sha256.txt", manifest}}) {
    if (std::string failure = WriteWholeFile(bag_dir_ / name, text); !failure.empty()) return failure;
  }
  std::vector<std::string> tag_files = {"bag-info.txt", "bagit.txt", "manifest-sha256.txt"};
  std::string tag_manifest = ManifestText(bag_dir_, tag_files, &error);
  if (!error.empty()) return error;
  return WriteWholeFile(bag_dir_ / "tagmanifest-sha256.txt", tag_manifest);
}

std::string WriteBagZip(const fs::path& bag_dir, const fs::path& zip_path) {
  const std::string top = bag_dir.filename().string();
  if (!IsSafeRelativePath(top)) return bag_dir.string() + ": the bag folder has no usable name";
  std::string error;
  std::vector<std::string> files = ListFilesSorted(bag_dir, &error);
  if (!error.empty()) return error;
  // Folders, each once, before the files (sorted, so a parent comes before its children).
  std::vector<std::string> folders = {top + "/"};
  for (const auto& file : files) {
    for (size_t slash = file.find('/'); slash != std::string::npos; slash = file.find('/', slash + 1)) {
      folders.push_back(top + "/" + file.substr(0, slash + 1));
    }
  }
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());

  int code = 0;
  ZipArchivePtr archive(zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code));
  if (archive == nullptr) return zip_path.string() + ": cannot create the zip: " + ZipOpenErrorText(code);
  // Fixed metadata so the same bag gives the same zip: 1980-01-01 00:00 (the DOS epoch), Unix
  // permissions 0755 for folders and 0644 for files.
  constexpr zip_uint16_t kDosTime = 0;
  constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
  auto fix_metadata = [&](zip_int64_t index, bool folder) {
    const zip_uint32_t mode = folder ? 040755u : 0100644u;
    return zip_file_set_dostime(archive.get(), static_cast<zip_uint64_t>(index), kDosTime, kDosDate, 0) == 0 &&
           zip_file_set_external_attributes(archive.get(), static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                            mode << 16) == 0;
  };
  for (const auto& folder : folders) {
    zip_int64_t index = zip_dir_add(archive.get(), folder.c_str(), ZIP_FL_ENC_UTF_8);
    if (index < 0 || !fix_metadata(index, true)) {
      return zip_path.string() + ": adding " + folder + " failed: " + ZipErrorText(archive.get());
    }
  }
  for (const auto& file : files) {
    const std::string name = top + "/" + file;
    ZipSourcePtr source(zip_source_file(archive.get(), (bag_dir / fs::path(file)).c_str(), 0, 0));
    if (source == nullptr) return zip_path.string() + ": reading " + file + " failed: " + ZipErrorText(archive.get());
    zip_int64_t index = zip_file_add(archive.get(), name.c_str(), source.get(), ZIP_FL_ENC_UTF_8);
    if (index < 0) return zip_path.string() + ": adding " + name + " failed: " + ZipErrorText(archive.get());
    source.release();  // the archive owns it now
    const bool stored = IsStoredInZip(file);
    if (zip_set_file_compression(archive.get(), static_cast<zip_uint64_t>(index),
                                 stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, stored ? 0 : 6) != 0 ||
        !fix_metadata(index, false)) {
      return zip_path.string() + ": setting up " + name + " failed: " + ZipErrorText(archive.get());
    }
  }
  if (std::string failure = CloseZip(&archive); !failure.empty()) {
    return zip_path.string() + ": writing the zip failed: " + failure;
  }
  return "";
}

}  // namespace xk
