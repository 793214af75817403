// The answers every workbench handler gives the same way: an HTML page, a refusal page with its
// status, a redirect after a POST, a file to download under a name the server chose.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/serve/html_page.h"
#include "src/serve/sessions.h"

namespace xk::serve {

inline constexpr const char* kHtml = "text/html; charset=utf-8";

inline void Refuse(httplib::Response& response, int status, std::string_view title, std::string_view message,
                   const Session* session) {
  response.status = status;
  response.set_content(MessagePage(title, message, session), kHtml);
}

inline void SeeOther(httplib::Response& response, const std::string& location) {
  response.status = 303;
  response.set_header("Location", location);
}

// `name` is what the browser saves the file as (UTF-8, percent-encoded here).
inline void SendDownload(httplib::Response& response, std::string content, const char* content_type,
                         const std::string& name) {
  response.set_header("Content-Disposition", "attachment; filename*=UTF-8''" + UrlEncode(name));
  response.set_content(std::move(content), content_type);
}

// Streams a file the caller has found (never a path from the request) as a download; a video or
// a picture inline, for a player or an <img> on the page (byte ranges are answered by cpp-httplib
// from the length).
inline void SendFile(httplib::Response& response, const std::filesystem::path& path, const char* content_type,
                     const std::string& name) {
  auto file = std::make_shared<std::ifstream>(path, std::ios::binary);
  const std::string_view type(content_type);
  const bool shown = type.substr(0, 6) == "video/" || type.substr(0, 6) == "image/";
  response.set_header("Content-Disposition",
                      std::string(shown ? "inline" : "attachment") + "; filename*=UTF-8''" + UrlEncode(name));
  response.set_content_provider(std::filesystem::file_size(path), content_type,
                                [file](size_t offset, size_t length, httplib::DataSink& sink) {
                                  std::vector<char> buffer(std::min<size_t>(length, 1 << 16));
                                  file->seekg(static_cast<std::streamoff>(offset));
                                  file->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                                  if (file->gcount() <= 0) return false;
                                  sink.write(buffer.data(), static_cast<size_t>(file->gcount()));
                                  return true;
                                });
}

}  // namespace xk::serve
