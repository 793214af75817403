#include "src/serve/case_forms.h"

#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "records/text_escape.h"
#include "src/cycle/case_state.h"
#include "src/serve/html_page.h"

namespace xk::serve {

namespace fs = std::filesystem;

namespace {

std::string EventDetails(const store::CaseEvent& e) {
  std::string d;
  auto add = [&d](const char* label, const std::string& value) {
    if (!value.empty()) d += fmt::format("；{}：{}", label, HtmlEscape(value));
  };
  add("交办对象", e.handed_to);
  add("文书编号", e.doc_no);
  if (e.deadline) add("整改期限", FormatDate(*e.deadline));
  if (e.event_date) add("日期", FormatDate(*e.event_date));
  if (e.passed) add("结论", *e.passed ? "合格" : "不合格");
  std::string inspectors;
  for (const auto& id : e.inspectors) inspectors += (inspectors.empty() ? "" : "、") + id;
  add("复查人员", inspectors);
  add("说明", e.note);
  for (const auto& a : e.attachments) {
    d += fmt::format("；附件 <a href=\"/attachments/{}\">{}</a>（{} 字节）", HtmlEscape(a.sha256), HtmlEscape(a.name),
                     a.size);
  }
  return d;
}

std::string Field(const char* label, const char* name, const char* type = "text") {
  return fmt::format("<label>{} <input type=\"{}\" name=\"{}\"></label>", label, type, name);
}

std::string Form(const std::string& finding_id, const Session& session, const char* kind, const char* title,
                 const std::string& fields, bool multipart = false) {
  return fmt::format(
      "<form class=\"case\" method=\"post\" action=\"/findings/{}/case/{}\"{}><b>{}</b>{}{}"
      "{}<button>记录{}</button></form>",
      HtmlEscape(UrlEncode(finding_id)), kind, multipart ? " enctype=\"multipart/form-data\"" : "", title,
      CsrfField(session), fields, Field("更正记录编号（可选）", "correct", "number"), title);
}

}  // namespace

std::string CaseTimeline(const std::vector<store::CaseEvent>& events) {
  if (events.empty()) return "<p class=\"meta\">还没有处理记录。</p>";
  std::set<int64_t> corrected;
  for (const auto& e : events) {
    if (e.corrects) corrected.insert(*e.corrects);
  }
  std::string h = "<ol class=\"timeline\">";
  for (const auto& e : events) {
    const bool replaced = corrected.count(e.id) > 0;
    h += fmt::format("<li{}>#{} <b>{}</b> {} · {}{}{}{}</li>", replaced ? " class=\"corrected\"" : "", e.id,
                     store::CaseEventKindZh(e.kind), HtmlEscape(e.recorded), HtmlEscape(e.officer),
                     e.corrects ? fmt::format("（更正 #{}）", *e.corrects) : "", EventDetails(e),
                     replaced ? "（已被更正）" : "");
  }
  return h + "</ol>";
}

std::string CaseForms(const std::string& finding_id, const Session& session) {
  std::string h = "<h2>记录处理</h2>";
  h += Form(finding_id, session, "handover", "交办",
            Field("交办对象", "to") + Field("文书编号", "doc_no") + Field("整改期限", "deadline", "date"));
  h += Form(finding_id, session, "rectified", "整改",
            Field("整改完成日期", "date", "date") + Field("整改情况", "note") +
                "<label>附件 <input type=\"file\" name=\"attach\" multiple></label>",
            true);
  h += Form(finding_id, session, "recheck", "复查",
            Field("复查日期", "date", "date") +
                "<label>结论 <select name=\"result\"><option value=\"pass\">合格</option>"
                "<option value=\"fail\">不合格</option></select></label>" +
                Field("复查人员身份证号或执法证号（用 ; 分隔）", "inspectors"));
  h += Form(finding_id, session, "escalate", "立案", Field("立案审批表编号", "doc_no"));
  h += Form(finding_id, session, "close", "结案", Field("结案说明", "note"));
  h += fmt::format(
      "<form class=\"case\" method=\"post\" action=\"/findings/{}/packet\">{}<b>证据包</b> "
      "<button>生成证据包（BagIt .zip）</button></form>",
      HtmlEscape(UrlEncode(finding_id)), CsrfField(session));
  return h;
}

CaseStepOutcome RecordFormStep(store::AuditStore& store, const std::string& finding_id, store::CaseEventKind kind,
                               const CaseStepFields& fields, const std::vector<UploadedFile>& uploads,
                               const std::string& officer, const std::string& recorded) {
  std::string folder_template = (fs::temp_directory_path() / "xunkao-upload-XXXXXX").string();
  std::vector<fs::path> files;
  std::optional<fs::path> folder;
  CaseStepOutcome refused;
  if (!uploads.empty()) {
    if (!::mkdtemp(folder_template.data())) {
      refused.refused_zh = "无法建立上传临时目录";
      return refused;
    }
    folder = folder_template;
  }
  int position = 0;
  for (const UploadedFile& upload : uploads) {
    // The browser's name, its last component only: a name cannot leave the temporary folder.
    std::string name = upload.filename.substr(upload.filename.find_last_of("/\\") + 1);
    if (name.empty() || name == "." || name == "..") name = "附件";
    const fs::path file = *folder / std::to_string(++position) / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary)
        .write(upload.content.data(), static_cast<std::streamsize>(upload.content.size()));
    files.push_back(file);
  }
  CaseStepOrProblem made = MakeCaseStep(kind, {finding_id}, fields, files);
  CaseStepOutcome outcome;
  if (made.step) {
    outcome = RecordCaseStep(store, *made.step, officer, recorded);
  } else {
    outcome.refused_zh = made.problem_zh;
  }
  std::error_code ignored;
  if (folder) fs::remove_all(*folder, ignored);
  return outcome;
}

}  // namespace xk::serve
