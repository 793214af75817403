#include "src/report/person_section.h"

#include <fmt/format.h>

#include <iterator>

#include "detectors/hours_math.h"
#include "records/enum_names.h"

namespace xk {
namespace {

std::string WhereCode(const SourceRef& source) {
  return fmt::format("<code>{}:{}</code>", HtmlEscape(source.file.str()), source.line);
}

std::string ClassesTable(const ReportPage& page, const PersonChain& chain) {
  const Words& w = page.w;
  if (chain.classes.empty()) return fmt::format("<p class=\"meta\">{}</p>", w("没有培训记录", "no training record"));
  std::string h = fmt::format(
      "<table><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr>",
      w("机构 班级", "institution, class"), w("培训", "training"), w("结业", "completed"), w("要求学时", "required"),
      w("签到学时", "attended"), w("课次签到学时", "hours per session"));
  for (const PersonClass& c : chain.classes) {
    std::string training = "—";
    if (const TrainingClass* tc = c.training_class) {
      training = fmt::format("{} {} {}–{}", ChineseName(tc->category), HtmlEscape(tc->job_type),
                             FormatDate(tc->start_date), FormatDate(tc->end_date));
    }
    std::string sessions;
    for (const PersonSession& s : c.sessions) {
      sessions += fmt::format("{}{} {}", sessions.empty() ? "" : " · ", HtmlEscape(s.session_id),
                              s.sign_ins.empty() ? w("未签到", "absent") : FormatHours(s.attended_hours));
    }
    const bool short_hours = c.required_hours && c.attended_hours + 1e-9 < *c.required_hours;
    h += fmt::format(
        "<tr><td>{} {}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num{}\">{}</td><td>{}</td></tr>",
        page.InstitutionLabel(c.institution), HtmlEscape(c.class_id), training,
        c.roster_row ? (c.roster_row->completed ? w("是", "yes") : w("否", "no")) : w("不在花名册", "not on roster"),
        c.required_hours ? FormatHours(*c.required_hours) : "—", short_hours ? " short" : "",
        FormatHours(c.attended_hours), sessions);
  }
  return h + "</table>";
}

std::string ExamsTable(const ReportPage& page, const PersonChain& chain) {
  const Words& w = page.w;
  if (chain.exams.empty()) return fmt::format("<p class=\"meta\">{}</p>", w("没有考试记录", "no exam record"));
  std::string h = fmt::format("<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                              w("考试点 场次", "centre, session"), w("时间", "time"), w("次数", "attempt"),
                              w("成绩", "result"), w("培训机构 班级", "trained at"), w("记录", "row"));
  for (const PersonExam& e : chain.exams) {
    const Candidate& c = *e.candidate;
    std::string result = HtmlEscape(c.score_text);
    if (c.passed) result += std::string(" ") + (*c.passed ? w("合格", "pass") : w("不合格", "fail"));
    h +=
        fmt::format("<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td></tr>",
                    page.InstitutionLabel(c.institution), HtmlEscape(c.session_id),
                    e.start ? FormatLocal(*e.start, page.data.zone) : "—", c.attempt ? std::to_string(*c.attempt) : "—",
                    result, HtmlEscape(c.training_institution), HtmlEscape(c.class_id), WhereCode(c.source));
  }
  return h + "</table>";
}

std::string CertificatesTable(const ReportPage& page, const PersonChain& chain) {
  const Words& w = page.w;
  if (chain.certificates.empty()) return fmt::format("<p class=\"meta\">{}</p>", w("没有证书", "no certificate"));
  std::string h = fmt::format("<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                              w("证书编号", "certificate"), w("类型", "kind"), w("发证", "issued"),
                              w("最近复审", "last review"), w("状态", "status"), w("记录", "row"));
  for (const Certificate* c : chain.certificates) {
    h += fmt::format("<tr><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                     HtmlEscape(c->cert_no), ChineseName(c->kind), HtmlEscape(c->job_type), FormatDate(c->issue_date),
                     c->last_review ? FormatDate(*c->last_review) : "—", ChineseName(c->status), WhereCode(c->source));
  }
  return h + "</table>";
}

}  // namespace

std::set<std::string> ReportedPeople(const std::vector<store::StoredFinding>& findings, size_t* named) {
  std::set<std::string> keys;
  for (const auto& s : findings) {
    if (s.status == store::FindingStatus::kResolved) continue;
    if (s.finding.trainee_id) keys.insert(PersonKey(*s.finding.trainee_id));
    for (const std::string& person : s.finding.people) keys.insert(PersonKey(person));
  }
  *named = keys.size();
  while (keys.size() > kReportedPeople) keys.erase(std::prev(keys.end()));
  return keys;
}

std::string PersonAnchor(const std::string& key) {
  static const char kHex[] = "0123456789abcdef";
  std::string anchor = "p-";
  for (unsigned char byte : key) anchor += {kHex[byte >> 4], kHex[byte & 15]};
  return anchor;
}

std::string PeopleLinks(const ReportPage& page, const Finding& finding) {
  std::string links;
  for (const std::string& person : finding.people) {
    if (!links.empty()) links += "、";
    const std::string key = PersonKey(person);
    if (page.data.people.count(key)) {
      links += fmt::format("<a href=\"#{}\">{}</a>", PersonAnchor(key), HtmlEscape(person));
    } else {
      links += HtmlEscape(person);
    }
  }
  return links;
}

std::string PeopleSection(const ReportPage& page) {
  const Words& w = page.w;
  const ReportData& data = page.data;
  if (data.people.empty()) return "";
  return fmt::format(
             "<h2>{}（{}）</h2><p class=\"meta\">{}</p>",
             w("七、人员链条：问题涉及的人员", "7. The people findings name"), data.people.size(),
             w("每人从培训班到考试到证书；命令 <code>xunkao person 身份证号</code> 给出同样的内容及每次签到。",
               "each from class to exam to certificate; <code>xunkao person ID</code> prints the same with every "
               "sign-in.")) +
         PersonChains(page, /*unfolded=*/false);
}

std::string PersonChains(const ReportPage& page, bool unfolded) {
  const Words& w = page.w;
  const ReportData& data = page.data;
  std::string h;
  for (const auto& [key, chain] : data.people) {
    h += fmt::format("<details class=\"person\" id=\"{}\"{}><summary><b>{}</b> {} · {} {} · {} {} · {} {}</summary>",
                     PersonAnchor(key), unfolded ? " open" : "", HtmlEscape(key), HtmlEscape(chain.name),
                     w("培训班", "classes"), chain.classes.size(), w("考试", "exams"), chain.exams.size(),
                     w("证书", "certificates"), chain.certificates.size());
    h += fmt::format("<div class=\"wrap\">{}{}{}</div></details>", ClassesTable(page, chain), ExamsTable(page, chain),
                     CertificatesTable(page, chain));
  }
  if (data.people_named > data.people.size()) {
    h += fmt::format("<p class=\"meta\">{} {} {}</p>", w("另有", "another"), data.people_named - data.people.size(),
                     w("人未列出，请用 xunkao person 查看。", "people are not listed here: use xunkao person."));
  }
  // A link to a person opens their (folded) entry.
  h += "<script>function openPerson(){var t=location.hash&&document.getElementById(location.hash.slice(1));"
       "if(t&&t.tagName==='DETAILS')t.open=true;}window.addEventListener('hashchange',openPerson);"
       "document.addEventListener('DOMContentLoaded',openPerson);</script>";
  return h;
}

}  // namespace xk
