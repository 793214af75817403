#include "src/serve/dashboard_page.h"

#include <fmt/format.h>

#include <filesystem>

#include "records/archive_loader.h"
#include "records/half_year.h"
#include "records/text_escape.h"
#include "src/cycle/inspection_table.h"
#include "src/serve/html_page.h"

namespace xk::serve {

namespace {

std::string RunLine(store::AuditStore& store) {
  const auto run = store.LastRun();
  if (!run) return "<p class=\"meta\">数据库中还没有审查运行。</p>";
  const std::string state = run->status == "running"     ? "正在运行"
                            : run->status == "completed" ? "已完成"
                            : run->status == "failed"    ? "失败"
                                                         : "中断";
  return fmt::format(
      "<p>最近一次审查：第 {} 次，{}，开始 {}{}；档案 <code>{}</code>，录像 {} 个（本次分析 {} 个）。</p>", run->id,
      state, HtmlEscape(run->started), run->finished.empty() ? "" : "，结束 " + HtmlEscape(run->finished),
      HtmlEscape(run->archive), run->files_scanned, run->files_analysed);
}

std::string Cell(const InspectionCell& cell) {
  std::string text = cell.audited ? fmt::format("已审查 {} 次", cell.runs) : "未审查";
  if (cell.packets) text += fmt::format("，证据包 {}", cell.packets);
  for (const DrawVisit& visit : cell.draws) {
    text += fmt::format("，抽中 #{}", visit.draw_id);
    for (size_t i = 0; i < visit.inspectors.size(); ++i) text += (i ? "、" : "（") + HtmlEscape(visit.inspectors[i]);
    if (!visit.inspectors.empty()) text += "）";
  }
  return text;
}

}  // namespace

std::vector<Institution> ArchiveInstitutions(const std::string& archive) {
  std::error_code ec;
  if (archive.empty() || !std::filesystem::is_directory(archive, ec)) return {};
  std::vector<LoadIssue> ignored;  // audit.toml's problems leave the defaults, as in the audit
  ArchiveModel model;
  LoadInstitutions(archive, LoadAuditConfig(archive, std::nullopt, &ignored).policy, &model);
  return model.institutions;
}

std::string DashboardBody(store::AuditStore& store, const AuditConfig& config, int year, Date today,
                          const std::vector<Institution>& institutions) {
  if (year == 0) year = HalfYear::Of(today).year;
  // The table takes every institution the store knows, and those given.
  const auto rows = BuildInspectionTable(store, institutions, year, today, config.cycle.recheck_days);
  std::string h = RunLine(store);
  h += fmt::format(
      "<p><a href=\"/?year={0}\">← {0}</a> · <b>{1} 年</b> · <a href=\"/?year={2}\">{2} →</a></p>"
      "<table><tr><th>机构</th><th>上半年 H1</th><th>下半年 H2</th><th class=\"num\">未整改 严重</th>"
      "<th class=\"num\">一般</th><th class=\"num\">轻微</th><th>整改闭环</th></tr>",
      year - 1, year, year + 1);
  for (const InspectionRow& row : rows) {
    const std::string loop = LoopSummaryZh(row.loop);
    const std::string code = HtmlEscape(UrlEncode(row.institution));
    h += fmt::format(
        "<tr><td><a href=\"/findings?institution={0}\">{1}</a> {2} <a "
        "href=\"/documents?institution={0}\">文书</a></td><td>{3}</td><td>{4}</td>"
        "<td class=\"num high\">{5}</td><td class=\"num\">{6}</td><td class=\"num\">{7}</td><td>{8}</td></tr>",
        code, HtmlEscape(row.institution), HtmlEscape(row.name), Cell(row.h1), Cell(row.h2), row.open_high,
        row.open_medium, row.open_low, loop.empty() ? "—" : HtmlEscape(loop));
  }
  h += "</table>";
  if (rows.empty()) h += "<p class=\"meta\">该年没有机构的审查记录。</p>";
  return h;
}

}  // namespace xk::serve
