#include "src/report/table_reports.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "records/finding_json.h"
#include "records/text_escape.h"
#include "version.h"

namespace xk {

std::string FindingsJson(const ReportData& data) {
  nlohmann::ordered_json root;
  root["tool"] = {{"name", "xunkao"}, {"version", kVersion}};
  root["run"] = {{"id", data.run.id},
                 {"started", data.run.started},
                 {"finished", data.run.finished},
                 {"archive", data.run.archive},
                 {"files_scanned", data.run.files_scanned},
                 {"files_analysed", data.run.files_analysed}};
  auto findings = nlohmann::ordered_json::array();
  for (const auto& stored : data.findings) {
    nlohmann::json plain = FindingToJson(stored.finding, data.zone);
    nlohmann::ordered_json f;
    for (const char* key : {"id", "rule", "severity"}) f[key] = plain[key];
    f["status"] = store::FindingStatusName(stored.status);
    for (const char* key :
         {"institution", "subject",    "class_id",   "session_id", "trainee_id", "teacher_id", "room",
          "camera",      "file",       "people",     "start",      "end",        "measured",   "required",
          "unit",        "summary_zh", "summary_en", "basis",      "rows",       "evidence"}) {
      f[key] = plain[key];
    }
    f["first_run"] = stored.first_run;
    f["last_run"] = stored.last_run;
    f["resolved_run"] =
        stored.resolved_run ? nlohmann::ordered_json(*stored.resolved_run) : nlohmann::ordered_json(nullptr);
    findings.push_back(std::move(f));
  }
  root["findings"] = std::move(findings);
  auto issues = nlohmann::ordered_json::array();
  for (const auto& i : data.issues) {
    issues.push_back({{"file", i.file},
                      {"line", i.line},
                      {"column", i.column},
                      {"message_zh", i.message_zh},
                      {"message_en", i.message_en}});
  }
  root["load_issues"] = std::move(issues);
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string FindingsCsv(const ReportData& data) {
  std::string out = "\xEF\xBB\xBF";
  out +=
      "id,rule,severity,status,institution,class_id,session_id,trainee_id,teacher_id,room,camera,file,people,"
      "start,end,measured,required,unit,summary_zh,summary_en,basis\n";
  // Archive values and free text go through CsvTextCell, so none runs as a formula in Excel; the
  // id, codes, times and numbers are the program's own and stay as they are ("-1.5" a number).
  auto text = [](const std::optional<std::string>& v) { return CsvTextCell(v.value_or("")); };
  auto num = [](const std::optional<double>& v) { return v ? fmt::format("{:g}", *v) : std::string(); };
  for (const auto& stored : data.findings) {
    const Finding& f = stored.finding;
    std::string people;
    for (const auto& p : f.people) people += (people.empty() ? "" : ";") + p;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", CsvEscape(stored.id),
                       CsvEscape(f.rule), SeverityName(f.severity), store::FindingStatusName(stored.status),
                       CsvTextCell(f.institution), text(f.class_id), text(f.session_id), text(f.trainee_id),
                       text(f.teacher_id), text(f.room), text(f.camera), text(f.file), CsvTextCell(people),
                       f.start ? FormatInstant(*f.start, data.zone) : "", f.end ? FormatInstant(*f.end, data.zone) : "",
                       num(f.measured), num(f.required), CsvTextCell(f.unit), CsvTextCell(f.summary_zh),
                       CsvTextCell(f.summary_en), CsvTextCell(f.basis));
  }
  return out;
}

}  // namespace xk
