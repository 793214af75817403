// The workbench's officers (`xunkao serve --users FILE`): one account a line,
//   NAME:ROLE:pbkdf2-sha256:ITERATIONS:SALT_HEX:HASH_HEX
// ROLE is `officer` (reads and records case events) or `viewer` (reads only); the hash is
// OpenSSL's PKCS5_PBKDF2_HMAC with SHA-256 over the password and a random 16-byte salt. Lines
// that are empty or start with '#' are ignored. Created with `xunkao serve --add-user`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "records/status.h"

namespace xk::serve {

enum class Role { kViewer, kOfficer };
const char* RoleName(Role role);  // "viewer" | "officer"
std::optional<Role> ParseRole(const std::string& name);

struct OfficerAccount {
  std::string name;
  Role role = Role::kViewer;
  int iterations = 0;
  std::string salt_hex;
  std::string hash_hex;
};

inline constexpr int kPasswordIterations = 200000;  // PBKDF2-SHA256; OWASP's 2023 figure is 600,000
inline constexpr size_t kMinPasswordBytes = 8;

// `bytes` random bytes from OpenSSL's RAND_bytes, as lower-case hex (salts, session ids, tokens).
std::string RandomHex(size_t bytes);

// A name the file can hold: 1 to 64 bytes of valid UTF-8, without ':', spaces or control characters.
bool ValidOfficerName(const std::string& name);

// The account's line for a new password (a fresh salt from RAND_bytes).
std::string AccountLine(const std::string& name, Role role, const std::string& password);

// True when `password` is the account's (compared in constant time).
bool PasswordMatches(const OfficerAccount& account, const std::string& password);

// Reads the file; a line that is not an account is a usage failure naming the file and line.
Status LoadOfficerAccounts(const std::string& path, std::vector<OfficerAccount>* accounts);

// Appends a new account (the file is created with mode 0600 when missing); refuses a name already
// there, an invalid name or a password shorter than kMinPasswordBytes.
Status AddOfficerAccount(const std::string& path, const std::string& name, Role role, const std::string& password);

}  // namespace xk::serve
