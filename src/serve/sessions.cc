#include "src/serve/sessions.h"

namespace xk::serve {

std::string RandomToken() { return RandomHex(32); }

Session SessionTable::Create(const std::string& officer, Role role) {
  Session session{RandomToken(), RandomToken(), officer, role, Clock::now() + idle_limit_};
  std::lock_guard lock(mutex_);
  // Forget the expired ones now and then, so the table cannot grow without bound.
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.expires < Clock::now() ? sessions_.erase(it) : std::next(it);
  }
  sessions_[session.id] = session;
  return session;
}

std::optional<Session> SessionTable::Find(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires < Clock::now()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.expires = Clock::now() + idle_limit_;
  return it->second;
}

void SessionTable::Remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(id);
}

std::string SessionCookie(const std::string& id, bool secure) {
  return std::string(kSessionCookie) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string SessionIdFromCookies(const std::string& cookie_header) {
  const std::string prefix = std::string(kSessionCookie) + "=";
  size_t start = 0;
  while (start < cookie_header.size()) {
    while (start < cookie_header.size() && cookie_header[start] == ' ') ++start;
    size_t end = cookie_header.find(';', start);
    if (end == std::string::npos) end = cookie_header.size();
    if (cookie_header.compare(start, prefix.size(), prefix) == 0)
      return cookie_header.substr(start + prefix.size(), end - start - prefix.size());
    start = end + 1;
  }
  return "";
}

bool LoginThrottle::Allowed(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return true;
  if (now - it->second.first > kWindow) {
    failures_.erase(it);
    return true;
  }
  return it->second.count < kMaxFailures;
}

void LoginThrottle::RecordFailure(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Failures& failures = failures_[address];
  if (failures.count == 0 || now - failures.first > kWindow) failures = {0, now};
  ++failures.count;
}

void LoginThrottle::RecordSuccess(const std::string& address) {
  std::lock_guard lock(mutex_);
  failures_.erase(address);
}

}  // namespace xk::serve
