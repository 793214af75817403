// Helpers for the packet tests: whole-file reads and writes, and an independent reading of the
// BagIt rules (RFC 8493) that shares no code with src/packet, so a bug in the verifier cannot
// hide the same bug in the writer.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace xk {

std::string ReadBytes(const std::filesystem::path& path);
void WriteBytes(const std::filesystem::path& path, const std::string& bytes);

// Every regular file under `dir`, relative with '/' separators, sorted.
std::vector<std::string> FilesUnder(const std::filesystem::path& dir);

// "" when `bag` follows the BagIt rules this project promises, else what is wrong: bagit.txt is
// exactly the two lines; manifest-sha256.txt lists exactly the files under data/ with their
// SHA-256 (recomputed with Sha256File); Payload-Oxum is their total bytes.count; bag-info.txt
// has Source-Organization, Bagging-Date and External-Identifier lines; tagmanifest-sha256.txt
// lists bagit.txt, bag-info.txt and manifest-sha256.txt with their SHA-256.
std::string CheckBagItRules(const std::filesystem::path& bag);

}  // namespace xk
