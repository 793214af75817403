#include "src/serve/findings_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

#include "records/text_escape.h"
#include "src/cycle/case_state.h"
#include "src/serve/case_forms.h"
#include "src/serve/case_states.h"
#include "src/serve/html_page.h"

namespace xk::serve {

namespace {

// The list's filters that go to the store as they are written (the form below names them).
constexpr std::array<std::pair<const char*, std::optional<std::string> store::FindingSearch::*>, 5> kSearchFilters = {{
    {"institution", &store::FindingSearch::institution},
    {"rule", &store::FindingSearch::rule},
    {"severity", &store::FindingSearch::severity},
    {"period", &store::FindingSearch::period},
    {"person", &store::FindingSearch::person},
}};

std::optional<std::string> NonEmpty(const std::map<std::string, std::string>& query, const std::string& key) {
  auto it = query.find(key);
  if (it == query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::string TextInput(const char* label, const char* name, const std::optional<std::string>& value) {
  return fmt::format("<label>{} <input name=\"{}\" value=\"{}\" size=\"14\"></label> ", label, name,
                     HtmlEscape(value.value_or("")));
}

std::string Select(const char* label, const char* name, const std::map<std::string, std::string>& query,
                   const std::vector<std::pair<std::string, std::string>>& choices) {
  const std::string chosen = NonEmpty(query, name).value_or("");
  std::string options;
  for (const auto& [value, text] : choices) {
    options += fmt::format("<option value=\"{}\"{}>{}</option>", value, value == chosen ? " selected" : "", text);
  }
  return fmt::format("<label>{} <select name=\"{}\">{}</select></label> ", label, name, options);
}

std::vector<std::pair<std::string, std::string>> CaseStateChoices() {
  std::vector<std::pair<std::string, std::string>> choices = {{"", "全部"}};
  for (CaseState state : AllCaseStates()) choices.emplace_back(CaseStateName(state), CaseStateZh(state));
  choices.emplace_back("overdue", "逾期");
  return choices;
}

std::string FilterForm(const std::map<std::string, std::string>& query) {
  return fmt::format(
      "<form method=\"get\" action=\"/findings\">{}{}{}{}"
      "{}{}{}<label><input type=\"checkbox\" name=\"all\" value=\"1\"{}> 含已不再发现的</label> "
      "<button>筛选</button></form>",
      TextInput("机构", "institution", NonEmpty(query, "institution")),
      TextInput("规则", "rule", NonEmpty(query, "rule")),
      Select("严重程度", "severity", query, {{"", "全部"}, {"high", "严重"}, {"medium", "一般"}, {"low", "轻微"}}),
      Select("整改状态", "state", query, CaseStateChoices()), TextInput("半年度", "period", NonEmpty(query, "period")),
      TextInput("身份证号", "person", NonEmpty(query, "person")), TextInput("搜索", "q", NonEmpty(query, "q")),
      NonEmpty(query, "all") ? " checked" : "");
}

// The query string of the list with `page` changed, for the paging links.
std::string PageQuery(const std::map<std::string, std::string>& query, int64_t page) {
  std::string text;
  for (const auto& [key, value] : query) {
    if (key == "page" || value.empty()) continue;
    text += fmt::format("{}={}&", UrlEncode(key), UrlEncode(value));
  }
  return HtmlEscape(text + "page=" + std::to_string(page));
}

std::string CaseStateCell(const std::map<std::string, CaseSummary>& summaries, const std::string& id) {
  const auto it = summaries.find(id);
  if (it == summaries.end()) return std::string(CaseStateZh(CaseState::kOpen));
  std::string cell(CaseStateZh(it->second.state));
  if (it->second.overdue) cell += " <b class=\"high\">逾期</b>";
  return cell;
}

// Which list the query asks for, whatever its page.
std::string ListKey(const std::map<std::string, std::string>& query) {
  std::string key;
  for (const auto& [name, value] : query) {
    if (name != "page" && !value.empty()) key += UrlEncode(name) + "=" + UrlEncode(value) + "&";
  }
  return key;
}

// The page of the list `search` (narrowed to `state` when given) asks for, with what the cache
// keeps of that list while the store is unchanged: its total, so a page of a plain list costs
// its index walk only (and a page asked for before, not even that), and the ids of a list that takes a pass over every
// finding (a search text, a case state, a person), so its next pages take no pass.
store::FindingPage ListPage(store::AuditStore& store, store::FindingSearch search,
                            const std::optional<CaseStateFilter>& state, Date today, int recheck_days,
                            const std::string& key, FindingsListCache& cache) {
  const std::string mark = store.ChangeMark() + "@" + FormatDate(today);
  std::optional<FindingsListCache::List> kept = cache.Find(mark, key);
  const bool whole_pass = state || search.person || !search.text.empty();
  if (!whole_pass) {
    // A page asked for again (paging back, another officer): its ids are kept too, so it costs
    // no walk of the index up to its offset.
    const std::string page_key = key + "\n" + std::to_string(search.offset);
    if (kept) {
      if (std::optional<FindingsListCache::List> page_ids = cache.Find(mark, page_key); page_ids && page_ids->ids) {
        store::FindingPage page;
        page.total = kept->total;
        page.findings = store.FindingsByIds(*page_ids->ids);
        return page;
      }
    }
    search.count_total = !kept;
    store::FindingPage page = store.SearchFindings(search);
    if (kept) {
      page.total = kept->total;
    } else {
      cache.Keep(mark, key, {page.total, nullptr});
    }
    auto ids = std::make_shared<std::vector<std::string>>();
    for (const store::StoredFinding& stored : page.findings) ids->push_back(stored.id);
    cache.Keep(mark, page_key, {page.total, std::move(ids)});
    return page;
  }
  if (!kept || !kept->ids) {
    auto ids = std::make_shared<const std::vector<std::string>>(
        state ? FindingIdsInState(store, search, *state, today, recheck_days) : store.FindingIds(search));
    kept = FindingsListCache::List{static_cast<int64_t>(ids->size()), ids};
    cache.Keep(mark, key, *kept);
  }
  store::FindingPage page;
  page.total = kept->total;
  const int64_t first = std::clamp<int64_t>(search.offset, 0, page.total);
  const int64_t last = std::min(page.total, first + search.limit);
  page.findings = store.FindingsByIds({kept->ids->begin() + first, kept->ids->begin() + last});
  return page;
}

}  // namespace

std::string FindingsListBody(store::AuditStore& store, const std::map<std::string, std::string>& query,
                             const AuditConfig& config, Date today, FindingsListCache& cache) {
  store::FindingSearch search;
  for (const auto& [name, member] : kSearchFilters) search.*member = NonEmpty(query, name);
  search.text = NonEmpty(query, "q").value_or("");
  search.open_only = !NonEmpty(query, "all");
  int64_t page = 1;
  if (auto text = NonEmpty(query, "page")) page = std::max<int64_t>(1, std::atoll(text->c_str()));
  search.limit = kFindingsPerPage;
  search.offset = (page - 1) * kFindingsPerPage;
  const std::optional<CaseStateFilter> state = ParseCaseStateFilter(NonEmpty(query, "state").value_or(""));
  const int recheck_days = config.cycle.recheck_days;
  const store::FindingPage found = ListPage(store, search, state, today, recheck_days, ListKey(query), cache);
  std::vector<std::string> ids;
  for (const store::StoredFinding& stored : found.findings) ids.push_back(stored.id);
  const std::map<std::string, CaseSummary> summaries = CaseSummariesOf(store.db(), ids, today, recheck_days);

  std::string h = FilterForm(query);
  const int64_t pages = std::max<int64_t>(1, (found.total + kFindingsPerPage - 1) / kFindingsPerPage);
  h += fmt::format("<p>共 {} 个问题，第 {} / {} 页", found.total, page, pages);
  if (page > 1) h += fmt::format(" · <a href=\"/findings?{}\">上一页</a>", PageQuery(query, page - 1));
  if (page < pages) h += fmt::format(" · <a href=\"/findings?{}\">下一页</a>", PageQuery(query, page + 1));
  h += "</p><table><tr><th>编号</th><th>机构</th><th>规则</th><th>严重程度</th><th>对象</th><th>问题</th>"
       "<th>整改状态</th></tr>";
  for (const store::StoredFinding& stored : found.findings) {
    const Finding& f = stored.finding;
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
                     FindingLink(stored.id), HtmlEscape(f.institution), HtmlEscape(f.rule),
                     f.severity == Severity::kHigh ? " class=\"high\"" : "", SeverityZh(f.severity),
                     HtmlEscape(f.subject), HtmlEscape(f.summary_zh), CaseStateCell(summaries, stored.id),
                     stored.resolved_run ? "（审查已不再发现）" : "");
  }
  return h + "</table>";
}

std::optional<std::string> FindingBody(store::AuditStore& store, const std::string& id, const AuditConfig& config,
                                       Date today, const Session& session,
                                       const std::function<std::string(const store::StoredFinding&)>& media_html) {
  const auto stored = store.FindingById(id);
  if (!stored) return std::nullopt;
  const Finding& f = stored->finding;
  std::string h = fmt::format("<p><b>{}</b></p><table>", HtmlEscape(f.summary_zh));
  auto row = [&h](const char* label, const std::string& value_html) {
    h += fmt::format("<tr><th>{}</th><td>{}</td></tr>", label, value_html);
  };
  row("编号", HtmlEscape(stored->id));
  row("机构",
      fmt::format("<a href=\"/findings?institution={0}\">{1}</a> · <a href=\"/documents?institution={0}\">文书</a>",
                  HtmlEscape(UrlEncode(f.institution)), HtmlEscape(f.institution)));
  row("规则", HtmlEscape(f.rule));
  row("严重程度", SeverityZh(f.severity));
  row("对象", HtmlEscape(f.subject));
  if (f.start)
    row("时间", HtmlEscape(FormatInstant(*f.start, config.policy.zone)) +
                    (f.end ? " – " + HtmlEscape(FormatInstant(*f.end, config.policy.zone)) : ""));
  if (f.measured || f.required) {
    row("数值", fmt::format("实际 {} · 要求 {} {}", f.measured ? fmt::format("{:g}", *f.measured) : "—",
                            f.required ? fmt::format("{:g}", *f.required) : "—", HtmlEscape(f.unit)));
  }
  std::string people;
  for (const std::string& person : f.people) people += (people.empty() ? "" : "、") + PersonLink(person);
  if (!people.empty()) row("涉及人员", people);
  row("依据", HtmlEscape(f.basis));
  std::string evidence;
  for (const Evidence& e : f.evidence) {
    evidence += fmt::format("<li><code>{}</code> {} <span class=\"meta\">{}</span></li>", HtmlEscape(e.path),
                            HtmlEscape(e.what), HtmlEscape(e.sha256));
  }
  if (!evidence.empty()) row("证据", "<ul>" + evidence + "</ul>");
  row("审查", fmt::format("第 {} 次审查首次发现，第 {} 次最近发现{}", stored->first_run, stored->last_run,
                          stored->resolved_run ? fmt::format("；第 {} 次审查已不再发现", *stored->resolved_run) : ""));
  h += "</table>";
  h += media_html(*stored);

  const std::vector<store::CaseEvent> events = store::CaseEventsOf(store.db(), id);
  const CaseSummary summary = SummarizeCase(events, today, config.cycle.recheck_days);
  h += fmt::format("<h2>整改闭环：{}{}</h2>", CaseStateZh(summary.state),
                   summary.overdue ? " <b class=\"high\">" + HtmlEscape(summary.overdue_zh) + "</b>" : "");
  h += CaseTimeline(events);
  if (session.role == Role::kOfficer) h += CaseForms(id, session);
  return h;
}

}  // namespace xk::serve
