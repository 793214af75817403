#include "src/serve/html_page.h"

#include <fmt/format.h>

#include <cctype>

namespace xk::serve {

namespace {

constexpr const char* kWorkbenchStyle =
    "body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;margin:0;color:#222}"
    "header{background:#1f3b5a;color:#fff;padding:.5em 1em;display:flex;gap:1.5em;align-items:center}"
    "header a{color:#fff;text-decoration:none}header .who{margin-left:auto}"
    "main{padding:1em 1.5em}table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
    "th{background:#eef2f6}.num{text-align:right}.high{color:#b00020}.meta{color:#666}"
    "form.case{border:1px solid #ccc;padding:.5em;margin:.5em 0;max-width:40em}"
    "form.case label{display:block;margin:.25em 0}.corrected{text-decoration:line-through;color:#888}"
    "ol.timeline li{margin:.4em 0}"
    "figure.media{display:inline-block;vertical-align:top;margin:.5em 1em .5em 0;max-width:100%}"
    "figure.media img,figure.media video{max-width:100%;height:auto}"
    "figure.media figcaption{color:#666;font-size:.9em;max-width:480px}";

}  // namespace

std::string HtmlPage(std::string_view title, const std::string& body, const Session* session) {
  std::string who;
  if (session) {
    who = fmt::format("<span class=\"who\">{}（{}）", HtmlEscape(session->officer),
                      session->role == Role::kOfficer ? "执法人员" : "只读");
    who += fmt::format(
        " <form method=\"post\" action=\"/logout\" style=\"display:inline\">{}<button>退出</button></form></span>",
        CsrfField(*session));
  }
  return fmt::format(
      "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{} · 训考工作台</title>"
      "<style>{}</style></head><body><header><b>训考工作台</b><a href=\"/\">总览</a><a href=\"/findings\">问题</a><a "
      "href=\"/draws\">抽取</a>{}"
      "</header><main><h1>{}</h1>{}</main></body></html>",
      HtmlEscape(title), kWorkbenchStyle, who, HtmlEscape(title), body);
}

std::string CsrfField(const Session& session) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", HtmlEscape(session.csrf_token));
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char byte : text) {
    if (std::isalnum(byte) || byte == '-' || byte == '_' || byte == '.' || byte == '~') {
      out += static_cast<char>(byte);
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

std::string FindingLink(const std::string& id) {
  return fmt::format("<a href=\"/findings/{}\">{}</a>", HtmlEscape(UrlEncode(id)), HtmlEscape(id));
}

std::string PersonLink(const std::string& id) {
  return fmt::format("<a href=\"/people/{}\">{}</a>", HtmlEscape(UrlEncode(id)), HtmlEscape(id));
}

std::string MessagePage(std::string_view title, std::string_view message_zh, const Session* session) {
  return HtmlPage(title, fmt::format("<p>{}</p><p><a href=\"/\">回到总览</a></p>", HtmlEscape(message_zh)), session);
}

}  // namespace xk::serve
