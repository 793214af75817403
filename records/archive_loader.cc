#include "records/archive_loader.h"

#include <algorithm>
#include <fstream>
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

// Lines in `path` (0 when it cannot be read): an upper bound of its records, as every record
// takes at least one line.
size_t CountLines(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buffer(1 << 16);
  size_t lines = 0;
  char last = '\n';
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    lines += static_cast<size_t>(std::count(buffer.data(), buffer.data() + got, '\n'));
    last = buffer[got - 1];
  }
  return lines + (last == '\n' ? 0 : 1);
}

// Sign-ins are most of an archive (some 25 per session, millions in a province). Growing
// model.attendance by doubling would hold the old and the new array at once, up to three times
// the final size, so it is sized once from the line counts of every attendance.csv (a second
// read, but of files the loader is about to read anyway).
void ReserveSignIns(const std::filesystem::path& root, const std::vector<Institution>& institutions,
                    ArchiveModel* model) {
  size_t lines = 0;
  for (const auto& institution : institutions) {
    if (institution.kind == InstitutionKind::kTraining) {
      lines += CountLines(root / "training" / institution.code / "attendance.csv");
    }
  }
  model->attendance.reserve(lines);
}

}  // namespace

ArchiveModel LoadArchiveRecords(const std::filesystem::path& root, const AuditPolicy& policy) {
  ArchiveModel model;
  std::string relative = "institutions.csv";
  if (!std::filesystem::exists(root / relative) && std::filesystem::exists(root / "institutions.xlsx")) {
    relative = "institutions.xlsx";
  }
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
    if (institution.code.find('/') != std::string::npos || institution.code.find('\\') != std::string::npos ||
        institution.code == "." || institution.code == "..") {
      row.Report("code", institution.code, "不能用作文件夹名（含 / 或 ..）",
                 "cannot be a folder name (contains / or ..)", true);
      continue;
    }
    if (!seen.insert(institution.code).second) {
      row.Report("code", institution.code, "重复出现，仅采用第一行", "appears twice; the first row is used", true);
      continue;
    }
    model.institutions.push_back(institution);
  }
  ReserveSignIns(root, model.institutions, &model);
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
