// What every section of report.html needs: the data, the words of its language, institution
// labels. Shared by html_report.cc and the sections that live in files of their own.
#pragma once

#include <map>
#include <string>

#include "records/text_escape.h"
#include "src/report/report_data.h"

namespace xk {

struct Words {
  bool zh;
  const char* operator()(const char* chinese, const char* english) const { return zh ? chinese : english; }
};

// What every section needs: the data, the words of its language, institution labels.
struct ReportPage {
  explicit ReportPage(const ReportData& report) : data(report), w{report.chinese} {
    for (const auto& i : report.institutions) names[i.code] = i.name;
  }

  // "PX01 某某培训学校" (the code alone when the name is unknown), HTML-escaped.
  std::string InstitutionLabel(const std::string& code) const {
    auto it = names.find(code);
    return HtmlEscape(it == names.end() || it->second.empty() ? code : code + " " + it->second);
  }

  const ReportData& data;
  Words w;
  std::map<std::string, std::string> names;  // institution code -> name
};

}  // namespace xk
