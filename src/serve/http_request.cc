#include "src/serve/http_request.h"

namespace xk::serve {

std::string FormValue(const httplib::Request& request, const std::string& name) {
  if (request.has_param(name)) return request.get_param_value(name);
  if (request.is_multipart_form_data() && request.has_file(name)) {
    const httplib::MultipartFormData field = request.get_file_value(name);
    if (field.filename.empty()) return field.content;
  }
  return "";
}

std::vector<UploadedFile> UploadedFiles(const httplib::Request& request, const std::string& name) {
  std::vector<UploadedFile> files;
  const auto [begin, end] = request.files.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    if (!it->second.filename.empty()) files.push_back({it->second.filename, it->second.content});
  }
  return files;
}

std::map<std::string, std::string> QueryMap(const httplib::Request& request) {
  std::map<std::string, std::string> query;
  for (const auto& [key, value] : request.params) query.emplace(key, value);
  return query;
}

}  // namespace xk::serve
