#include "src/cli/inspections_command.h"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>

#include "records/audit_config.h"
#include "records/half_year.h"
#include "records/store/audit_store.h"
#include "src/cycle/inspection_table.h"

namespace xk {

int RunInspectionsCommand(const InspectionsOptions& options) {
  if (!std::filesystem::exists(options.db)) {
    fmt::print(stderr, "xunkao: 找不到数据库 {}；请先运行 xunkao audit，或用 --db 指定 (no such database)\n",
               options.db);
    return 2;
  }
  store::AuditStore store(options.db);
  std::vector<LoadIssue> ignored;
  const AuditConfig config = [&] {
    if (auto run = store.LastCompletedRun()) return LoadAuditConfig(run->archive, std::nullopt, &ignored);
    return AuditConfig{};
  }();
  const Date today = LocalDate(CurrentInstant(), config.policy.zone);
  const int year = options.year ? options.year : HalfYear::Of(today).year;
  std::vector<Institution> institutions;  // every institution the database knows of
  auto rows = BuildInspectionTable(store, institutions, year, today, config.cycle.recheck_days);
  fmt::print("{} 年检查覆盖（每半年至少一次）\n{:<12} {:<24} {:<24} {:<24} {}\n", year, "机构", "上半年 H1",
             "下半年 H2", "未整改 严重/一般/轻微", "整改闭环");
  auto cell = [](const InspectionCell& c) {
    std::string text = c.audited
                           ? fmt::format("已审查 {} 次{}", c.runs, c.packets ? fmt::format("/{}包", c.packets) : "")
                           : std::string("未审查");
    for (const auto& visit : c.draws) {
      text += fmt::format("，抽中#{}", visit.draw_id);
      for (size_t i = 0; i < visit.inspectors.size(); ++i) text += (i ? "、" : "（") + visit.inspectors[i];
      if (!visit.inspectors.empty()) text += "）";
    }
    return text;
  };
  for (const auto& row : rows) {
    const std::string loop = LoopSummaryZh(row.loop);
    fmt::print("{:<12} {:<24} {:<24} {:<24} {}\n", row.institution, cell(row.h1), cell(row.h2),
               fmt::format("{}/{}/{}", row.open_high, row.open_medium, row.open_low), loop.empty() ? "—" : loop);
  }
  return 0;
}

}  // namespace xk
