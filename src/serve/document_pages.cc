#include "src/serve/document_pages.h"

#include <fmt/format.h>

#include "src/document/inspection_documents.h"
#include "src/serve/html_page.h"

namespace xk::serve {

std::string DocumentsBody(const std::string& institution, const Session& session) {
  std::string h = fmt::format(
      "<form method=\"get\" action=\"/documents\"><label>机构编码 <input name=\"institution\" value=\"{}\"></label> "
      "<button>选择</button></form>",
      HtmlEscape(institution));
  if (institution.empty())
    return h + "<p class=\"meta\">输入机构编码（institutions.csv 中的 code），或从总览进入。</p>";
  h += fmt::format("<h2>{} 的现场执法文书</h2>", HtmlEscape(institution));
  for (DocumentKind kind : AllDocumentKinds()) {
    h += fmt::format(
        "<form class=\"case\" method=\"post\" action=\"/documents\">{}<input type=\"hidden\" name=\"institution\" "
        "value=\"{}\"><input type=\"hidden\" name=\"kind\" value=\"{}\"><b>{}</b>{}<button>生成 Word 文书</button>"
        "</form>",
        CsrfField(session), HtmlEscape(institution), DocumentKindName(kind), DocumentKindZh(kind),
        kind == DocumentKind::kRecheckOpinion
            ? std::string()
            : "<label>抽取编号（可选，默认为抽中该机构的最近一次抽取） <input type=\"number\" name=\"draw\" "
              "min=\"1\"></label>");
  }
  h += "<p class=\"meta\">与 <code>xunkao document</code> 相同的文书，按数据库和档案的现状生成。</p>";
  if (session.role != Role::kOfficer) return h;
  return h + fmt::format(
                 "<h2>证据包</h2><form class=\"case\" method=\"post\" action=\"/packets\">{}<input type=\"hidden\" "
                 "name=\"institution\" value=\"{}\"><label>半年度（可选，如 2026H2；不填为全部） <input "
                 "name=\"period\"></label><button>生成该机构未整改问题的证据包（BagIt .zip）</button></form>",
                 CsrfField(session), HtmlEscape(institution));
}

std::string MadeFilesBody(const std::vector<std::pair<std::string, std::string>>& labelled_names,
                          const std::string& note, const std::string& back_href, const std::string& back_label) {
  std::string h;
  if (!note.empty()) h += "<p class=\"high\">" + HtmlEscape(note) + "</p>";
  h += "<ul>";
  for (const auto& [label, name] : labelled_names) {
    h += fmt::format("<li><a href=\"/downloads/{}\">{}</a></li>", HtmlEscape(name), HtmlEscape(label));
  }
  return h + fmt::format("</ul><p><a href=\"{}\">{}</a></p>", HtmlEscape(back_href), HtmlEscape(back_label));
}

}  // namespace xk::serve
