#include "src/serve/draw_pages.h"

#include <fmt/format.h>

#include "records/store/draw_store.h"
#include "src/report/draw_list.h"
#include "src/serve/html_page.h"

namespace xk::serve {

namespace {

std::string DrawLink(int64_t id) { return fmt::format("<a href=\"/draws/{0}\">#{0}</a>", id); }

std::string MakeForm(const Session& session) {
  return "<h2>新的抽取</h2><form class=\"case\" method=\"post\" action=\"/draws\">" + CsrfField(session) +
         "<label>半年度（如 2026H2） <input name=\"period\" required></label>"
         "<label>抽取比例 <input name=\"ratio\" value=\"0.3\"></label>"
         "<label>至少抽取 <input type=\"number\" name=\"min_targets\" value=\"1\" min=\"0\"> 个</label>"
         "<label>随机种子（可选，默认为抽取时间） <input name=\"seed\"></label>"
         "<button>抽取</button></form>"
         "<p class=\"meta\">机构名单取自 institutions.csv，检查人员取自 bureau/inspectors.csv（--archive "
         "指定的档案，默认为最近一次审查的档案）；与 <code>xunkao draw</code> 相同的抽取方法，保存后不可更改。</p>";
}

std::string IssueList(const std::vector<LoadIssue>& issues) {
  if (issues.empty()) return "";
  std::string h = "<h2>读取档案时的问题</h2><ul>";
  for (const LoadIssue& issue : issues) {
    std::string where = issue.file;
    if (issue.line > 0) where += fmt::format(":{}", issue.line);
    if (!issue.column.empty()) where += "（" + issue.column + "）";
    h += fmt::format("<li><code>{}</code> {}</li>", HtmlEscape(where), HtmlEscape(issue.message_zh));
  }
  return h + "</ul>";
}

}  // namespace

std::string DrawsBody(store::AuditStore& store, const Session& session) {
  std::vector<store::DrawRecord> draws = store::ListDraws(store.db());
  std::string h;
  if (draws.empty()) {
    h += "<p class=\"meta\">数据库中还没有抽取记录。</p>";
  } else {
    h += "<table><tr><th>编号</th><th>半年度</th><th>抽取时间</th><th>比例</th><th class=\"num\">对象数</th>"
         "<th>抽查对象</th><th>随机种子</th><th>公示与核验</th></tr>";
    for (auto it = draws.rbegin(); it != draws.rend(); ++it) {
      std::string targets;
      for (const auto& target : it->targets) targets += (targets.empty() ? "" : "、") + HtmlEscape(target.institution);
      h += fmt::format(
          "<tr><td>{0}</td><td>{1}</td><td>{2}</td><td>{3}</td><td class=\"num\">{4}</td><td>{5}</td>"
          "<td><code>{6}</code></td><td><a href=\"/draws/{7}/public\">公示名单</a> · "
          "<a href=\"/draws/{7}/public.csv\">CSV</a> · <a href=\"/draws/{7}/verify\">核验</a></td></tr>",
          DrawLink(it->id), HtmlEscape(it->period), HtmlEscape(it->created), HtmlEscape(it->ratio), it->targets.size(),
          targets, HtmlEscape(it->seed), it->id);
    }
    h += "</table>";
  }
  if (session.role == Role::kOfficer) h += MakeForm(session);
  return h;
}

std::optional<std::string> DrawBody(store::AuditStore& store, int64_t id) {
  const auto draw = store::LoadDraw(store.db(), id);
  if (!draw) return std::nullopt;
  std::string h = "<table>";
  auto row = [&h](const char* label, const std::string& value_html) {
    h += fmt::format("<tr><th>{}</th><td>{}</td></tr>", label, value_html);
  };
  row("半年度", HtmlEscape(draw->period));
  row("抽取时间", HtmlEscape(draw->created));
  row("随机种子", "<code>" + HtmlEscape(draw->seed) + "</code>");
  row("抽取比例",
      fmt::format("{}，至少 {} 个；名录 {} 个机构", HtmlEscape(draw->ratio), draw->min_targets, draw->pool_size));
  row("抽取池哈希", "<code>" + HtmlEscape(draw->pool_sha256) + "</code>");
  row("档案", "<code>" + HtmlEscape(draw->archive) + "</code>");
  h += fmt::format(
      "</table><p><a href=\"/draws/{0}/public\">公示名单（可打印）</a> · <a href=\"/draws/{0}/public.csv\">公示名单 "
      "CSV</a> · <a href=\"/draws/{0}/verify\">按当前档案核验</a></p>",
      id);
  h += "<table><tr><th>序号</th><th>机构</th><th>入选方式</th><th>检查人员（所属单位，执法证号）</th></tr>";
  int position = 0;
  for (const auto& target : draw->targets) {
    std::string inspectors;
    for (const auto& inspector : target.inspectors) {
      inspectors += fmt::format("{}{}（{}，{}）", inspectors.empty() ? "" : "、", HtmlEscape(inspector.name),
                                HtmlEscape(inspector.unit), HtmlEscape(inspector.cert_no));
    }
    h += fmt::format(
        "<tr><td class=\"num\">{}</td><td><a href=\"/findings?institution={}\">{}</a></td><td>{}</td><td>{}</td></tr>",
        ++position, HtmlEscape(UrlEncode(target.institution)), HtmlEscape(target.institution),
        target.selection == "priority" ? "重点检查对象（" + HtmlEscape(target.reason) + "）" : std::string("随机抽中"),
        inspectors);
  }
  return h + "</table>";
}

std::optional<std::string> DrawPublicHtml(store::AuditStore& store, int64_t id, const std::string& archive) {
  const auto draw = store::LoadDraw(store.db(), id);
  if (!draw) return std::nullopt;
  return DrawListHtml(*draw, RecomputeStoredDraw(*draw),
                      DrawArchiveInstitutions(archive.empty() ? draw->archive : archive));
}

std::optional<std::string> DrawPublicCsv(store::AuditStore& store, int64_t id, const std::string& archive) {
  const auto draw = store::LoadDraw(store.db(), id);
  if (!draw) return std::nullopt;
  return DrawListCsv(*draw, DrawArchiveInstitutions(archive.empty() ? draw->archive : archive));
}

std::optional<std::string> DrawVerificationBody(store::AuditStore& store, int64_t id, const std::string& archive) {
  const DrawVerification v = VerifyDraw(store, id, archive);
  if (!v.draw) return std::nullopt;
  std::string h =
      fmt::format("<p>抽取 {}（{}，{}）按存档的随机种子和档案 <code>{}</code> 的当前名录重算：</p><ul>", DrawLink(id),
                  HtmlEscape(v.draw->period), HtmlEscape(v.draw->created), HtmlEscape(v.archive.string()));
  bool identical = v.identical;
  if (!v.missing_file.empty()) {
    h += fmt::format("<li class=\"high\">{}</li>", HtmlEscape(v.missing_zh));
  } else {
    if (v.pool_same) {
      h += fmt::format("<li>抽取池哈希：相同 <code>{}</code></li>", HtmlEscape(v.draw->pool_sha256));
    } else {
      h += fmt::format("<li class=\"high\">抽取池哈希：不同：抽取时 <code>{}</code>，现在 <code>{}</code>",
                       HtmlEscape(v.draw->pool_sha256), HtmlEscape(v.pool_sha256_now));
      if (!v.pool_difference_zh.empty()) {
        h += fmt::format("；第一处不同：{}{}", v.pool_line_removed ? "抽取时有、现在没有：" : "现在有、抽取时没有：",
                         HtmlEscape(v.pool_difference_zh));
      }
      h += "</li>";
    }
    if (v.target_difference_zh.empty()) {
      h += fmt::format("<li>抽查对象和检查人员：与存档相同（{} 个对象）</li>", v.draw->targets.size());
    } else {
      h +=
          fmt::format("<li class=\"high\">抽查对象和检查人员：第一处不同：{}</li>", HtmlEscape(v.target_difference_zh));
    }
  }
  h += fmt::format("</ul><p><b>结论：{}</b></p>", identical ? "一致" : "不一致");
  return h + IssueList(v.issues);
}

std::string DrawRefusalBody(const MadeDraw& made) {
  std::string h;
  for (const std::string& line : made.refused) h += "<p class=\"high\">" + HtmlEscape(line) + "</p>";
  h += "<p>未抽取，未保存任何内容。<a href=\"/draws\">回到抽取</a></p>";
  return h + IssueList(made.issues);
}

}  // namespace xk::serve
