// bureau/certificates.csv -> the model: the register of certificates the bureau issued (证书台账,
// archive.md "Added for certificates"). Optional: without it the certificate rules have nothing
// to judge. Read like every other table (.xlsx twin, UTF-8 or GB18030, English or Chinese headers,
// the reading limits); a bad value is a load issue naming file, line and column.
#include <set>

#include "records/archive_loader.h"
#include "records/enum_names.h"
#include "records/table_opener.h"

namespace xk {

namespace {

const TableSpec kCertificatesSpec = {"证书台账",
                                     {{"cert_no", "证书编号", true, {"证号", "证件号码", "操作证号"}},
                                      {"holder_id", "身份证号", true, {"持证人身份证号", "公民身份号码"}},
                                      {"name", "姓名", false, {"持证人"}},
                                      {"kind", "证书类型", true, {"证件类型", "证书种类"}},
                                      {"category", "培训类别", false, {"人员类别"}},
                                      {"job_type", "作业类别", false, {"操作项目", "准操项目"}},
                                      {"issue_date", "发证日期", true, {"初领日期", "发证时间"}},
                                      {"valid_until", "有效期至", false, {"有效期截止", "有效期止"}},
                                      {"last_review", "最近复审日期", false, {"复审日期", "最近复审时间"}},
                                      {"review_extended", "延期复审", false, {"是否延期复审"}},
                                      {"status", "状态", false, {"证书状态"}}}};

}  // namespace

void LoadCertificates(const std::filesystem::path& root, const AuditPolicy& policy, ArchiveModel* model) {
  auto table =
      OpenInstitutionTable(root, "bureau", "certificates.csv", "", kCertificatesSpec, false, policy.limits, model);
  if (!table) return;
  std::set<std::string> seen;  // certificate numbers loaded
  for (size_t i = 0; i < table->row_count(); ++i) {
    RowReader row(*table, i, &model->issues);
    Certificate c;
    c.cert_no = row.Text("cert_no", true);
    c.holder_id = row.Text("holder_id", true);
    c.name = row.Text("name");
    auto kind = row.Enum("kind", true, CertificateKindSpellings());
    c.category = row.Enum("category", false, CategorySpellings());
    c.job_type = row.Text("job_type");
    auto issued = row.DateValue("issue_date", true);
    c.valid_until = row.DateValue("valid_until", false);
    c.last_review = row.DateValue("last_review", false);
    // A review_extended that is neither yes nor no is read as no: the shorter cycle is the rule.
    if (auto extended = row.YesNo("review_extended", false)) c.review_extended = *extended;
    // A status that cannot be read is reported and taken as valid: the register lists it.
    if (auto status = row.Enum("status", false, CertificateStatusSpellings())) c.status = *status;
    c.source = row.source();
    if (!row.ok() || !kind || !issued) continue;
    c.kind = *kind;
    c.issue_date = *issued;
    if (c.last_review && *c.last_review < c.issue_date) {
      row.Report("last_review", row.Text("last_review"), "早于发证日期，按未复审处理",
                 "is before the issue date; read as no review", false);
      c.last_review.reset();
    }
    if (!seen.insert(PersonKey(c.cert_no)).second) {
      row.Report("cert_no", c.cert_no, "重复出现，仅采用第一行", "appears twice; the first row is used", true);
      continue;
    }
    model->certificates.push_back(std::move(c));
  }
}

}  // namespace xk
