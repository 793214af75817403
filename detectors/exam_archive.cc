#include "detectors/exam_archive.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <string>
#include <string_view>

namespace xk {

namespace {

constexpr char kMeasures[] = "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）";
constexpr char kPlan[] = "2022年安全生产培训考试执法计划三（二）";

struct RequiredFile {
  std::string_view file;
  std::string_view what;  // the subject's missing=<what>
  const char* rule;
  Severity severity;
  std::string_view name_zh;
  std::string_view name_en;
  std::string_view blocks_zh;
  std::string_view blocks_en;
  std::string_view basis;  // after kMeasures
};

constexpr std::array<RequiredFile, 5> kRequiredFiles = {{
    {"plan.csv", "plan", "EXM-PLAN-DEVIATION", Severity::kMedium, "考试计划", "exam plan",
     "无法核对各场次是否按计划组织", "whether sessions were held to a plan cannot be checked",
     "：考试机构应制定考试计划并按计划组织考试；{}3“未按要求制定考试计划，未严格按照考试计划组织实施考试”"},
    {"sessions.csv", "room_records", "EXM-PLAN-DEVIATION", Severity::kMedium, "考场记录", "room records",
     "无法核对计划场次是否实际举行及监考安排", "whether planned sessions were held, and by whom, cannot be checked",
     "：监考人员填写考场记录，按计划组织考试；{}3“未严格按照考试计划组织实施考试”"},
    {"cameras.csv", "cameras", "EXM-VIDEO-MISSING", Severity::kHigh, "考场摄像机清单", "camera list",
     "无法确定各考场应当录像的摄像机，只能按录像中出现的摄像机核查全过程录像",
     "which cameras had to record is unknown: full-process recording is checked only against the "
     "cameras that left recordings",
     "第十七条：考试点对考试全过程录像并存档，保存不少于3年；{}5“未进行考试全过程录像”"},
    {"candidates.csv", "candidates", "EXM-CANDIDATE-DATA", Severity::kLow, "考生数据", "candidate data",
     "无法核对考生身份、成绩与培训记录", "the candidates' identities, scores and training cannot be checked",
     "；{}5“考试数据采集格式不规范、信息不准确”"},
    {"staff.csv", "staff", "EXM-PROCTOR-SHORT", Severity::kHigh, "监考考评人员名册", "staff list",
     "无法核实考场记录中的监考、考评人员身份",
     "who the proctors and examiners in the room records are cannot be verified",
     "：每个考场安排监考人员，实操考试安排考评人员；{}4“未安排监考、考评人员进行理论考试监考和实操考评”"},
}};

}  // namespace

std::vector<Finding> DetectExamArchiveCompleteness(const DetectorInput& input) {
  std::map<std::string, std::string> exam_centres;  // code -> name
  for (const auto& institution : input.model.institutions) {
    if (institution.kind == InstitutionKind::kExam) exam_centres[institution.code] = institution.name;
  }
  std::vector<Finding> out;
  for (const auto& missing : input.model.missing_files) {
    auto centre = exam_centres.find(missing.institution);
    if (centre == exam_centres.end()) continue;
    for (const RequiredFile& required : kRequiredFiles) {
      if (missing.file != "exams/" + centre->first + "/" + std::string(required.file)) continue;
      const std::string label =
          centre->second.empty() ? centre->first : fmt::format("{}（{}）", centre->first, centre->second);
      Finding f;
      f.rule = required.rule;
      f.severity = required.severity;
      f.institution = centre->first;
      f.subject = fmt::format("missing={}", required.what);
      f.file = missing.file;
      f.summary_zh =
          fmt::format("考点 {} 缺少{}文件 {}，{}", label, required.name_zh, missing.file, required.blocks_zh);
      f.summary_en = fmt::format("Exam centre {} has no {} ({}): {}", centre->first, required.name_en, missing.file,
                                 required.blocks_en);
      f.basis = kMeasures + fmt::format(fmt::runtime(required.basis), kPlan);
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace xk
