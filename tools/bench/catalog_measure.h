// catalog_bench's measurements of one archive: the catalog stage through the library as
// `xunkao audit` runs it (a first run on a new database, then an unchanged second run), `cat`
// over every file, `ffprobe -show_packets` on a sample, the facts the catalog found checked
// against the archive and ffprobe, and the real binary (a first run kept for later bench runs,
// then unchanged re-runs). Each figure is the median of --repeat interleaved runs, wall and CPU.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "records/media_facts.h"
#include "tools/bench/bench_support.h"
#include "tools/bench/catalog_archives.h"

namespace xk::bench {

// What catalog_bench was asked to do (its command line).
struct CatalogBenchOptions {
  std::filesystem::path dir;
  int repeat = 5;
  int jobs = 2;
  int ffprobe_sample = 10;
  int small_files = 10000;
  int nightly_new = 20;
  std::filesystem::path xunkao;
  bool binary = true;
  std::string only;           // "" (all), "mp4", "ps", "small", "nightly"
  bool catalog_only = false;  // no cat, no ffprobe, no binary: for profiling the catalog
};

struct Medians {
  double wall = 0;
  double cpu = 0;
};

struct CatalogMedians {
  Medians first;  // catalog stage only
  double first_total = 0;
  int64_t first_bytes_read = 0;
  Medians second;  // catalog stage only
  double second_load = 0, second_open = 0, second_total = 0;
};

struct Samples {
  std::vector<double> wall, cpu;
  Medians Get() const { return {Median(wall), Median(cpu)}; }
};

struct CatalogSamples {
  Samples first, second;
  std::vector<double> first_total, second_load, second_open, second_total;
  int64_t first_bytes_read = 0;
  CatalogMedians Get() const {
    return {first.Get(),         Median(first_total), first_bytes_read,    second.Get(),
            Median(second_load), Median(second_open), Median(second_total)};
  }
};

// A first run on a new database, then a second on the unchanged archive.
void MeasureCatalog(const Archive& archive, const std::filesystem::path& db, int jobs, int expected_files,
                    CatalogSamples* s, std::vector<RecordingFacts>* facts);

// Removes the database `db` and its companion files (WAL, shared memory, journal, lock).
void RemoveDatabase(const std::filesystem::path& db);

struct BinaryFigures {
  bool ran = false;
  double first = 0;
  bool first_reused = false;
  Medians second;
};

// Copies the database (with its WAL) of the out folder `from` to `to`.
void CopyDatabase(const std::filesystem::path& from, const std::filesystem::path& to);

// `xunkao audit` on a new out folder, then `repeat` unchanged re-runs. The first run (minutes:
// it analyses the pictures) leaves its database in DIR/first-NAME, which later bench runs
// restore instead of running it again while the archive, the binary and --jobs are the same;
// the re-runs always start from that first run's database.
BinaryFigures MeasureBinary(const CatalogBenchOptions& options, const Archive& archive, const std::string& name);

struct ContainerResult {
  std::string label;
  double video_seconds = 0;
  Medians cat;
  CatalogMedians one_job, n_jobs;
  double ffprobe_per_file = 0;
  double ffprobe_total = 0;  // extrapolated
  BinaryFigures binary;
};

// The catalog of `archive` (the container `container`; `expect_index`: timestamps from an index),
// against cat and ffprobe. Throws std::runtime_error when the catalog's facts do not match.
ContainerResult MeasureContainer(const CatalogBenchOptions& options, const Archive& archive, const std::string& label,
                                 const std::string& container, bool expect_index);

// "  what   seconds  files/s  GB/s extra", one line.
void PrintRate(const char* what, double seconds, int files, int64_t bytes, const std::string& extra = "");
// The figures of one container, as a few lines.
void PrintContainer(const CatalogBenchOptions& options, const Archive& archive, const ContainerResult& r);

}  // namespace xk::bench
