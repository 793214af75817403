#include "detectors/exam_archive.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <string>
#include <string_view>

#include "detectors/rule_table.h"

namespace xk {

namespace {

struct RequiredFile {
  std::string_view file;
  std::string_view what;  // the subject's missing=<what>
  std::string_view name_zh;
  std::string_view name_en;
  std::string_view blocks_zh;
  std::string_view blocks_en;
  std::string_view needed_for;  // what the file is for, after the rule's citation
};

constexpr std::array<RequiredFile, 5> kRequiredFiles = {{
    {"plan.csv", "plan", "考试计划", "exam plan", "无法核对各场次是否按计划组织",
     "whether sessions were held to a plan cannot be checked",
     "；考试计划用于核对各场次是否按计划组织（EXM-PLAN-DEVIATION）"},
    {"sessions.csv", "room_records", "考场记录", "room records", "无法核对计划场次是否实际举行及监考安排",
     "whether planned sessions were held, and by whom, cannot be checked",
     "；考场记录由监考人员填写，用于核对场次、考场和监考（EXM-PLAN-DEVIATION、EXM-PROCTOR-SHORT）"},
    {"cameras.csv", "cameras", "考场摄像机清单", "camera list",
     "无法确定各考场应当录像的摄像机，只能按录像中出现的摄像机核查全过程录像",
     "which cameras had to record is unknown: full-process recording is checked only against the "
     "cameras that left recordings",
     "；摄像机清单用于核对考试全过程录像（EXM-VIDEO-MISSING、EXM-VIDEO-GAP）"},
    {"candidates.csv", "candidates", "考生数据", "candidate data", "无法核对考生身份、成绩与培训记录",
     "the candidates' identities, scores and training cannot be checked",
     "；考生数据用于核对身份、成绩和培训记录（EXM-CANDIDATE-DATA、EXM-CANDIDATE-UNTRAINED）"},
    {"staff.csv", "staff", "监考考评人员名册", "staff list", "无法核实考场记录中的监考、考评人员身份",
     "who the proctors and examiners in the room records are cannot be verified",
     "；监考考评人员名册用于核对监考、考评人员（EXM-PROCTOR-SHORT、EXM-PROCTOR-CONFLICT）"},
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
      Finding f = NewFinding(RuleId::kExmArchiveIncomplete, centre->first, fmt::format("missing={}", required.what),
                             std::nullopt);
      f.file = missing.file;
      f.summary_zh =
          fmt::format("考点 {} 缺少{}文件 {}，{}", label, required.name_zh, missing.file, required.blocks_zh);
      f.summary_en = fmt::format("Exam centre {} has no {} ({}): {}", centre->first, required.name_en, missing.file,
                                 required.blocks_en);
      f.basis += required.needed_for;
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace xk
