#include "records/hashing.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>

namespace xk {

namespace {
struct DigestDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using DigestContext = std::unique_ptr<EVP_MD_CTX, DigestDeleter>;

std::string ToHex(const unsigned char* digest, unsigned int length) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}
}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return ToHex(digest, length);
}

std::optional<std::string> Sha256File(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  DigestContext ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return std::nullopt;
  // Chunks of 1 MiB, but no larger than the file: 20,000 empty recordings spent most of their
  // audit allocating (mapping, zero-filling, unmapping) a megabyte each to hash nothing.
  std::error_code size_error;
  const uintmax_t size = std::filesystem::file_size(path, size_error);
  const std::streamsize chunk =
      size_error ? std::streamsize{1 << 20} : static_cast<std::streamsize>(std::clamp<uintmax_t>(size, 4096, 1 << 20));
  const auto buffer = std::make_unique_for_overwrite<char[]>(static_cast<size_t>(chunk));
  while (in) {
    in.read(buffer.get(), chunk);
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buffer.get(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  return ToHex(digest, length);
}

}  // namespace xk
