// catalog_bench's nightly run: `xunkao audit` of archive-nightly (catalog_archives.h), each
// time on a fresh copy of the small archive's first-run database, so the 10,000 files are known
// and only the new ones are probed and analysed; the time of each stage as the run's summary line
// in the log gives it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tools/bench/catalog_archives.h"
#include "tools/bench/catalog_measure.h"

namespace xk::bench {

struct NightlyFigures {
  bool ran = false;
  int files = 0;
  int new_files = 0;
  Medians whole;
  std::vector<std::pair<std::string, double>> stages;  // medians, in the run's order
  std::string summary;                                 // the last run's summary line
};

// The nightly figures (`ran` false when there is no binary or no first run of the small archive
// to start from).
NightlyFigures MeasureNightly(const CatalogBenchOptions& options, const Archive& small, const MediaSet& media);

// The seconds the new recordings' stage took (0 when the run has no such stage).
double NewFilesSeconds(const NightlyFigures& figures);

// The stages of the run's summary line: "...；用时 2.31 s（打开数据库 0.01 s，读取记录 0.40 s，…）".
std::vector<std::pair<std::string, double>> StagesOfSummary(const std::string& log);

}  // namespace xk::bench
