// libFuzzer target: the evidence-packet verifier, VerifyBag and ExtractZipSafely
// (src/packet/bag_verify.h), on bags built from the fuzzer's bytes under $TMPDIR (a tmpfs with
// tools/fuzz.sh).
//
// Control byte, bit 0 set: the rest is a .zip, verified as `xunkao verify packet.zip` does, then
// extracted once more with small ZipLimits (1 MiB, 64 entries, 100:1 past 4 KiB).
// Bit 0 clear: the rest is a bag folder, as NUL-separated pieces: bagit.txt, bag-info.txt,
// manifest-sha256.txt, tagmanifest-sha256.txt, then payload files "name\ncontent" under data/
// (name components made safe with SafeComponent; at most 8 files). A piece left out is a file
// left out. So that the fuzzer gets past the checksums: bit 1 appends the true manifest lines of
// the payload, bit 2 a true Payload-Oxum to bag-info.txt, bit 3 true tagmanifest lines for the tag
// files, bit 4 adds a symbolic link data/link -> ../bagit.txt.
// Contracts checked besides "no crash, leak or hang": extraction writes nothing outside its
// destination, no symbolic link, and no more than the total cap.
// Built and run by tools/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "records/hashing.h"
#include "src/packet/bag_verify.h"
#include "src/packet/safe_path.h"
#include "tools/fuzz/fuzz_support.h"

namespace {

namespace fs = std::filesystem;
using xk::fuzz::FuzzCheck;

void VerifyZip(const fs::path& scratch, std::string_view bytes) {
  const fs::path folder = scratch / "zip";
  std::error_code ignored;
  fs::remove_all(folder, ignored);
  fs::create_directories(folder / "out");
  const fs::path zip = folder / "bag.zip";
  xk::fuzz::WriteFile(zip, bytes);
  xk::VerifyBag(zip);

  xk::ZipLimits small;
  small.max_total_bytes = 1 << 20;
  small.max_entries = 64;
  small.max_ratio = 100;
  small.ratio_min_bytes = 4096;
  xk::ExtractZipSafely(zip, folder / "out", small);
  int beside = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    FuzzCheck(entry.path() == zip || entry.path() == folder / "out",
              "ExtractZipSafely writes only under its destination");
    ++beside;
  }
  FuzzCheck(beside == 2, "ExtractZipSafely leaves the zip in place");
  uint64_t written = 0;
  for (const auto& entry : fs::recursive_directory_iterator(folder / "out")) {
    FuzzCheck(!entry.is_symlink(), "ExtractZipSafely makes no symbolic link");
    if (entry.is_regular_file()) written += entry.file_size();
  }
  FuzzCheck(written <= small.max_total_bytes, "ExtractZipSafely writes at most max_total_bytes");
}

// `name` ('/'-separated, any bytes) as a safe path under data/, at most four levels deep.
std::string PayloadName(std::string_view name) {
  std::string safe;
  int depth = 0;
  for (std::string_view component : xk::fuzz::SplitOn(name, '/')) {
    if (depth++ == 4) break;
    safe += "/" + xk::SafeComponent(component, 40);
  }
  return "data" + safe;
}

void VerifyFolder(const fs::path& scratch, uint8_t control, std::string_view bytes) {
  const fs::path bag = scratch / "bag";
  std::error_code ignored;
  fs::remove_all(bag, ignored);
  fs::create_directories(bag / "data");
  const std::vector<std::string_view> pieces = xk::fuzz::SplitOn(bytes, '\0');
  auto piece = [&](size_t i) -> std::optional<std::string> {
    if (i < pieces.size()) return std::string(pieces[i]);
    return std::nullopt;
  };

  std::string manifest = piece(2).value_or("");
  uint64_t octets = 0;
  int files = 0;
  for (size_t i = 4; i < pieces.size() && i < 12; ++i) {
    const size_t newline = pieces[i].find('\n');
    const std::string_view content = newline == std::string_view::npos ? "" : pieces[i].substr(newline + 1);
    const std::string relative = PayloadName(pieces[i].substr(0, newline));
    std::error_code code;
    fs::create_directories((bag / relative).parent_path(), code);
    if (code || fs::exists(bag / relative, code)) continue;
    xk::fuzz::WriteFile(bag / relative, content);
    octets += content.size();
    ++files;
    if (control & 2) manifest += "\n" + xk::Sha256Hex(content) + "  " + relative;
  }
  if (control & 16) fs::create_symlink("../bagit.txt", bag / "data/link", ignored);

  std::vector<std::pair<std::string, std::string>> tags;
  if (auto text = piece(0)) tags.emplace_back("bagit.txt", *text);
  std::optional<std::string> info = piece(1);
  if (control & 4) info = info.value_or("") + "\nPayload-Oxum: " + std::to_string(octets) + "." + std::to_string(files);
  if (info) tags.emplace_back("bag-info.txt", *info);
  if (piece(2) || (control & 2)) tags.emplace_back("manifest-sha256.txt", manifest);
  std::optional<std::string> tag_manifest = piece(3);
  if (control & 8) {
    std::string lines = tag_manifest.value_or("");
    for (const auto& [name, text] : tags) lines += "\n" + xk::Sha256Hex(text) + "  " + name;
    tag_manifest = lines;
  }
  for (const auto& [name, text] : tags) xk::fuzz::WriteFile(bag / name, text);
  if (tag_manifest) xk::fuzz::WriteFile(bag / "tagmanifest-sha256.txt", *tag_manifest);
  xk::VerifyBag(bag);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path& scratch = xk::fuzz::ScratchFolder("bag_verify_fuzz");
  const uint8_t control = size > 0 ? data[0] : 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + (size > 0 ? 1 : 0), size > 0 ? size - 1 : 0);
  if (control & 1) {
    VerifyZip(scratch, bytes);
  } else {
    VerifyFolder(scratch, control, bytes);
  }
  return 0;
}
