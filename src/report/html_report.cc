#include "src/report/html_report.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "detectors/hours_math.h"
#include "detectors/rule_table.h"
#include "records/text_escape.h"
#include "src/report/kind_section.h"
#include "src/report/person_section.h"
#include "src/report/report_page.h"
#include "version.h"

namespace xk {

namespace {

const char* kReportStyle = R"css(
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;padding:12px;color:#222;background:#fafafa}
h1{font-size:1.4em;margin:.2em 0} h2{font-size:1.15em;border-bottom:2px solid #b22;padding-bottom:4px;margin-top:1.6em}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9em} th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eee} .num{text-align:right;white-space:nowrap}
.sev-high{color:#fff;background:#b22;padding:1px 6px;border-radius:3px} .sev-medium{background:#e90;color:#fff;padding:1px 6px;border-radius:3px}
.sev-low{background:#777;color:#fff;padding:1px 6px;border-radius:3px}
.st-new{font-weight:bold;color:#b22} .st-resolved{color:#080} .finding{background:#fff;border:1px solid #ddd;border-left:5px solid #b22;margin:8px 0;padding:8px}
.finding.medium{border-left-color:#e90} .finding.low{border-left-color:#777} .finding.resolved{border-left-color:#080;opacity:.75}
.meta{color:#555;font-size:.85em} .filters{background:#fff;border:1px solid #ddd;padding:8px;position:sticky;top:0;z-index:2}
.filters select{margin:2px 8px 2px 0;max-width:100%} img.timeline{max-width:100%;height:auto;border:1px solid #ccc}
.short{color:#b22;font-weight:bold} .wrap{overflow-x:auto} code{word-break:break-all}
@media (max-width:600px){body{padding:6px} th,td{padding:3px} .finding{padding:6px}}
@media print{.filters{display:none}}
)css";

const char* kScript = R"js(
function applyFilters(){
  var f={};document.querySelectorAll('.filters select').forEach(function(s){f[s.dataset.key]=s.value;});
  var shown=0;
  document.querySelectorAll('.finding').forEach(function(el){
    var ok=Object.keys(f).every(function(k){return !f[k]||el.dataset[k]===f[k];});
    el.style.display=ok?'':'none'; if(ok)shown++;
  });
  var c=document.getElementById('shown-count'); if(c)c.textContent=shown;
}
window.addEventListener('error',function(e){document.body.dataset.errors=(document.body.dataset.errors||'')+e.message+';';});
// #selftest (used by the browser test): every filter value must show exactly its findings.
function selfTest(){
  var problems=[];
  document.querySelectorAll('.filters select').forEach(function(s){
    for(var i=1;i<s.options.length;i++){
      document.querySelectorAll('.filters select').forEach(function(o){o.value='';});
      s.value=s.options[i].value; applyFilters();
      var want=0,shown=0;
      document.querySelectorAll('.finding').forEach(function(el){
        if(el.dataset[s.dataset.key]===s.value)want++; if(el.style.display!=='none')shown++;});
      if(want!==shown||want===0)problems.push(s.dataset.key+'='+s.value+':'+shown+'/'+want);
    }
    s.value='';
  });
  applyFilters();
  document.body.dataset.selftest=problems.length?'fail '+problems.join(','):'ok';
}
document.addEventListener('DOMContentLoaded',function(){
  document.querySelectorAll('.filters select').forEach(function(s){s.addEventListener('change',applyFilters);});
  applyFilters();
  if(location.hash==='#selftest')selfTest();
});
)js";

std::string Opt(const std::optional<double>& value) { return value ? FormatHours(*value) : std::string("—"); }

std::string StatusLabel(store::FindingStatus status, const Words& w) {
  switch (status) {
    case store::FindingStatus::kNew:
      return w("新发现", "new");
    case store::FindingStatus::kPersisting:
      return w("持续存在", "persisting");
    case store::FindingStatus::kResolved:
      return w("不再发现", "no longer found");
    case store::FindingStatus::kOpen:
      return w("未整改", "open");
  }
  return "";
}

std::string SeverityLabel(Severity s, const Words& w) { return w(SeverityZh(s), SeverityName(s)); }

std::string Select(const char* key, const char* label, const std::set<std::string>& values, const Words& w) {
  std::string out =
      fmt::format("<label>{} <select data-key=\"{}\"><option value=\"\">{}</option>", label, key, w("全部", "all"));
  for (const auto& v : values) out += fmt::format("<option value=\"{0}\">{0}</option>", HtmlEscape(v));
  return out + "</select></label>";
}

// The document up to the title: language, style and the filter script inline (no network).
std::string PageStart(const Words& w) {
  std::string h;
  h += fmt::format(
      "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{}</title><style>{}</style><script>{}</script></head><body>",
      w("zh-CN", "en"), w("训考审查报告", "xunkao audit report"), kReportStyle, kScript);
  h += fmt::format("<h1>{}</h1>", w("训考 xunkao 安全培训与考试审查报告", "xunkao: safety training and exam audit"));
  return h;
}

// The run (id, times, archive, files) and its findings by status.
std::string RunSection(const ReportPage& page) {
  const ReportData& data = page.data;
  const Words& w = page.w;
  int count_new = 0, count_persisting = 0, count_resolved = 0;
  for (const auto& s : data.findings) {
    if (s.status == store::FindingStatus::kNew) ++count_new;
    if (s.status == store::FindingStatus::kPersisting) ++count_persisting;
    if (s.status == store::FindingStatus::kResolved) ++count_resolved;
  }
  std::string h;
  h += fmt::format("<p class=\"meta\">{} {} · {} {} – {} · {} <code>{}</code> · {} {} / {} {} · xunkao {}</p>",
                   w("运行", "run"), data.run.id, w("时间", "time"), HtmlEscape(data.run.started),
                   HtmlEscape(data.run.finished), w("档案", "archive"), HtmlEscape(data.run.archive),
                   w("录像文件", "recordings"), data.run.files_scanned, w("本次新分析", "analysed now"),
                   data.run.files_analysed, kVersion);
  h += fmt::format(
      "<p><b>{}</b>：{} <span class=\"st-new\">{}</span> · {} {} · {} <span class=\"st-resolved\">{}</span></p>",
      w("本次结果", "This run"), w("新发现", "new"), count_new, w("持续存在", "persisting"), count_persisting,
      w("不再发现", "no longer found since the last run"), count_resolved);
  return h;
}

// 1. The open findings counted per institution and rule.
std::string OpenFindingsTable(const ReportPage& page) {
  const ReportData& data = page.data;
  const Words& w = page.w;
  std::map<std::string, std::map<std::string, int>> by_institution_rule;
  for (const auto& s : data.findings) {
    if (s.status != store::FindingStatus::kResolved) by_institution_rule[s.finding.institution][s.finding.rule]++;
  }
  std::string h;
  h += fmt::format("<h2>{}</h2><div class=\"wrap\"><table><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr>",
                   w("一、按机构和规则汇总（未整改）", "1. Open findings by institution and rule"),
                   w("机构", "institution"), w("规则", "rule"), w("数量", "count"));
  if (by_institution_rule.empty()) {
    h += fmt::format("<tr><td colspan=3>{}</td></tr>", w("没有发现问题", "no findings"));
  }
  for (const auto& [institution, per_rule] : by_institution_rule) {
    for (const auto& [rule, count] : per_rule) {
      const RuleRow* info = FindRule(rule);
      h +=
          fmt::format("<tr><td>{}</td><td>{} {}</td><td class=\"num\">{}</td></tr>", page.InstitutionLabel(institution),
                      HtmlEscape(rule), info ? (data.chinese ? info->finds_zh : info->finds_en) : "", count);
    }
  }
  h += "</table></div>";
  return h;
}

// 2. Which institutions were audited and drawn in each half-year of the inspection year, and
// where their findings stand in the enforcement loop (none: no section).
std::string InspectionSection(const ReportPage& page) {
  const ReportData& data = page.data;
  const Words& w = page.w;
  if (data.inspections.empty()) return "";
  std::string h;
  h += fmt::format(
      "<h2>{} {}</h2><div class=\"wrap\"><table><tr><th>{}</th><th>H1</th><th>H2</th><th>{}</th><th>{}</th></tr>",
      w("二、半年度检查覆盖", "2. Inspections by half-year"), data.inspection_year, w("机构", "institution"),
      w("未整改问题（严重/一般/轻微）", "open findings (high/medium/low)"),
      w("整改闭环（交办、整改、复查、逾期）", "enforcement loop (handed over, rectified, re-checked, overdue)"));
  auto cell = [&](const InspectionCell& c) {
    std::string text = c.audited
                           ? fmt::format("✔ {} {}{}", c.runs, w("次审查", "run(s)"),
                                         c.packets ? fmt::format("，{} {}", c.packets, w("份证据包", "packet(s)")) : "")
                           : std::string("<span class=\"short\">") + w("未审查", "not audited") + "</span>";
    for (const auto& visit : c.draws) {
      std::string names;
      for (const auto& name : visit.inspectors) names += (names.empty() ? "" : "、") + HtmlEscape(name);
      text += fmt::format("<br>{} #{}：{}", w("双随机抽中", "drawn"), visit.draw_id, names);
    }
    return text;
  };
  for (const auto& row : data.inspections) {
    std::string loop = HtmlEscape(LoopSummaryZh(row.loop));
    if (row.loop.overdue > 0) loop = "<span class=\"short\">" + loop + "</span>";
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{} / {} / {}</td><td>{}</td></tr>",
                     page.InstitutionLabel(row.institution), cell(row.h1), cell(row.h2), row.open_high, row.open_medium,
                     row.open_low, loop.empty() ? "—" : loop);
  }
  h += "</table></div>";
  return h;
}

// The filter bar: one select per key, each listing the values the findings have.
std::string FindingFilters(const ReportPage& page) {
  const ReportData& data = page.data;
  const Words& w = page.w;
  std::set<std::string> institutions, rules, severities, statuses;
  for (const auto& s : data.findings) {
    institutions.insert(s.finding.institution);
    rules.insert(s.finding.rule);
    severities.insert(SeverityName(s.finding.severity));
    statuses.insert(store::FindingStatusName(s.status));
  }
  return "<div class=\"filters\">" + Select("institution", w("机构", "institution"), institutions, w) +
         Select("rule", w("规则", "rule"), rules, w) + Select("severity", w("严重程度", "severity"), severities, w) +
         Select("status", w("状态", "status"), statuses, w) +
         fmt::format("<span>{} <b id=\"shown-count\">{}</b></span></div>", w("显示", "shown"), data.findings.size());
}

// Where a finding stands in the enforcement loop: its state, the deadline, overdue or not.
std::string LoopLine(const ReportPage& page, const CaseSummary& loop) {
  const Words& w = page.w;
  std::string text = fmt::format("{}：{}", w("整改闭环", "enforcement loop"),
                                 page.data.chinese ? CaseStateZh(loop.state) : CaseStateName(loop.state));
  if (loop.deadline) text += fmt::format(" · {} {}", w("整改期限", "deadline"), FormatDate(*loop.deadline));
  if (loop.rechecked_on) text += fmt::format(" · {} {}", w("复查", "re-checked"), FormatDate(*loop.rechecked_on));
  if (loop.overdue) {
    return fmt::format("<div class=\"meta short\">{} · {}</div>", HtmlEscape(text),
                       HtmlEscape(page.data.chinese ? loop.overdue_zh : loop.overdue_en));
  }
  return fmt::format("<div class=\"meta\">{}</div>", HtmlEscape(text));
}

// One finding: severity, rule, status, summary, numbers, people, basis and where the evidence is.
std::string FindingEntry(const ReportPage& page, const store::StoredFinding& s) {
  const ReportData& data = page.data;
  const Words& w = page.w;
  const Finding& f = s.finding;
  const char* severity = SeverityName(f.severity);
  std::string h;
  h += fmt::format(
      "<div class=\"finding {} {}\" data-institution=\"{}\" data-rule=\"{}\" data-severity=\"{}\" "
      "data-status=\"{}\" id=\"f-{}\">",
      severity, s.status == store::FindingStatus::kResolved ? "resolved" : "", HtmlEscape(f.institution),
      HtmlEscape(f.rule), severity, store::FindingStatusName(s.status), HtmlEscape(s.id));
  h += fmt::format(
      "<div><span class=\"sev-{}\">{}</span> <b>{}</b> <span class=\"st-{}\">{}</span> "
      "<span class=\"meta\">#{}</span></div>",
      severity, SeverityLabel(f.severity, w), HtmlEscape(f.rule), store::FindingStatusName(s.status),
      StatusLabel(s.status, w), HtmlEscape(s.id));
  h += fmt::format("<p>{}</p>", HtmlEscape(data.chinese ? f.summary_zh : f.summary_en));
  if (auto loop = data.cases.find(s.id); loop != data.cases.end()) h += LoopLine(page, loop->second);
  if (f.cause) {
    h += fmt::format("<div class=\"meta\">{} <a href=\"#f-{}\">#{}</a></div>", w("起因：问题", "Follows from finding"),
                     HtmlEscape(*f.cause), HtmlEscape(*f.cause));
  }
  std::string numbers;
  if (f.required) numbers += fmt::format("{} {:g} {} · ", w("要求", "required"), *f.required, HtmlEscape(f.unit));
  if (f.measured) numbers += fmt::format("{} {:g} {} · ", w("实测", "measured"), *f.measured, HtmlEscape(f.unit));
  if (f.start) numbers += FormatLocal(*f.start, data.zone);
  if (f.end) numbers += " – " + FormatLocal(*f.end, data.zone);
  if (!numbers.empty()) h += "<div class=\"meta\">" + numbers + "</div>";
  if (!f.people.empty())
    h += fmt::format("<div class=\"meta\">{}：{}</div>", w("涉及人员", "people"), PeopleLinks(page, f));
  h += fmt::format("<div class=\"meta\">{}：{}</div>", w("依据", "basis"), HtmlEscape(f.basis));
  if (!f.rows.empty() || !f.evidence.empty()) {
    std::string where;
    size_t shown = 0;
    for (const auto& r : f.rows) {
      if (shown++ == 12) {
        where += fmt::format(" … {} {}", f.rows.size(), w("行", "rows"));
        break;
      }
      where += fmt::format("<code>{}:{}</code> ", HtmlEscape(r.file), r.line);
    }
    for (const auto& e : f.evidence)
      where += fmt::format("<code>{}</code>（{}） ", HtmlEscape(e.path), HtmlEscape(e.what));
    h += fmt::format("<div class=\"meta\">{}：{}</div>", w("证据位置", "evidence"), where);
  }
  h += "</div>";
  return h;
}

// 3. Every finding, under a heading per institution, with the filter bar.
std::string FindingsSection(const ReportPage& page) {
  const Words& w = page.w;
  std::string h;
  h += fmt::format("<h2>{}</h2>", w("三、问题清单（按机构分组，可作为下次检查的工作清单）",
                                    "3. Findings, per institution (the worklist for the next inspection)"));
  h += FindingFilters(page);
  // Causes first: a knock-on whose cause is listed too is shown under it, folded.
  std::set<std::string> listed;
  for (const auto& s : page.data.findings) listed.insert(s.id);
  std::map<std::string, std::vector<const store::StoredFinding*>> knock_ons;  // cause id -> knock-ons
  for (const auto& s : page.data.findings) {
    if (s.finding.cause && listed.count(*s.finding.cause)) knock_ons[*s.finding.cause].push_back(&s);
  }
  std::string current_institution;
  for (const auto& s : page.data.findings) {
    if (s.finding.cause && listed.count(*s.finding.cause)) continue;
    if (s.finding.institution != current_institution) {
      current_institution = s.finding.institution;
      h += fmt::format("<h3>{}</h3>", page.InstitutionLabel(current_institution));
    }
    h += FindingEntry(page, s);
    auto following = knock_ons.find(s.id);
    if (following == knock_ons.end()) continue;
    h += fmt::format("<details class=\"knock-ons\"><summary>{} {} {}</summary>",
                     w("由此引起的问题", "Following from it:"), following->second.size(),
                     w("个（随上一问题一并处理）", "finding(s), dealt with by the one above"));
    for (const store::StoredFinding* knock_on : following->second) h += FindingEntry(page, *knock_on);
    h += "</details>";
  }
  return h;
}

// 5. The coverage timeline of each exam session, as inline PNG (no sessions: no section).
std::string TimelineSection(const ReportPage& page) {
  const Words& w = page.w;
  if (page.data.timelines.empty()) return "";
  std::string h;
  h += fmt::format("<h2>{}</h2><p class=\"meta\">{}</p>",
                   w("五、考试场次录像覆盖时间轴", "5. Recording coverage of exam sessions"),
                   w("绿色：有录像；红色：中断；紫色：文件无法读取；黑色：黑屏；蓝色：画面冻结；橙色：重复录像。竖线"
                     "为场次开始和结束。",
                     "green: recorded; red: gap; purple: unreadable; black: black picture; blue: frozen; orange: "
                     "replayed. Vertical lines mark the session's start and end."));
  for (const auto& t : page.data.timelines) {
    h += fmt::format("<h3>{}</h3><img class=\"timeline\" alt=\"{}\" src=\"data:image/png;base64,{}\">",
                     HtmlEscape(t.title), HtmlEscape(t.title), Base64(t.png));
  }
  return h;
}

// 6. The hours of each class: required, declared, backed by the timetable, credited; short ones marked.
std::string ClassHoursSection(const ReportPage& page) {
  const Words& w = page.w;
  std::string h;
  h += fmt::format(
      "<h2>{}</h2><div class=\"wrap\"><table><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th>"
      "<th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
      "<th class=\"num\">{}</th></tr>",
      w("六、培训班学时", "6. Hours of each class"), w("机构", "institution"), w("班级", "class"),
      w("大纲要求", "required"), w("申报", "declared"), w("课程表支持", "backed"), w("计入", "credited"),
      w("实操", "practical"), w("模拟考试", "mock exam"));
  for (const auto& c : page.data.class_hours) {
    bool short_hours = c.required_hours && c.credited_hours + 1e-9 < *c.required_hours;
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        page.InstitutionLabel(c.institution), HtmlEscape(c.class_id),
        c.required_hours ? FormatHours(*c.required_hours) : w("无大纲条目", "no syllabus row"), Opt(c.declared_hours),
        FormatHours(c.backed_hours), short_hours ? " short" : "", FormatHours(c.credited_hours),
        FormatHours(c.practical_hours), FormatHours(c.mock_hours));
  }
  h += "</table></div>";
  return h;
}

// 8. What could not be read from the archive, by file, line and column.
std::string LoadIssuesSection(const ReportPage& page) {
  const ReportData& data = page.data;
  const Words& w = page.w;
  std::string h;
  h += fmt::format("<h2>{}（{}）</h2>", w("八、档案读取问题", "8. Problems reading the archive"), data.issues.size());
  if (!data.issues.empty()) {
    h += fmt::format("<div class=\"wrap\"><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                     w("文件", "file"), w("行", "line"), w("列", "column"), w("问题", "problem"));
    for (const auto& i : data.issues) {
      h += fmt::format("<tr><td><code>{}</code></td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                       HtmlEscape(i.file), i.line ? std::to_string(i.line) : "—", HtmlEscape(i.column),
                       HtmlEscape(data.chinese ? i.message_zh : i.message_en));
    }
    h += "</table></div>";
  }
  return h;
}

}  // namespace

std::string Base64(std::string_view bytes) {
  static const char kTable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += {kTable[v >> 18], kTable[(v >> 12) & 63], kTable[(v >> 6) & 63], kTable[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += {kTable[v >> 18], kTable[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += {kTable[v >> 18], kTable[(v >> 12) & 63], kTable[(v >> 6) & 63], '='};
  }
  return out;
}

std::string RenderHtmlReport(const ReportData& data) {
  const ReportPage page(data);
  return PageStart(page.w) + RunSection(page) + OpenFindingsTable(page) + InspectionSection(page) +
         FindingsSection(page) + KindsSection(page) + TimelineSection(page) + ClassHoursSection(page) +
         PeopleSection(page) + LoadIssuesSection(page) + "</body></html>\n";
}

}  // namespace xk
