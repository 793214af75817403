// The frame every workbench page shares: a complete Chinese HTML page (no network, a little CSS)
// with the navigation and the officer logged in, and the small pieces pages build with (CSRF
// field, URL encoding). Every value from the archive or the store goes through HtmlEscape before
// it reaches a page.
#pragma once

#include <string>
#include <string_view>

#include "records/text_escape.h"
#include "src/serve/sessions.h"

namespace xk::serve {

// A whole page. `session` null on the login page.
std::string HtmlPage(std::string_view title, const std::string& body, const Session* session);

// <input type=hidden name=csrf value=...>: every form carries its session's token back.
std::string CsrfField(const Session& session);

// Percent-encoding for a query value or a path segment (RFC 3986 unreserved bytes kept).
std::string UrlEncode(std::string_view text);

// <a href="/findings/ID">ID</a>, escaped.
std::string FindingLink(const std::string& id);
// <a href="/people/ID">ID</a>, escaped.
std::string PersonLink(const std::string& id);

// A short page saying what went wrong, with a link back.
std::string MessagePage(std::string_view title, std::string_view message_zh, const Session* session);

}  // namespace xk::serve
