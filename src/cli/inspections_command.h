// `xunkao inspections`: the twice-yearly table from the database.
#pragma once

#include <string>

namespace xk {

struct InspectionsOptions {
  int year = 0;  // 0 = this year
  std::string db = "xunkao-out/xunkao.db";
};

int RunInspectionsCommand(const InspectionsOptions& options);

}  // namespace xk
