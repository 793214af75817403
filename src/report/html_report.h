// OUT/report.html: one self-contained file (no network), Chinese by default: the run, a summary
// per institution and rule, what is new, the inspection table, each finding with its numbers,
// basis and evidence, the coverage timelines of exam sessions, the hours of each class, and the
// load issues. Filters (institution, rule, severity, status) work offline with inline script.
// Every value from the archive is HTML-escaped.
#pragma once

#include <string>
#include <string_view>

#include "src/report/report_data.h"

namespace xk {

// RFC 4648 base64 with padding: how the report embeds its timeline pictures.
std::string Base64(std::string_view bytes);
// The whole report, one function per section in html_report.cc, in the order above.
std::string RenderHtmlReport(const ReportData& data);

}  // namespace xk
