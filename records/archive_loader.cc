#include "records/archive_loader.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "records/archive_files.h"
#include "records/csv/table.h"
#include "records/enum_names.h"

namespace xk {

namespace {

const TableSpec kInstitutionsSpec = {"机构名单",
                                     {{"code", "机构编码", true, {"机构代码", "编码"}},
                                      {"name", "机构名称", false, {"名称"}},
                                      {"kind", "机构类型", true, {"类型"}},
                                      {"county", "县市区", false, {"区县"}},
                                      {"address", "地址", false, {"单位地址", "经营地址", "住所"}},
                                      {"legal_rep", "法定代表人", false, {"法人代表", "负责人"}},
                                      {"phone", "联系电话", false, {"电话", "联系方式"}}}};

// Lines of at least kMinSignInBytes in the attendance table at `relative` (0 when it is not a
// regular file of the archive within table_max_bytes): an upper bound of its sign-ins, as each
// takes a line of at least that length (class, session and an 18-digit ID). Blank lines and
// stubs do not count, so a file of 200 MB of line breaks reserves nothing.
constexpr size_t kMinSignInBytes = 24;

size_t CountSignInLines(const ArchiveRoot& archive, const std::string& relative, const InputLimits& limits) {
  const ArchiveEntry entry = archive.Inspect(relative);
  if (entry.kind != EntryKind::kRegular || entry.size > limits.table_max_bytes) return 0;
  std::ifstream in(entry.path, std::ios::binary);
  std::vector<char> buffer(1 << 16);
  size_t lines = 0;
  size_t line_length = 0;
  int64_t read = 0;
  while (in && read <= limits.table_max_bytes) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    read += static_cast<int64_t>(got);
    for (size_t i = 0; i < got; ++i) {
      if (buffer[i] == '\n') {
        lines += line_length >= kMinSignInBytes ? 1 : 0;
        line_length = 0;
      } else {
        ++line_length;
      }
    }
  }
  return lines + (line_length >= kMinSignInBytes ? 1 : 0);
}

// Sign-ins are most of an archive (some 25 per session, millions in a province). Growing
// model.attendance by doubling would hold the old and the new array at once, up to three times
// the final size, so it is sized once from the line counts of every attendance.csv (a second
// read, but of files the loader is about to read anyway), at most rows_max_per_table.
void ReserveSignIns(const ArchiveRoot& archive, const std::vector<Institution>& institutions, const InputLimits& limits,
                    ArchiveModel* model) {
  size_t lines = 0;
  for (const auto& institution : institutions) {
    if (institution.kind == InstitutionKind::kTraining) {
      lines += CountSignInLines(archive, "training/" + institution.code + "/attendance.csv", limits);
    }
  }
  model->attendance.reserve(std::min(lines, static_cast<size_t>(limits.rows_max_per_table)));
}

}  // namespace

void LoadInstitutions(const std::filesystem::path& root, const AuditPolicy& policy, ArchiveModel* model) {
  const ArchiveRoot archive(root);
  std::string relative = "institutions.csv";
  if (archive.Inspect(relative).kind == EntryKind::kMissing &&
      archive.Inspect("institutions.xlsx").kind != EntryKind::kMissing) {
    relative = "institutions.xlsx";
  }
  ReadOutcome read = archive.Read(relative, policy.limits.table_max_bytes, "table_max_bytes");
  if (!read.bytes) {
    model->missing_files.push_back(MissingFile{"", relative});
    if (read.kind == EntryKind::kMissing && read.problem_en == "the file does not exist") {
      model->issues.push_back(LoadIssue{relative, 0, "", "缺少机构名单 institutions.csv，无法确定审查范围",
                                        "institutions.csv is missing: the scope of the audit is unknown"});
    } else {
      model->issues.push_back(
          LoadIssue{relative, 0, "", "无法读取机构名单 institutions.csv（" + read.problem_zh + "），无法确定审查范围",
                    "institutions.csv cannot be read (" + read.problem_en + "): the scope of the audit is unknown"});
    }
    return;
  }
  auto table = CsvTable::FromBytes(std::move(*read.bytes), relative, kInstitutionsSpec, &model->issues, policy.limits);
  if (!table) return;
  std::set<std::string> seen;
  for (size_t i = 0; i < table->row_count(); ++i) {
    RowReader row(*table, i, &model->issues);
    Institution institution;
    institution.code = row.Text("code", true);
    institution.name = row.Text("name");
    auto kind = row.Enum("kind", true, InstitutionKindSpellings());
    institution.county = row.Text("county");
    institution.address = row.Text("address");
    institution.legal_rep = row.Text("legal_rep");
    institution.phone = row.Text("phone");
    institution.source = row.source();
    if (!row.ok() || !kind) continue;
    institution.kind = *kind;
    const bool control = std::any_of(institution.code.begin(), institution.code.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (institution.code.find('/') != std::string::npos || institution.code.find('\\') != std::string::npos ||
        institution.code == "." || institution.code == ".." || control) {
      row.Report("code", institution.code, "不能用作文件夹名（含 /、.. 或控制字符）",
                 "cannot be a folder name (contains /, .. or a control character)", true);
      continue;
    }
    if (!seen.insert(institution.code).second) {
      row.Report("code", institution.code, "重复出现，仅采用第一行", "appears twice; the first row is used", true);
      continue;
    }
    model->institutions.push_back(institution);
  }
}

ArchiveModel LoadArchiveRecords(const std::filesystem::path& root, const AuditPolicy& policy) {
  ArchiveModel model;
  LoadInstitutions(root, policy, &model);
  ReserveSignIns(ArchiveRoot(root), model.institutions, policy.limits, &model);
  for (const auto& institution : model.institutions) {
    if (institution.kind == InstitutionKind::kTraining) {
      LoadTrainingFolder(root, institution.code, policy, &model);
    } else {
      LoadExamFolder(root, institution.code, policy, &model);
    }
  }
  LoadCertificates(root, policy, &model);
  return model;
}

}  // namespace xk
