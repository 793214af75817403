// What a draw is made from, gathered from the archive and the store: the pool (institutions.csv),
// the roster and the priority list (bureau/), the institutions with open high-severity findings
// and those earlier draws of the half-year took. The same for a new draw and for --verify, which
// gathers them again as they are now.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "records/model.h"
#include "records/policy.h"
#include "records/store/database.h"
#include "src/cycle/draw.h"

namespace xk {

// Why a priority target with open high-severity findings is one (its priority.csv reason, if it
// has one too, comes first, joined by "；").
inline constexpr const char* kOpenHighFindingsReason = "有未整改的严重问题";

struct DrawSources {
  DrawInput input;                        // pool, roster, priority and checked filled; period set; seed, ratio, min not
  std::vector<Institution> institutions;  // as loaded, for names in the public list
  std::vector<LoadIssue> issues;          // of institutions.csv and bureau/
  // A file the draw cannot be made without that is missing or could not be read
  // ("institutions.csv", "bureau/inspectors.csv"); empty when both loaded.
  std::string missing;
  std::vector<std::string> priority_outside_pool;  // priority.csv codes institutions.csv lacks
};

// `before_draw`: for --verify, only draws before it count as having checked an institution.
DrawSources GatherDrawSources(const std::filesystem::path& archive, const AuditPolicy& policy, store::Database& db,
                              const std::string& period, std::optional<int64_t> before_draw);

}  // namespace xk
