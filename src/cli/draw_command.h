// `xunkao draw` (cycle.md "xunkao draw"): the 双随机 draw of a half-year's inspection targets and
// their inspectors, stored and published as OUT/draw-<id>.html and .csv; `--verify ID` recomputes
// a stored draw from its seed and the current pool; `--list` shows past draws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "src/cycle/draw_making.h"

namespace xk {

// A new draw's request (NewDraw: period, ratio, minimum, seed, archive; --verify reads the archive
// too, "" there being the one the draw was made from), and where the command reads and writes.
struct DrawOptions : NewDraw {
  std::string out = "xunkao-out";
  std::string db;  // "" = <out>/xunkao.db
  std::optional<int64_t> verify;
  bool list = false;
};

// 0 done (or --verify: identical); 1 --verify found a difference; 2 usage error or a missing
// input (no bureau/inspectors.csv, a roster that cannot staff the draw); 3 could not complete.
int RunDrawCommand(const DrawOptions& options);

}  // namespace xk
