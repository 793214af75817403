// Reading what a browser sent, over cpp-httplib's Request: form fields whether the form was
// url-encoded or multipart, the uploaded files of one field, the query as a map. The one place
// besides the server that sees httplib's types.
#pragma once

#include <httplib.h>

#include <map>
#include <string>
#include <vector>

#include "src/serve/case_forms.h"

namespace xk::serve {

// A field of a POSTed form (url-encoded or multipart), "" when absent.
std::string FormValue(const httplib::Request& request, const std::string& name);

// The files sent in field `name` of a multipart form (those with a file name; an empty file input
// sends none).
std::vector<UploadedFile> UploadedFiles(const httplib::Request& request, const std::string& name);

// The query parameters, the first value of each.
std::map<std::string, std::string> QueryMap(const httplib::Request& request);

}  // namespace xk::serve
