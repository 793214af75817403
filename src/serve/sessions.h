// Who is using the workbench: sessions (random ids from RAND_bytes, each with its own CSRF token
// that every form carries back) and the login throttle (failed logins per remote address).
// Thread-safe: the HTTP server answers from several threads.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "src/serve/officer_accounts.h"

namespace xk::serve {

using Clock = std::chrono::steady_clock;

// 32 random bytes as 64 hex digits (OpenSSL RAND_bytes).
std::string RandomToken();

struct Session {
  std::string id;
  std::string csrf_token;
  std::string officer;
  Role role = Role::kViewer;
  Clock::time_point expires;
};

class SessionTable {
 public:
  explicit SessionTable(std::chrono::seconds idle_limit = std::chrono::hours(8)) : idle_limit_(idle_limit) {}

  Session Create(const std::string& officer, Role role);
  // The session with this id, its idle time restarted; nullopt when unknown or expired.
  std::optional<Session> Find(const std::string& id);
  void Remove(const std::string& id);

 private:
  std::chrono::seconds idle_limit_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_;
};

// The Set-Cookie value of a session: HttpOnly, SameSite=Strict, Path=/, and Secure over HTTPS.
inline constexpr const char* kSessionCookie = "xunkao_session";
std::string SessionCookie(const std::string& id, bool secure);
// The session id a Cookie header carries, "" when none.
std::string SessionIdFromCookies(const std::string& cookie_header);

// At most kMaxFailures failed logins per address within kWindow; then refused until the window
// passes. A success clears the address.
class LoginThrottle {
 public:
  static constexpr int kMaxFailures = 5;
  static constexpr std::chrono::minutes kWindow{5};

  bool Allowed(const std::string& address, Clock::time_point now);
  void RecordFailure(const std::string& address, Clock::time_point now);
  void RecordSuccess(const std::string& address);

 private:
  struct Failures {
    int count = 0;
    Clock::time_point first;
  };
  std::mutex mutex_;
  std::map<std::string, Failures> failures_;
};

}  // namespace xk::serve
