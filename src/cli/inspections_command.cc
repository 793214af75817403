#include "src/cli/inspections_command.h"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>

#include "records/half_year.h"
#include "records/store/audit_store.h"
#include "records/store/inspection_table.h"

namespace xk {

int RunInspectionsCommand(const InspectionsOptions& options) {
  if (!std::filesystem::exists(options.db)) {
    fmt::print(stderr, "xunkao: 找不到数据库 {}；请先运行 xunkao audit，或用 --db 指定 (no such database)\n",
               options.db);
    return 2;
  }
  store::AuditStore store(options.db);
  TimeZone zone;
  int year = options.year ? options.year : HalfYear::Of(LocalDate(static_cast<Instant>(std::time(nullptr)), zone)).year;
  std::vector<Institution> institutions;  // every institution the database knows of
  auto rows = BuildInspectionTable(store, institutions, year);
  fmt::print("{} 年检查覆盖（每半年至少一次）\n{:<12} {:<16} {:<16} {}\n", year, "机构", "上半年 H1", "下半年 H2",
             "未整改 严重/一般/轻微");
  auto cell = [](const InspectionCell& c) {
    return c.audited ? fmt::format("已审查 {} 次{}", c.runs, c.packets ? fmt::format("/{}包", c.packets) : "")
                     : std::string("未审查");
  };
  for (const auto& row : rows) {
    fmt::print("{:<12} {:<16} {:<16} {}/{}/{}\n", row.institution, cell(row.h1), cell(row.h2), row.open_high,
               row.open_medium, row.open_low);
  }
  return 0;
}

}  // namespace xk
