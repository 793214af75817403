#include "src/serve/person_page.h"

#include <fmt/format.h>

#include <filesystem>

#include "records/resident_id.h"
#include "records/text_escape.h"
#include "src/person/person_chain.h"
#include "src/person/person_text.h"
#include "src/report/person_section.h"
#include "src/serve/html_page.h"

namespace xk::serve {

std::string PersonBody(store::AuditStore& store, const std::string& archive_option, const std::string& person_id,
                       ArchiveRecordsCache& archives) {
  const auto run = store.LastCompletedRun();
  const std::string archive = archive_option.empty() && run ? run->archive : archive_option;
  std::string h;
  std::error_code ec;
  const std::string key = PersonKey(person_id);
  if (archive.empty() || !std::filesystem::is_directory(archive, ec)) {
    h += "<p class=\"meta\">找不到档案目录，无法显示培训、考试和证书记录（用 --archive 指定）。</p>";
  } else {
    const std::shared_ptr<const LoadedArchive> loaded = archives.Get(archive);
    const AuditConfig& config = loaded->config;
    const ArchiveModel& model = loaded->model;
    ReportData data;
    data.institutions = model.institutions;
    data.zone = config.policy.zone;
    data.chinese = true;
    data.people = BuildPersonChains(model, config.policy, config.syllabus, {key});
    data.people_named = data.people.size();
    if (data.people.at(key).empty()) {
      h += "<p>档案中没有此人的培训、考试或证书记录。</p>";
    } else {
      h += "<h2>培训、考试和证书记录</h2>" + PersonChains(ReportPage(data), /*unfolded=*/true);
    }
  }
  h += "<h2>涉及此人的问题（最近一次审查）</h2><ul>";
  int named = 0;
  if (run) {
    for (const store::StoredFinding& stored : store.FindingsOfRun(run->id)) {
      if (stored.status == store::FindingStatus::kResolved || !NamesPerson(stored.finding, key)) continue;
      ++named;
      h += fmt::format("<li>{} {} {}</li>", FindingLink(stored.id), HtmlEscape(stored.finding.rule),
                       HtmlEscape(stored.finding.summary_zh));
    }
  }
  h += "</ul>";
  if (named == 0) h += "<p class=\"meta\">没有。</p>";
  return h;
}

}  // namespace xk::serve
