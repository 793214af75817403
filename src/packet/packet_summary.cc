#include "src/packet/packet_summary.h"

#include <fmt/format.h>

#include "detectors/rule_table.h"
#include "records/half_year.h"
#include "records/text_escape.h"
#include "src/packet/safe_path.h"
#include "src/report/print_style.h"

namespace xk {

namespace {

constexpr const char* kSummaryStyle = R"(
h1 { font-size: 18pt; margin: 0 0 8pt; }
h2 { font-size: 13.5pt; border-bottom: 1.5px solid #444; padding-bottom: 2pt; margin: 14pt 0 6pt; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
table.fields th { width: 20%; }
tr, figure, li { break-inside: avoid; page-break-inside: avoid; }
.finding, .sources { break-before: page; page-break-before: always; }
.summary { font-size: 11pt; padding: 4pt 6pt; background: #f6f6f6; border-left: 3pt solid #888; }
.high { color: #b00000; font-weight: bold; } .medium { color: #a05a00; font-weight: bold; } .low { color: #333; }
figure { margin: 6pt 0; } figure img { max-width: 100%; max-height: 110mm; border: 1px solid #ccc; }
figcaption { font-size: 9pt; color: #444; }
code, .hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
.note { color: #a05a00; }
@media print { a { color: inherit; text-decoration: none; } }
)";

std::string E(std::string_view text) { return HtmlEscape(text); }

std::string Number(double value) { return fmt::format("{:g}", value); }

// "12 秒", "48 学时".
std::string Quantity(double value, const std::string& unit) {
  return Number(value) + " " + (unit == "s" ? std::string("秒") : unit);
}

std::string RuleTitle(const std::string& code) {
  const RuleRow* rule = FindRule(code);
  return rule == nullptr ? code : code + " " + rule->finds_zh;
}

// A link to a packet file (relative to summary.html, which sits in data/ too).
std::string Link(const std::string& path, const std::string& text) {
  return fmt::format("<a href=\"{}\">{}</a>", E(path), E(text));
}

void FieldRow(std::string* html, const char* label, const std::string& value_html) {
  if (value_html.empty()) return;
  *html += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", label, value_html);
}

void OptionalField(std::string* html, const char* label, const std::optional<std::string>& value) {
  if (value && !value->empty()) FieldRow(html, label, E(*value));
}

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

void RenderFinding(std::string* html, size_t number, const PacketFinding& item, const TimeZone& zone) {
  const Finding& f = item.stored.finding;
  const char* severity_class = SeverityName(f.severity);
  *html += fmt::format("<section class=\"finding\" id=\"f-{}\">\n<h2>问题 {}：{}</h2>\n", E(item.stored.id), number,
                       E(RuleTitle(f.rule)));
  *html += fmt::format("<p class=\"summary\">{}</p>\n", E(f.summary_zh));
  *html += "<table class=\"fields\">\n";
  FieldRow(html, "问题编号", "<code>" + E(item.stored.id) + "</code>");
  FieldRow(html, "规则", E(f.rule));
  FieldRow(html, "严重程度", fmt::format("<span class=\"{}\">{}</span>", severity_class, SeverityZh(f.severity)));
  FieldRow(html, "状态",
           item.stored.resolved_run ? fmt::format("不再发现（第 {} 次审计起）", *item.stored.resolved_run)
                                    : std::string("仍存在"));
  FieldRow(html, "机构", E(f.institution));
  if (f.class_ids.size() > 1) {
    FieldRow(html, "班级", E(Join(f.class_ids, "、")));
  } else {
    OptionalField(html, "班级", f.class_id);
  }
  if (f.session_ids.size() > 1) {
    FieldRow(html, "场次", E(Join(f.session_ids, "、")));
  } else {
    OptionalField(html, "场次", f.session_id);
  }
  OptionalField(html, "学员", f.trainee_id);
  OptionalField(html, "教师", f.teacher_id);
  OptionalField(html, "考场", f.room);
  OptionalField(html, "摄像机", f.camera);
  if (f.file) FieldRow(html, "文件", "<code>" + E(*f.file) + "</code>");
  if (f.start || f.end) {
    std::string when = f.start ? FormatLocal(*f.start, zone) : std::string("?");
    if (f.end) when += " 至 " + FormatLocal(*f.end, zone);
    FieldRow(html, "时间", E(when) + fmt::format("（{}）", E(zone.name)));
  }
  if (f.required) FieldRow(html, "要求", E(Quantity(*f.required, f.unit)));
  if (f.measured) FieldRow(html, "实测", E(Quantity(*f.measured, f.unit)));
  if (!f.people.empty()) {
    std::vector<std::string> people;
    for (const auto& person : f.people) people.push_back(E(person));
    FieldRow(html, "涉及人员", Join(people, "、"));
  }
  if (f.cause) {
    FieldRow(html, "起因", fmt::format("由问题 <a href=\"#f-{0}\"><code>{0}</code></a> 引起", E(*f.cause)));
  }
  FieldRow(html, "依据", E(f.basis));
  FieldRow(html, "发现于",
           fmt::format("第 {} 次审计首次发现，第 {} 次审计最近一次发现", item.stored.first_run, item.stored.last_run));
  *html += "</table>\n";

  if (!f.rows.empty()) {
    *html += "<h3>涉及的记录行</h3>\n<ul>\n";
    for (const auto& row : f.rows) *html += fmt::format("<li><code>{}:{}</code></li>\n", E(row.file), row.line);
    *html += "</ul>\n";
    if (!item.excerpts.empty()) {
      std::vector<std::string> links;
      for (const auto& excerpt : item.excerpts)
        links.push_back(Link(excerpt.path, excerpt.path) + "（" + E(excerpt.what) + "）");
      *html += "<p>原始记录摘录（表头与所引各行，字节与原文件一致）：" + Join(links, "；") + "</p>\n";
    }
  }
  if (!item.stills.empty()) {
    *html += "<h3>录像截图</h3>\n";
    for (const auto& still : item.stills) {
      *html += fmt::format("<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}（{}）</figcaption></figure>\n",
                           E(still.path), E(still.what), E(still.what), E(still.path));
    }
  }
  if (!item.clips.empty()) {
    *html += "<h3>录像片段（原始码流直接截取，未重新编码）</h3>\n<ul>\n";
    for (const auto& clip : item.clips) *html += "<li>" + Link(clip.path, clip.path) + "：" + E(clip.what) + "</li>\n";
    *html += "</ul>\n";
  }
  if (!item.timelines.empty()) {
    *html += "<h3>录像覆盖时间轴</h3>\n";
    for (const auto& timeline : item.timelines) {
      *html += fmt::format(
          "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}。绿色：有录像；红色：无录像；紫色：文件无法读取；"
          "黑色/蓝色/橙色：黑屏/冻结/重复画面。</figcaption></figure>\n",
          E(timeline.path), E(timeline.what), E(timeline.what));
    }
  }
  if (!f.evidence.empty()) {
    *html += "<h3>证据清单</h3>\n<table>\n<tr><th>文件</th><th>说明</th><th>SHA-256</th></tr>\n";
    for (const auto& evidence : f.evidence) {
      *html += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td class=\"hash\">{}</td></tr>\n", E(evidence.path),
                           E(evidence.what), E(evidence.sha256.empty() ? "-" : evidence.sha256));
    }
    *html += "</table>\n";
  }
  for (const auto& note : item.notes) *html += "<p class=\"note\">注意：" + E(note) + "</p>\n";
  *html += "</section>\n";
}

}  // namespace

std::string PeriodNameZh(const std::string& period) {
  if (auto half = HalfYear::Parse(period)) {
    return std::to_string(half->year) + (half->half == 1 ? "年上半年（1月至6月）" : "年下半年（7月至12月）");
  }
  return period;
}

std::string RenderPacketSummary(const PacketSummaryInput& input) {
  const std::string institution = input.institution ? *input.institution : std::string("（按问题编号选取）");
  const std::string period = input.period ? PeriodNameZh(*input.period) : std::string("全部未整改问题");
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += fmt::format("<title>证据包 {} {}</title>\n<style>{}{}</style>\n</head>\n<body>\n", E(institution), E(period),
                      kA4PrintStyle, kSummaryStyle);
  html += "<h1>训考审计证据包</h1>\n<table class=\"fields\">\n";
  FieldRow(&html, "机构", E(institution));
  FieldRow(&html, "期间", E(input.institution || input.period ? period : std::string("（按问题编号选取）")));
  int high = 0, medium = 0, low = 0;
  for (const auto& item : input.findings) {
    Severity severity = item.stored.finding.severity;
    (severity == Severity::kHigh ? high : severity == Severity::kMedium ? medium : low) += 1;
  }
  FieldRow(&html, "问题数量",
           fmt::format("{} 项（严重 {}，一般 {}，轻微 {}）", input.findings.size(), high, medium, low));
  FieldRow(&html, "生成工具", E("xunkao " + input.tool_version));
  html += "</table>\n";
  html +=
      "<p>本证据包为 BagIt 1.0 格式（RFC 8493）。data/ 下每个文件的 SHA-256 记录在 manifest-sha256.txt 中，"
      "可用 <code>xunkao verify</code> 或任何 BagIt 校验工具检查是否被改动。录像原文件未复制，其大小、修改时间和 "
      "SHA-256 见 sources.txt 与本文末尾的来源文件清单。</p>\n";

  html += "<h2>问题一览</h2>\n<table>\n<tr><th>序号</th><th>规则</th><th>严重程度</th><th>概述</th></tr>\n";
  for (size_t i = 0; i < input.findings.size(); ++i) {
    const auto& item = input.findings[i];
    const Finding& f = item.stored.finding;
    html += fmt::format("<tr><td><a href=\"#f-{}\">{}</a></td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n",
                        E(item.stored.id), i + 1, E(f.rule), SeverityName(f.severity), SeverityZh(f.severity),
                        E(f.summary_zh));
  }
  html += "</table>\n";
  for (size_t i = 0; i < input.findings.size(); ++i) RenderFinding(&html, i + 1, input.findings[i], input.zone);

  html +=
      "<section class=\"sources\">\n<h2>来源文件</h2>\n<table>\n"
      "<tr><th>文件</th><th>类型</th><th>大小（字节）</th><th>修改时间</th><th>SHA-256</th></tr>\n";
  for (const auto& source : input.sources) {
    const char* kind = source.kind == "video" ? "录像" : "记录";
    if (source.problem.empty()) {
      html += fmt::format(
          "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td class=\"hash\">{}</td></tr>\n",
          E(source.path), kind, source.size, E(source.mtime),
          E(source.sha256) + (source.note.empty() ? "" : "<br><span class=\"note\">" + E(source.note) + "</span>"));
    } else {
      html += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td colspan=\"3\" class=\"note\">{}</td></tr>\n",
                          E(source.path), kind, E(source.problem));
    }
  }
  html += "</table>\n</section>\n</body>\n</html>\n";
  return html;
}

std::string SourcesText(const std::vector<SourceFile>& sources) {
  std::string text = "path\tkind\tsize\tmtime\tsha256\tnote\n";
  for (const auto& source : sources) {
    const std::string path = PercentEncodeLineBreaks(source.path, true);
    if (source.problem.empty()) {
      text += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", path, source.kind, source.size, source.mtime, source.sha256,
                          PercentEncodeLineBreaks(source.note, true));
    } else {
      text += fmt::format("{}\t{}\t-\t-\t-\t{}\n", path, source.kind, PercentEncodeLineBreaks(source.problem, true));
    }
  }
  return text;
}

}  // namespace xk
