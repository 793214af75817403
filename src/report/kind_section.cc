#include "src/report/kind_section.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "detectors/rule_table.h"

namespace xk {
namespace {

constexpr size_t kLinkedFindings = 20;  // per rule; the rest are counted

const FindingKind kTrainingHours{0, "培训学时与课程", "Training hours and syllabus"};
const FindingKind kAttendance{1, "签到与考勤", "Sign-ins and attendance"};
const FindingKind kTeachers{2, "师资", "Teachers"};
const FindingKind kTrainingArchive{3, "培训档案", "Training archives"};
const FindingKind kClassroomVideo{4, "课堂录像", "Classroom recordings"};
const FindingKind kExamVideo{5, "考场录像", "Exam-room recordings"};
const FindingKind kExamConduct{6, "考务与考生", "Exam conduct and candidates"};
const FindingKind kExamResults{7, "考试成绩", "Exam results"};
const FindingKind kCertificates{8, "证书", "Certificates"};
const FindingKind kInspections{9, "检查覆盖", "Inspection coverage"};
const FindingKind kOther{10, "其他", "Other"};

struct RuleCount {
  std::array<int, 3> by_severity{};  // low, medium, high
  std::set<std::string> institutions;
  std::vector<std::string> ids;
};

}  // namespace

const FindingKind& KindOfRule(const std::string& code) {
  if (code.starts_with("TRN-VIDEO-")) return kClassroomVideo;
  const RuleRow* row = FindRule(code);
  if (!row) return kOther;
  static const std::map<std::string_view, const FindingKind*> kByFamily = {
      {"hours", &kTrainingHours},      {"attendance", &kAttendance},     {"teachers", &kTeachers},
      {"archive", &kTrainingArchive},  {"coverage", &kExamVideo},        {"picture", &kExamVideo},
      {"exam_records", &kExamConduct}, {"exam_archive", &kExamConduct},  {"candidates", &kExamConduct},
      {"exam_results", &kExamResults}, {"certificates", &kCertificates}, {"inspections", &kInspections},
  };
  auto it = kByFamily.find(row->family);
  return it == kByFamily.end() ? kOther : *it->second;
}

std::string KindsSection(const ReportPage& page) {
  const Words& w = page.w;
  const ReportData& data = page.data;
  // kind order -> the kind and its rules' counts; resolved findings are history, not in this section.
  struct KindCounts {
    const FindingKind* kind = nullptr;
    std::map<std::string, RuleCount> rules;
  };
  std::map<int, KindCounts> kinds;
  for (const auto& s : data.findings) {
    if (s.status == store::FindingStatus::kResolved) continue;
    const FindingKind& kind = KindOfRule(s.finding.rule);
    kinds[kind.order].kind = &kind;
    RuleCount& count = kinds[kind.order].rules[s.finding.rule];
    ++count.by_severity[static_cast<int>(s.finding.severity)];
    count.institutions.insert(s.finding.institution);
    count.ids.push_back(s.id);
  }
  if (kinds.empty()) return "";
  std::string h = fmt::format("<h2>{}</h2>", w("四、按问题类别", "4. Findings by kind"));
  for (const auto& [order, counts] : kinds) {
    const FindingKind* kind = counts.kind;
    const auto& rules = counts.rules;
    int total = 0;
    for (const auto& [code, count] : rules) total += static_cast<int>(count.ids.size());
    h += fmt::format(
        "<h3 class=\"kind\">{}（{}）</h3><div class=\"wrap\"><table><tr><th>{}</th><th class=\"num\">{}</th>"
        "<th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th></tr>",
        w(kind->zh, kind->en), total, w("规则", "rule"), w("严重", "high"), w("一般", "medium"), w("轻微", "low"),
        w("机构", "institutions"), w("问题", "findings"));
    for (const auto& [code, count] : rules) {
      const RuleRow* row = FindRule(code);
      std::string institutions;
      for (const auto& code_of : count.institutions)
        institutions += (institutions.empty() ? "" : "、") + HtmlEscape(code_of);
      std::string links;
      for (size_t i = 0; i < count.ids.size() && i < kLinkedFindings; ++i) {
        links += fmt::format("<a href=\"#f-{0}\">#{0}</a> ", HtmlEscape(count.ids[i]));
      }
      if (count.ids.size() > kLinkedFindings) links += fmt::format("… {} {}", w("共", "in all"), count.ids.size());
      h += fmt::format(
          "<tr><td><b>{}</b> {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td>{}</td><td>{}</td></tr>",
          HtmlEscape(code), row ? (data.chinese ? row->finds_zh : row->finds_en) : "", count.by_severity[2],
          count.by_severity[1], count.by_severity[0], institutions, links);
    }
    h += "</table></div>";
  }
  return h;
}

}  // namespace xk
