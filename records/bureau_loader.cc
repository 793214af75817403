// bureau/{inspectors,priority}.csv -> the model: the section's own roster of inspectors and its
// list of priority targets (cycle.md "bureau/").
#include <optional>
#include <set>

#include "records/archive_loader.h"
#include "records/csv/text.h"
#include "records/table_opener.h"

namespace xk {

namespace {

const TableSpec kInspectorsSpec = {"执法检查人员名录",
                                   {{"inspector_id", "身份证号", true, {"检查人员身份证号", "公民身份号码"}},
                                    {"name", "姓名", true, {"检查人员"}},
                                    {"cert_no", "执法证号", true, {"执法证件号", "执法证编号", "执法证件编号"}},
                                    {"unit", "所属单位", false, {"单位", "工作单位"}},
                                    {"recuse", "回避机构", false, {"回避", "需回避机构"}},
                                    {"active", "在岗", false, {"是否在岗"}}}};

const TableSpec kPrioritySpec = {
    "重点检查对象",
    {{"code", "机构编码", true, {"机构代码", "编码"}}, {"reason", "原因", false, {"列入原因", "理由"}}}};

}  // namespace

void LoadBureauFolder(const std::filesystem::path& root, const AuditPolicy& policy, ArchiveModel* model) {
  if (auto table =
          OpenInstitutionTable(root, "bureau", "inspectors.csv", "", kInspectorsSpec, true, policy.limits, model)) {
    std::set<std::string> seen;  // PersonKey of each inspector loaded
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      Inspector inspector;
      inspector.inspector_id = row.Text("inspector_id", true);
      inspector.name = row.Text("name", true);
      // Art. 55 of the Administrative Penalty Law: an inspector shows the certificate; the
      // documents print its number. Without one nobody can be sent.
      inspector.cert_no = row.Text("cert_no", true);
      inspector.unit = row.Text("unit");
      inspector.recuse = SplitList(row.TextView("recuse"));
      // A value that is not yes/no leaves the row out rather than guess whether the person serves.
      std::optional<bool> active;
      if (!row.TextView("active").empty()) active = row.YesNo("active", true);
      inspector.source = row.source();
      if (!row.ok()) continue;
      if (active) inspector.active = *active;
      if (!seen.insert(PersonKey(inspector.inspector_id)).second) {
        row.Report("inspector_id", inspector.inspector_id, "重复出现，仅采用第一行",
                   "appears twice; the first row is used", true);
        continue;
      }
      model->inspectors.push_back(std::move(inspector));
    }
  }

  if (auto table =
          OpenInstitutionTable(root, "bureau", "priority.csv", "", kPrioritySpec, false, policy.limits, model)) {
    std::set<std::string> seen;
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      PriorityTarget target;
      target.code = row.Text("code", true);
      target.reason = row.Text("reason");
      target.source = row.source();
      if (!row.ok()) continue;
      if (!seen.insert(target.code).second) {
        row.Report("code", target.code, "重复出现，仅采用第一行", "appears twice; the first row is used", true);
        continue;
      }
      model->priority_targets.push_back(std::move(target));
    }
  }
}

}  // namespace xk
