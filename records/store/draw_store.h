// The 双随机 draws in SQLite (tables draws, draw_targets, draw_inspectors, schema version 5): a
// draw is written once, whole, and never changed, so `xunkao draw --verify` can recompute it from
// its seed and compare. Also the two facts of the store a draw depends on: which institutions
// earlier draws of a half-year took, and which have open high-severity findings.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "records/store/database.h"

namespace xk::store {

// An inspector sent to a target, as the roster described them at the draw.
struct DrawInspectorRow {
  std::string inspector_id;
  std::string name;
  std::string cert_no;
  std::string unit;
  std::string rank_sha256;  // SHA-256 of "seed|code|inspector_id", hex
};

struct DrawTargetRow {
  std::string institution;
  std::string selection;  // "drawn" | "priority"
  std::string reason;     // why a priority target is one
  std::string rank_sha256;
  std::vector<DrawInspectorRow> inspectors;  // two
};

struct DrawRecord {
  int64_t id = 0;  // given by SaveDraw
  std::string created;
  std::string period;  // "2022H2"
  std::string seed;
  std::string ratio;  // the decimal as given, "0.3"
  int min_targets = 0;
  int pool_size = 0;
  std::string pool_sha256;
  std::string pool_text;
  std::string archive;
  std::string tool_version;
  std::vector<DrawTargetRow> targets;  // in the order of the public list
};

// Inserts the draw, its targets and inspectors, and returns its id. Runs inside the caller's
// Transaction: the draw reads the earlier draws of its half-year in the same one, so two draws
// at once cannot both miss each other. Throws StoreError.
int64_t SaveDraw(Database& db, const DrawRecord& draw);

std::optional<DrawRecord> LoadDraw(Database& db, int64_t id);

// Every draw, oldest first, with its targets.
std::vector<DrawRecord> ListDraws(Database& db);

// The institutions the draws of `period` took (already checked in it): of the draws before
// `before_id`, or of all when nullopt.
std::set<std::string> InstitutionsDrawnInPeriod(Database& db, const std::string& period,
                                                std::optional<int64_t> before_id);

// Institution code -> number of its open (unresolved) high-severity findings, for those with any.
std::map<std::string, int> OpenHighFindingsByInstitution(Database& db);

}  // namespace xk::store
