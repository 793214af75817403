// The 双随机 draw (cycle.md "xunkao draw"; README "Random draw (双随机)"): a pure function from the
// pool of institutions, the roster of inspectors, the priority targets, the institutions already
// drawn in the half-year and a seed, to the targets and the two inspectors sent to each. No file,
// clock or database here; every choice is a documented function of SHA-256 digests, so anyone can
// recompute a draw with a spreadsheet or a few lines of Python:
//   - an institution's rank hash is SHA-256 of the UTF-8 text "seed|code", in lower-case hex;
//   - eligible to be drawn: in the pool, not a priority target, not drawn before in the period;
//   - drawn: the first DrawCount() eligible institutions by rank hash, ascending (all of them when
//     fewer are eligible);
//   - targets: every priority target in the pool plus those drawn, listed by rank hash ascending;
//   - inspectors: target by target in that order, among the active inspectors whose recusal list
//     does not hold the code, the two with the fewest targets so far in this draw, ties broken by
//     SHA-256 of "seed|code|inspector_id" ascending. A target with fewer than two such inspectors
//     gets none and is reported as unstaffed (the draw must not be used).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "records/model.h"

namespace xk {

// A share of the pool, kept as the exact decimal written, so that ceil(0.3 x 10) is 3 (in binary
// floating point 0.3 x 10 is 3.0000000000000004, which rounds up to 4).
struct DrawRatio {
  std::string text;  // as written, "0.3"
  int64_t numerator = 0;
  int64_t denominator = 1;
};

// A decimal from 0 to 1 with at most 6 digits after the point ("0.3", ".05", "1", "0"); nullopt
// otherwise.
std::optional<DrawRatio> ParseDrawRatio(std::string_view text);

// How many institutions to draw by lot: ceil(ratio x pool_size), at least `min_targets`.
int DrawCount(const DrawRatio& ratio, int pool_size, int min_targets);

// SHA-256 hex of "seed|code" and of "seed|code|inspector_id".
std::string InstitutionRankHash(std::string_view seed, std::string_view code);
std::string InspectorRankHash(std::string_view seed, std::string_view code, std::string_view inspector_id);

struct DrawInput {
  std::string period;  // "2022H2"
  std::string seed;
  DrawRatio ratio;
  int min_targets = 1;
  std::vector<std::string> pool;  // institution codes, each once
  std::vector<Inspector> roster;  // each inspector_id once
  // Code -> why it is a priority target; codes outside the pool are not targets.
  std::map<std::string, std::string> priority;
  // Codes drawn by earlier draws of the period; those outside the pool do not matter.
  std::set<std::string> checked;
};

// The canonical text of a draw's pool, whose SHA-256 is the pool hash: a first line
// "xunkao-draw-pool 1", then "period|P", then one line per item, sorted (byte order) within each
// kind, kinds in this order: "institution|CODE" for the pool, "checked|CODE" and
// "priority|CODE|REASON" for those in the pool, and
// "inspector|ID|NAME|CERT_NO|UNIT|yes-or-no (active)|RECUSE codes sorted, joined by ;" for every
// roster row. Each line ends with "\n"; a "\", "|", CR or LF inside a field is written "\\", "\|",
// "\r", "\n".
std::string DrawPoolText(const DrawInput& input);

// A line of a pool text split at its unescaped "|", escapes undone: {"inspector", ID, NAME, ...}.
std::vector<std::string> PoolLineFields(std::string_view line);

// How two pool texts differ: the first line of `then` that `now` lacks (removed), else the first
// line of `now` that `then` lacks; nullopt when they hold the same lines.
struct PoolDifference {
  bool removed = false;             // there then, not now
  std::vector<std::string> fields;  // PoolLineFields of that line
};
std::optional<PoolDifference> FirstPoolDifference(std::string_view then, std::string_view now);

enum class PoolStatus {
  kPriority,  // a target, always
  kDrawn,     // a target, by lot
  kNotDrawn,  // eligible, ranked after those drawn
  kChecked,   // drawn by an earlier draw of the period, not eligible
};

struct RankedInstitution {
  std::string code;
  std::string rank_sha256;
  PoolStatus status = PoolStatus::kNotDrawn;
  int eligible_rank = 0;  // 1-based place among the eligible; 0 for priority and checked
};

struct DrawnInspector {
  Inspector inspector;
  std::string rank_sha256;  // InspectorRankHash(seed, code, id)
};

struct DrawTarget {
  std::string institution;
  bool priority = false;
  std::string reason;  // of a priority target
  std::string rank_sha256;
  std::vector<DrawnInspector> inspectors;  // two, or none when unstaffed
};

struct UnstaffedTarget {
  std::string institution;
  int eligible_inspectors = 0;  // active and not recused: fewer than two
};

struct DrawResult {
  int pool_size = 0;
  int eligible = 0;                        // institutions that could be drawn by lot
  int wanted = 0;                          // DrawCount()
  int drawn = 0;                           // min(wanted, eligible)
  std::vector<RankedInstitution> ranking;  // every institution of the pool, by rank hash
  std::vector<DrawTarget> targets;         // by rank hash
  std::vector<UnstaffedTarget> unstaffed;  // not empty: the roster cannot staff the draw
  std::string pool_text;                   // DrawPoolText(input)
  std::string pool_sha256;
};

DrawResult RunDraw(const DrawInput& input);

}  // namespace xk
