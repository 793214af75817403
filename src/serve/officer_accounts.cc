#include "src/serve/officer_accounts.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace xk::serve {

namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (size_t i = 0; i < size; ++i) hex += {kDigits[bytes[i] >> 4], kDigits[bytes[i] & 15]};
  return hex;
}

std::optional<std::string> Unhex(const std::string& hex) {
  if (hex.size() % 2) return std::nullopt;
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (error != std::errc() || end != hex.data() + i + 2) return std::nullopt;
    bytes += static_cast<char>(value);
  }
  return bytes;
}

std::string Pbkdf2(const std::string& password, const std::string& salt, int iterations) {
  unsigned char key[32];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                        EVP_sha256(), sizeof key, key) != 1)
    throw std::runtime_error("OpenSSL PKCS5_PBKDF2_HMAC failed");
  return Hex(key, sizeof key);
}

std::vector<std::string> SplitFields(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ':')) fields.push_back(field);
  return fields;
}

}  // namespace

const char* RoleName(Role role) { return role == Role::kOfficer ? "officer" : "viewer"; }

std::optional<Role> ParseRole(const std::string& name) {
  if (name == "officer") return Role::kOfficer;
  if (name == "viewer") return Role::kViewer;
  return std::nullopt;
}

bool ValidOfficerName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char byte : name) {
    if (byte <= ' ' || byte == ':' || byte == 0x7f) return false;
  }
  return true;
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> random(bytes);
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1)
    throw std::runtime_error("OpenSSL RAND_bytes failed");
  return Hex(random.data(), random.size());
}

std::string AccountLine(const std::string& name, Role role, const std::string& password) {
  const std::string salt_hex = RandomHex(16);
  return fmt::format("{}:{}:pbkdf2-sha256:{}:{}:{}", name, RoleName(role), kPasswordIterations, salt_hex,
                     Pbkdf2(password, *Unhex(salt_hex), kPasswordIterations));
}

bool PasswordMatches(const OfficerAccount& account, const std::string& password) {
  const std::optional<std::string> salt = Unhex(account.salt_hex);
  if (!salt || account.iterations <= 0) return false;
  const std::string computed = Pbkdf2(password, *salt, account.iterations);
  return computed.size() == account.hash_hex.size() &&
         CRYPTO_memcmp(computed.data(), account.hash_hex.data(), computed.size()) == 0;
}

Status LoadOfficerAccounts(const std::string& path, std::vector<OfficerAccount>* accounts) {
  std::ifstream in(path);
  if (!in) return Status::Usage(fmt::format("无法读取账号文件 {}", path));
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string> fields = SplitFields(line);
    OfficerAccount account;
    int iterations = 0;
    const bool well_formed =
        fields.size() == 6 && ValidOfficerName(fields[0]) && ParseRole(fields[1]) && fields[2] == "pbkdf2-sha256" &&
        std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), iterations).ec == std::errc() &&
        iterations > 0 && Unhex(fields[4]) && fields[5].size() == 64 && Unhex(fields[5]);
    if (!well_formed) {
      return Status::Usage(
          fmt::format("账号文件 {} 第 {} 行格式不对，应为 NAME:ROLE:pbkdf2-sha256:ITERATIONS:SALT:HASH "
                      "（用 xunkao serve --add-user 生成）",
                      path, number));
    }
    accounts->push_back({fields[0], *ParseRole(fields[1]), iterations, fields[4], fields[5]});
  }
  return Status::Ok();
}

Status AddOfficerAccount(const std::string& path, const std::string& name, Role role, const std::string& password) {
  if (!ValidOfficerName(name)) return Status::Usage("账号名须为 1 到 64 字节，不含冒号、空格和控制字符：" + name);
  if (password.size() < kMinPasswordBytes) return Status::Usage(fmt::format("密码至少 {} 个字符", kMinPasswordBytes));
  std::vector<OfficerAccount> existing;
  if (::access(path.c_str(), F_OK) == 0) {
    if (Status loaded = LoadOfficerAccounts(path, &existing); !loaded.ok()) return loaded;
  }
  for (const auto& account : existing) {
    if (account.name == name) return Status::Usage(fmt::format("账号文件 {} 已有账号 {}", path, name));
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Status::CannotComplete(fmt::format("无法写入账号文件 {}", path));
  const std::string line = AccountLine(name, role, password) + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) return Status::CannotComplete(fmt::format("写入账号文件 {} 失败", path));
  return Status::Ok();
}

}  // namespace xk::serve
