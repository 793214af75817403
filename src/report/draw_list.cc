#include "src/report/draw_list.h"

#include <fmt/format.h>

#include <map>

#include "records/text_escape.h"
#include "src/report/print_style.h"
#include "version.h"

namespace xk {

namespace {

constexpr const char* kDrawListStyle = R"(
h1 { font-size: 17pt; margin: 0 0 8pt; text-align: center; }
h2 { font-size: 13pt; border-bottom: 1.5px solid #444; padding-bottom: 2pt; margin: 14pt 0 6pt; }
table.fields th { width: 22%; }
tr { break-inside: avoid; page-break-inside: avoid; }
.pool { break-before: page; page-break-before: always; }
code, .hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; overflow-wrap: anywhere; }
.target { font-weight: bold; }
.muted { color: #666; }
)";

std::string Esc(std::string_view text) { return HtmlEscape(text); }

const char* KindName(InstitutionKind kind) { return kind == InstitutionKind::kExam ? "考试点" : "培训机构"; }

using InstitutionsByCode = std::map<std::string, const Institution*>;

InstitutionsByCode ByCode(const std::vector<Institution>& institutions) {
  InstitutionsByCode out;
  for (const auto& institution : institutions) out[institution.code] = &institution;
  return out;
}

// The institution of `code`, or nullptr (every target comes from institutions.csv, but the list
// must not depend on it).
const Institution* Find(const InstitutionsByCode& by_code, const std::string& code) {
  auto it = by_code.find(code);
  return it == by_code.end() ? nullptr : it->second;
}

// A line of the public list: a target in the order drawn, its position (from 1) and its row of
// institutions.csv (nullptr when the list no longer has the code).
struct ListedTarget {
  int position;
  const store::DrawTargetRow* target;
  const Institution* institution;
};

std::vector<ListedTarget> ListedTargets(const store::DrawRecord& draw, const InstitutionsByCode& by_code) {
  std::vector<ListedTarget> out;
  for (const auto& target : draw.targets) {
    out.push_back({static_cast<int>(out.size()) + 1, &target, Find(by_code, target.institution)});
  }
  return out;
}

std::string Selection(const store::DrawTargetRow& target) {
  return target.selection == "priority" ? "重点检查对象：" + target.reason : std::string("随机抽取");
}

const char* StatusName(PoolStatus status) {
  switch (status) {
    case PoolStatus::kPriority:
      return "重点检查对象（必查）";
    case PoolStatus::kDrawn:
      return "抽中";
    case PoolStatus::kNotDrawn:
      return "未抽中";
    case PoolStatus::kChecked:
      return "本期已被抽查，不参加";
  }
  return "";
}

}  // namespace

std::string DrawListHtml(const store::DrawRecord& draw, const DrawResult& result,
                         const std::vector<Institution>& institutions) {
  const auto by_code = ByCode(institutions);
  auto name_of = [&](const std::string& code) {
    const Institution* institution = Find(by_code, code);
    return institution ? institution->name : std::string();
  };
  int priority = 0;
  for (const auto& target : draw.targets) priority += target.selection == "priority" ? 1 : 0;

  std::string html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += fmt::format("<title>{} 双随机抽查对象公示（抽取 {}）</title>\n<style>{}{}</style>\n</head>\n<body>\n",
                      Esc(draw.period), draw.id, kA4PrintStyle, kDrawListStyle);
  html += fmt::format("<h1>{} 安全培训机构、考试点“双随机”抽查对象公示</h1>\n", Esc(draw.period));
  html += "<table class=\"fields\">\n";
  auto field = [&](const char* label, const std::string& value_html) {
    html += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", label, value_html);
  };
  field("抽取编号", std::to_string(draw.id));
  field("抽取时间", Esc(draw.created));
  field("随机种子", "<code>" + Esc(draw.seed) + "</code>");
  field("抽取比例", fmt::format("{}：随机抽取 {} 个（名录 {} 个机构 × {}，向上取整，且不少于 {} 个）", Esc(draw.ratio),
                                result.drawn, draw.pool_size, Esc(draw.ratio), draw.min_targets));
  field("抽查对象", fmt::format("共 {} 个：随机抽取 {} 个，重点检查对象 {} 个", draw.targets.size(),
                                draw.targets.size() - static_cast<size_t>(priority), priority));
  field("抽取池哈希", "<code>" + Esc(draw.pool_sha256) + "</code>");
  html += "</table>\n";

  html +=
      "<h2>一、抽查对象及检查人员</h2>\n<table>\n<tr><th>序号</th><th>机构编码</th><th>机构名称</th><th>类型</th>"
      "<th>县市区</th><th>入选方式</th><th>检查人员（所属单位，执法证号）</th></tr>\n";
  for (const auto& [position, target, institution] : ListedTargets(draw, by_code)) {
    std::string people;
    for (const auto& inspector : target->inspectors) {
      people += fmt::format("{}{}（{}，{}）", people.empty() ? "" : "<br>", Esc(inspector.name), Esc(inspector.unit),
                            Esc(inspector.cert_no));
    }
    html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        position, Esc(target->institution), Esc(name_of(target->institution)),
                        institution ? KindName(institution->kind) : "", institution ? Esc(institution->county) : "",
                        Esc(Selection(*target)), people);
  }
  html += "</table>\n";

  html += R"(<h2>二、抽取方法（任何人可用 SHA-256 工具或几行程序复核）</h2>
<ol>
<li>对名录中的每个机构，计算文本“随机种子|机构编码”（UTF-8 编码，中间为竖线）的 SHA-256 值，写成小写十六进制，按从小到大排序（见第三部分）。</li>
<li>重点检查对象（列入重点检查对象名单的，或有未整改的严重问题的）全部列入，不占随机抽取名额；本半年已被此前的抽取抽中的机构不参加。</li>
<li>其余机构按上述排序取前 K 个，K = 名录机构数 × 抽取比例，向上取整，且不少于规定的最少数。</li>
<li>检查人员：按公示顺序逐个对象，从在岗且无需回避该机构的检查人员中，选本次已分配对象最少的两人；分配数相同时，按文本“随机种子|机构编码|检查人员身份证号”的 SHA-256 值从小到大选取。</li>
</ol>
<p>抽取池哈希是机构名录、本期已抽查机构、重点检查对象和检查人员名录的规范文本的 SHA-256 值（规范文本的写法见 xunkao 说明文档“Random draw”一节）；以
<code>xunkao draw --verify 抽取编号</code> 可按存档的种子和当前名录重算并逐项比对。</p>
)";

  html +=
      "<div class=\"pool\">\n<h2>三、名录机构的排序值</h2>\n<table>\n<tr><th>顺序</th><th>机构编码</th>"
      "<th>机构名称</th><th>SHA-256(随机种子|机构编码)</th><th>结果</th></tr>\n";
  int order = 0;
  for (const auto& ranked : result.ranking) {
    const bool target = ranked.status == PoolStatus::kPriority || ranked.status == PoolStatus::kDrawn;
    std::string status = StatusName(ranked.status);
    if (ranked.eligible_rank > 0) status += fmt::format("（参加抽取的第 {} 位）", ranked.eligible_rank);
    html +=
        fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"hash\">{}</td><td>{}</td></tr>\n",
                    target ? "target" : "muted", ++order, Esc(ranked.code), Esc(name_of(ranked.code)),
                    Esc(ranked.rank_sha256), Esc(status));
  }
  html += "</table>\n</div>\n";
  html += fmt::format("<p class=\"muted\">由 xunkao {} 生成。</p>\n</body>\n</html>\n", kVersion);
  return html;
}

std::string DrawListCsv(const store::DrawRecord& draw, const std::vector<Institution>& institutions) {
  const auto by_code = ByCode(institutions);
  std::string out = "\xEF\xBB\xBF";
  out +=
      "draw_id,period,seed,position,institution,name,kind,county,selection,reason,rank_sha256,"
      "inspector1_name,inspector1_unit,inspector1_cert_no,inspector2_name,inspector2_unit,inspector2_cert_no\n";
  for (const auto& [position, target, institution] : ListedTargets(draw, by_code)) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}", draw.id, CsvEscape(draw.period), CsvTextCell(draw.seed),
                       position, CsvTextCell(target->institution), CsvTextCell(institution ? institution->name : ""),
                       institution ? (institution->kind == InstitutionKind::kExam ? "exam" : "training") : "",
                       CsvTextCell(institution ? institution->county : ""), CsvEscape(target->selection),
                       CsvTextCell(target->reason), CsvEscape(target->rank_sha256));
    for (size_t slot = 0; slot < 2; ++slot) {
      const bool has = slot < target->inspectors.size();
      out += "," + CsvTextCell(has ? target->inspectors[slot].name : "");
      out += "," + CsvTextCell(has ? target->inspectors[slot].unit : "");
      out += "," + CsvTextCell(has ? target->inspectors[slot].cert_no : "");
    }
    out += "\n";
  }
  return out;
}

}  // namespace xk
