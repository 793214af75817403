// The documents page (the three on-site documents of a unit, made on request by MakeDocument as
// `xunkao document` makes them, and its evidence packet) and the page that links to what was made.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "src/serve/sessions.h"

namespace xk::serve {

// The institution chooser, and for `institution` (when given) a form per document and, for an
// officer, the form for an evidence packet of its open findings.
std::string DocumentsBody(const std::string& institution, const Session& session);

// "已生成": a link per made file (label, download name), and a note when there is one.
std::string MadeFilesBody(const std::vector<std::pair<std::string, std::string>>& labelled_names,
                          const std::string& note, const std::string& back_href, const std::string& back_label);

}  // namespace xk::serve
