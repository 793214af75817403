// Where `xunkao serve` listens (--listen HOST:PORT) and the rule that guards it: the workbench
// without officers' accounts (no --users) answers only on the loopback interface, where only
// people already logged in to this machine can reach it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xk::serve {

struct ListenAddress {
  std::string host;  // "127.0.0.1", "::1", "0.0.0.0", a name
  int port = 0;      // 0: any free port (tests)
};

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80"; nullopt when it is not HOST:PORT with a port of
// 0 to 65535.
std::optional<ListenAddress> ParseListenAddress(std::string_view text);

// 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackHost(const std::string& host);

// Why the workbench must not start on `address` (a non-loopback address without --users), in
// Chinese with what to do; "" when it may.
std::string ListenRefusal(const ListenAddress& address, bool has_users_file);

}  // namespace xk::serve
