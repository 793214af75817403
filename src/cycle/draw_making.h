// Making and verifying a 双随机 draw on a store: what `xunkao draw` and the workbench's draw page
// both call, so a draw made in the browser is the draw the command line would have made. The
// archive is read (GatherDrawSources), the draw computed (RunDraw) and stored (SaveDraw) in one
// transaction; the front ends only say what came out. Refusals are written as `xunkao draw` has
// always printed them: Chinese, with the English in brackets, one message a line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "records/model.h"
#include "records/store/audit_store.h"
#include "records/store/draw_store.h"
#include "src/cycle/draw.h"

namespace xk {

struct NewDraw {
  std::string period;  // "2022H2"
  std::string ratio = "0.3";
  int min_targets = 1;
  std::string seed;               // "" = the draw's own time, ISO 8601 with offset
  std::filesystem::path archive;  // "" = the archive of the last completed audit
  std::string tool_version;       // stored with the draw
};

struct MadeDraw {
  std::vector<std::string> refused;         // why nothing was drawn or stored, one message a line; empty on success
  std::vector<LoadIssue> issues;            // of institutions.csv and bureau/ (also on success)
  std::vector<std::string> warnings;        // drawn all the same (a priority target outside the pool)
  std::optional<store::DrawRecord> record;  // as stored
  DrawResult result;
  std::vector<Institution> institutions;  // of the archive, for names in the public list
};

// Why the request cannot make a draw (no or a bad period, a bad ratio or seed), "" when it can.
std::string NewDrawProblem(const NewDraw& request);

// Checks the request (NewDrawProblem), reads the archive and the earlier draws, draws and
// stores the draw, in one transaction. `before_commit`, when given, runs inside it after the draw
// is saved (the command writes its public list there: a list that cannot be written stores no
// draw); an exception from it leaves nothing stored.
MadeDraw MakeDraw(store::AuditStore& store, const NewDraw& request,
                  const std::function<void(const MadeDraw&)>& before_commit = nullptr);

struct DrawVerification {
  std::optional<store::DrawRecord> draw;  // nullopt: the store has no such draw
  std::filesystem::path archive;          // the archive read again
  std::vector<LoadIssue> issues;
  std::string missing_zh;    // a file the draw cannot be recomputed without, as a message; "" when read
  std::string missing_file;  // its name ("bureau/inspectors.csv")
  bool pool_same = false;
  std::string pool_sha256_now;
  std::string pool_difference_zh;    // the first line that differs, as an officer reads it; "" when none found
  bool pool_line_removed = false;    // that line was there then and is not now
  std::string target_difference_zh;  // the first difference in targets or inspectors; "" when the same
  bool identical = false;
};

// Recomputes draw `id` from its stored seed and the archive as it is now (`archive`, or the draw's
// own when empty), counting only the draws before it as having checked an institution.
DrawVerification VerifyDraw(store::AuditStore& store, int64_t id, const std::filesystem::path& archive);

// The draw as computed when it was made, from what it stored (its pool text holds the pool, the
// roster, the priority targets and the institutions already checked): the public list's ranking.
DrawResult RecomputeStoredDraw(const store::DrawRecord& draw);

// The archive's institutions (for names); none when it cannot be read.
std::vector<Institution> DrawArchiveInstitutions(const std::filesystem::path& archive);

// "王明、李华": the inspectors of a stored target by name.
std::string InspectorNames(const store::DrawTargetRow& target);

}  // namespace xk
