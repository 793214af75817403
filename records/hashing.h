// SHA-256 through OpenSSL's EVP interface: of a string, and streamed over a file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xk {

std::string Sha256Hex(std::string_view bytes);
// Streams the file; nullopt when it cannot be read.
std::optional<std::string> Sha256File(const std::string& path);

}  // namespace xk
