#include "tests/packet/bag_test_util.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "records/hashing.h"

namespace xk {

namespace fs = std::filesystem;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void WriteBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::string> FilesUnder(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path().lexically_relative(dir).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

namespace {

// "<hex>  <path>" lines into path -> hex (percent escapes of RFC 8493 decoded).
std::string ParseManifest(const std::string& text, std::map<std::string, std::string>* entries) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const size_t space = line.find(' ');
    if (space != 64) return "manifest line without a 64-digit checksum: " + line;
    std::string path = line.substr(line.find_first_not_of(' ', space));
    std::string decoded;
    for (size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '%' && i + 2 < path.size()) {
        decoded += static_cast<char>(std::stoi(path.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        decoded += path[i];
      }
    }
    (*entries)[decoded] = line.substr(0, 64);
  }
  return "";
}

}  // namespace

std::string CheckBagItRules(const fs::path& bag) {
  if (ReadBytes(bag / "bagit.txt") != "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n") {
    return "bagit.txt is not the two required lines";
  }
  std::map<std::string, std::string> manifest;
  if (std::string problem = ParseManifest(ReadBytes(bag / "manifest-sha256.txt"), &manifest); !problem.empty()) {
    return problem;
  }
  std::vector<std::string> payload = FilesUnder(bag / "data");
  if (payload.size() != manifest.size()) {
    return "manifest lists " + std::to_string(manifest.size()) + " files, data/ holds " +
           std::to_string(payload.size());
  }
  uintmax_t octets = 0;
  for (const auto& file : payload) {
    auto listed = manifest.find("data/" + file);
    if (listed == manifest.end()) return "data/" + file + " is not in the manifest";
    if (Sha256File((bag / "data" / file).string()).value_or("") != listed->second) return "data/" + file + " checksum";
    octets += fs::file_size(bag / "data" / file);
  }
  const std::string info = ReadBytes(bag / "bag-info.txt");
  const std::string oxum = "Payload-Oxum: " + std::to_string(octets) + "." + std::to_string(payload.size()) + "\n";
  if (info.find(oxum) == std::string::npos) return "bag-info.txt lacks " + oxum;
  for (const char* label : {"Source-Organization: ", "Bagging-Date: ", "External-Identifier: "}) {
    if (info.find(std::string("\n") + label) == std::string::npos && info.rfind(label, 0) != 0) {
      return std::string("bag-info.txt lacks ") + label;
    }
  }
  std::map<std::string, std::string> tags;
  if (std::string problem = ParseManifest(ReadBytes(bag / "tagmanifest-sha256.txt"), &tags); !problem.empty()) {
    return problem;
  }
  for (const char* tag : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}) {
    auto listed = tags.find(tag);
    if (listed == tags.end()) return std::string("tagmanifest lacks ") + tag;
    if (Sha256File((bag / tag).string()).value_or("") != listed->second) return std::string("tag checksum of ") + tag;
  }
  return "";
}

}  // namespace xk
