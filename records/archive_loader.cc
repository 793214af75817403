#include "records/archive_loader.h"

#include <set>

#include "records/csv/table.h"
#include "records/enum_names.h"

namespace xk {

namespace {

const TableSpec kInstitutionsSpec = {"机构名单",
                                     {{"code", "机构编码", true, {"机构代码", "编码"}},
                                      {"name", "机构名称", false, {"名称"}},
                                      {"kind", "机构类型", true, {"类型"}},
                                      {"county", "县市区", false, {"区县"}}}};

}  // namespace

ArchiveModel LoadArchiveRecords(const std::filesystem::path& root, const AuditPolicy& policy) {
  ArchiveModel model;
  const std::string relative = "institutions.csv";
  if (!std::filesystem::exists(root / relative)) {
    model.missing_files.push_back(MissingFile{"", relative});
    model.issues.push_back(LoadIssue{relative, 0, "", "缺少机构名单 institutions.csv，无法确定审查范围",
                                     "institutions.csv is missing: the scope of the audit is unknown"});
    return model;
  }
  auto table = CsvTable::Load(root / relative, relative, kInstitutionsSpec, &model.issues);
  if (!table) return model;
  std::set<std::string> seen;
  for (size_t i = 0; i < table->row_count(); ++i) {
    RowReader row(*table, i, &model.issues);
    Institution institution;
    institution.code = row.Text("code", true);
    institution.name = row.Text("name");
    auto kind = row.Enum("kind", true, InstitutionKindSpellings());
    institution.county = row.Text("county");
    institution.source = row.source();
    if (!row.ok() || !kind) continue;
    institution.kind = *kind;
    if (institution.code.find('/') != std::string::npos ||
        institution.code.find('\\') != std::string::npos || institution.code == "." ||
        institution.code == "..") {
      row.Report("code", institution.code, "不能用作文件夹名（含 / 或 ..）",
                 "cannot be a folder name (contains / or ..)", true);
      continue;
    }
    if (!seen.insert(institution.code).second) {
      row.Report("code", institution.code, "重复出现，仅采用第一行", "appears twice; the first row is used",
                 true);
      continue;
    }
    model.institutions.push_back(institution);
  }
  for (const auto& institution : model.institutions) {
    if (institution.kind == InstitutionKind::kTraining) {
      LoadTrainingFolder(root, institution.code, policy, &model);
    } else {
      LoadExamFolder(root, institution.code, policy, &model);
    }
  }
  return model;
}

}  // namespace xk
