// The public list (公示) of a 双随机 draw: OUT/draw-<id>.html (self-contained, Chinese, printable
// on A4: the targets with their inspectors, how to recompute the draw, every institution of the
// pool with its rank hash) and OUT/draw-<id>.csv (UTF-8 with BOM, one row a target). Inspectors
// are shown by name, unit and certificate number, never by ID number. Every value from the
// archive is escaped (HTML) or neutralised (CSV, as in findings.csv).
#pragma once

#include <string>
#include <vector>

#include "records/model.h"
#include "records/store/draw_store.h"
#include "src/cycle/draw.h"

namespace xk {

// `result` is the draw as computed (for the pool's ranking), `draw` as stored.
std::string DrawListHtml(const store::DrawRecord& draw, const DrawResult& result,
                         const std::vector<Institution>& institutions);
std::string DrawListCsv(const store::DrawRecord& draw, const std::vector<Institution>& institutions);

}  // namespace xk
