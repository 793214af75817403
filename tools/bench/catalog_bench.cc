// catalog_bench: how fast the catalog stage (src/audit/recording_catalog.h) reads an exam
// centre's CCTV archive, against reading the same bytes with `cat` and against
// `ffprobe -show_packets`, and how long an unchanged re-run takes.
//
//   catalog_bench DIR [--repeat 5] [--jobs 2] [--ffprobe-sample 10] [--small-files 10000]
//                     [--nightly-new 20] [--xunkao PATH] [--no-binary] [--only mp4|ps|small|nightly|shards]
//                     [--catalog-only]
//
// DIR keeps what is expensive to make between runs:
//   DIR/media-v1/cctv-NN.{mp4,mpg}  20 distinct 36 s recordings, 1280x720 H.264, 10 fps, GOP 50,
//                                   3 Mbit/s (WriteCctvVideo), once as MP4 and once as MPEG-PS
//                                   (the same encoded stream: the encoder is deterministic)
//   DIR/media-v1/small-N.mp4        4 distinct 30 s 320x180 MP4 recordings
//   DIR/archive-mp4, archive-ps     one exam centre, 2 rooms x 2 cameras x 50 consecutive files
//                                   = 200 files, 2 h of video, hard links of the 20 recordings
//                                   in the default layout video/<room>/<camera>/<date>/<time>.<ext>
//   DIR/archive-small               5 exam centres x 4 rooms x 2 cameras x 25 days x 10 files
//                                   = 10,000 hard links of the small recordings
//   DIR/first-{mp4,ps,small}        the database of the first `xunkao audit` run of each archive
//   DIR/archive-nightly             archive-small (hard links) plus --nightly-new recordings of a
//                                   new day: 36 s 1280x720 H.264 MP4 (the MP4 recordings above)
// Each archive has institutions.csv and the exam centre tables (plan, sessions, candidates,
// staff, cameras) so the real pipeline runs on it. The recordings are each generated once
// (resumed if interrupted), an archive is rebuilt when its description changes.
//
// Measured, each --repeat times (interleaved, medians reported; wall and cpu time), warm cache:
//   - `cat FILES... > /dev/null` over every file of the archive (one process);
//   - the catalog through the library as `xunkao audit` runs it (LoadAuditConfig,
//     LoadArchiveRecords, store::AuditStore, CatalogRecordings), without picture analysis: a
//     first run on a new database (every file probed) with 1 job and with --jobs jobs, then a
//     second run on the unchanged archive (no file opened); the facts of the first run are
//     checked against the archive and against ffprobe's packet count of one file;
//   - `ffprobe -v error -show_packets FILE > /dev/null` on a sample of distinct files, one after
//     the other, extrapolated per file to the whole archive;
//   - the real binary, `xunkao audit ARCHIVE --out DIR/out-X --jobs N`: a first run (picture
//     analysis included, minutes: timed once and its database kept in DIR/first-X while the
//     archive, the binary and --jobs are unchanged), then --repeat unchanged re-runs from that
//     database (records loading, catalog, rules, store, reports).
//   - the nightly run: `xunkao audit` of archive-nightly on a copy of the small archive's first-run
//     database (10,000 files catalogued, --nightly-new new), --repeat times, with the time of each
//     stage as the run's summary line in the log gives it.
//   - the sharded run (catalog_shards.h): archive-small as 4 shards, one after the other, then
//     `xunkao merge`, against the single first run; the merged findings checked against it.
// The targets: the MP4 catalog (1 job) at least 20x faster than ffprobe (1 process); the MPEG-PS
// catalog (1 job) within 2x of cat's time; the unchanged re-run of 10,000 files under 2 s; the
// nightly run under 10 s plus the new files' analysis; the merge of the shards under 5 s.
// Exit status 0 when all are met, 1 when one is not, 2 usage, 3 failure.
// --only measures one archive; --catalog-only skips cat, ffprobe and the binary (for perf).
//
// The parts: catalog_archives.h (the recordings and archives, generated once), catalog_measure.h
// (the catalog, cat, ffprobe and the binary on one archive), catalog_nightly.h (the nightly run);
// this file reads the command line, runs them and prints the targets.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "tools/bench/bench_support.h"
#include "tools/bench/catalog_archives.h"
#include "tools/bench/catalog_measure.h"
#include "tools/bench/catalog_nightly.h"
#include "tools/bench/catalog_shards.h"

namespace xk::bench {

namespace {

namespace fs = std::filesystem;

constexpr double kTargetFfprobeRatio = 20.0;
constexpr double kTargetCatRatio = 2.0;
constexpr double kTargetRerunSeconds = 2.0;
constexpr double kTargetMergeSeconds = 5.0;
constexpr double kTargetNightlySeconds = 10.0;  // besides the new files' analysis

// ---------------------------------------------------------------- command line

[[noreturn]] void Usage(const std::string& problem) {
  fmt::print(stderr,
             "catalog_bench: {}\nusage: catalog_bench DIR [--repeat 5] [--jobs 2] [--ffprobe-sample 10] "
             "[--small-files 10000] [--nightly-new 20] [--xunkao PATH (default: next to catalog_bench)] [--no-binary] "
             "[--only mp4|ps|small|nightly|shards] "
             "[--catalog-only]\n",
             problem);
  std::exit(2);
}

int ParseCount(const std::string& text, int low, int high) {
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || value < low || value > high) {
    Usage(fmt::format("expected a number in [{}, {}]: {}", low, high, text));
  }
  return static_cast<int>(value);
}

CatalogBenchOptions ParseOptions(int argc, char** argv) {
  CatalogBenchOptions options;
  options.xunkao = xk::bench::XunkaoBesideThisProgram();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--repeat") {
      options.repeat = ParseCount(value(), 1, 100);
    } else if (arg == "--jobs") {
      options.jobs = ParseCount(value(), 1, 64);
    } else if (arg == "--ffprobe-sample") {
      options.ffprobe_sample = ParseCount(value(), 1, kDistinct);
    } else if (arg == "--small-files") {
      options.small_files = ParseCount(value(), 0, 1'000'000);
    } else if (arg == "--nightly-new") {
      options.nightly_new = ParseCount(value(), 1, 1000);
    } else if (arg == "--xunkao") {
      options.xunkao = value();
    } else if (arg == "--no-binary") {
      options.binary = false;
    } else if (arg == "--only") {
      options.only = value();
      if (options.only != "mp4" && options.only != "ps" && options.only != "small" && options.only != "nightly" &&
          options.only != "shards") {
        Usage("--only takes mp4, ps, small, nightly or shards");
      }
    } else if (arg == "--catalog-only") {
      options.catalog_only = true;
      options.binary = false;
    } else if (arg.starts_with("-")) {
      Usage("unknown option " + arg);
    } else if (options.dir.empty()) {
      options.dir = arg;
    } else {
      Usage("one DIR only");
    }
  }
  if (options.dir.empty()) Usage("DIR is required");
  if (options.binary && !fs::exists(options.xunkao)) Usage("no xunkao binary at " + options.xunkao.string());
  if (options.small_files % 1000 != 0) Usage("--small-files must be a multiple of 1000");
  return options;
}

// Runs what `options` asks for and prints the figures and the targets. Returns the exit status.
int RunCatalogBench(const CatalogBenchOptions& options) {
  try {
    fs::create_directories(options.dir);
    fmt::print("catalog_bench: {} cores, load average {}, {} runs each, catalog with 1 and {} jobs\n",
               std::thread::hardware_concurrency(), LoadAverage(), options.repeat, options.jobs);
    const MediaSet media = EnsureMedia(options.dir, options.jobs);

    ArchiveSpec mp4_spec;
    mp4_spec.name = "archive-mp4";
    mp4_spec.extension = ".mp4";
    mp4_spec.sources = media.mp4;
    ArchiveSpec ps_spec = mp4_spec;
    ps_spec.name = "archive-ps";
    ps_spec.extension = ".mpg";
    ps_spec.sources = media.ps;
    const Archive mp4 = EnsureArchive(options.dir, mp4_spec);
    const Archive ps = EnsureArchive(options.dir, ps_spec);
    fmt::print(
        "recordings: 1280x720 H.264, 10 fps, GOP 50, 3 Mbit/s, {} s each; {} distinct, hard-linked into {} "
        "files per archive\n",
        kBigSeconds, kDistinct, mp4.files.size());

    auto wanted = [&](const char* name) { return options.only.empty() || options.only == name; };
    std::optional<ContainerResult> mp4_result, ps_result;
    if (wanted("mp4")) {
      mp4_result = MeasureContainer(options, mp4, "MP4 (timestamps from the moov index)", "mp4", true);
      mp4_result->binary = MeasureBinary(options, mp4, "mp4");
      PrintContainer(options, mp4, *mp4_result);
    }
    if (wanted("ps")) {
      ps_result = MeasureContainer(options, ps, "MPEG-PS (pack/PES header walk)", "mpegps", false);
      ps_result->binary = MeasureBinary(options, ps, "ps");
      PrintContainer(options, ps, *ps_result);
    }
    std::optional<CatalogMedians> small_result;
    BinaryFigures small_binary;
    NightlyFigures nightly;
    ShardFigures sharded;
    if (options.small_files > 0 && (wanted("small") || wanted("nightly") || wanted("shards"))) {
      ArchiveSpec small_spec;
      small_spec.name = "archive-small";
      small_spec.centres = options.small_files / 2000;  // x 4 rooms x 2 cameras x 25 days x 10 files
      small_spec.rooms = 4;
      small_spec.cameras = 2;
      small_spec.days = 25;
      small_spec.files_per_day = 10;
      small_spec.file_seconds = kSmallSeconds;
      small_spec.extension = ".mp4";
      small_spec.sources = media.small;
      if (options.small_files % 2000 != 0) {
        small_spec.centres = options.small_files / 1000;
        small_spec.rooms = 2;
      }
      const Archive small = EnsureArchive(options.dir, small_spec);
      const int files = static_cast<int>(small.files.size());
      fmt::print(
          "small files: {} files ({} exam centres x {} rooms x {} cameras x {} days x {} files of {} s, "
          "320x180 MP4, {} distinct), {:.2f} GB, {}\n",
          files, small_spec.centres, small_spec.rooms, small_spec.cameras, small_spec.days, small_spec.files_per_day,
          kSmallSeconds, kSmallDistinct, static_cast<double>(small.bytes) / 1e9, small.root.string());
      if (wanted("nightly") && !wanted("small")) {
        MeasureBinary(options, small, "small");  // the database the nightly run starts from
      }
      if (wanted("small")) {
        const fs::path db = options.dir / "catalog-small.db";
        CatalogSamples warm, samples;
        MeasureCatalog(small, db, options.jobs, files, &warm, nullptr);
        for (int i = 0; i < options.repeat; ++i) MeasureCatalog(small, db, options.jobs, files, &samples, nullptr);
        RemoveDatabase(db);
        small_result = samples.Get();
        small_binary = MeasureBinary(options, small, "small");
        const CatalogMedians& m = *small_result;
        fmt::print("  medians of {} runs, {} jobs:\n", options.repeat, options.jobs);
        PrintRate("catalog, new database", m.first.wall, files, small.bytes,
                  fmt::format("  [cpu {:.3f} s]", m.first.cpu));
        fmt::print(
            "  second run, unchanged: catalog {:.3f} s [cpu {:.3f} s]; loading the records {:.3f} s, opening the "
            "database {:.3f} s; together {:.3f} s\n",
            m.second.wall, m.second.cpu, m.second_load, m.second_open, m.second_total);
        if (small_binary.ran) {
          fmt::print(
              "  xunkao audit --jobs {}: first run {:.1f} s{} (with picture analysis), unchanged re-run {:.3f} s "
              "[cpu {:.3f} s]\n",
              options.jobs, small_binary.first, small_binary.first_reused ? " (an earlier bench run)" : "",
              small_binary.second.wall, small_binary.second.cpu);
        }
      }
      if (wanted("shards")) {
        sharded = MeasureShards(options, small, 4);
        if (sharded.ran) {
          double total = 0;
          for (double wall : sharded.shard_wall) total += wall;
          fmt::print(
              "sharded: {} files as {} shards (xunkao audit --shard K/{} --jobs {}, one after the other): {:.1f} s, "
              "together {:.1f} s, the longest {:.1f} s; xunkao merge {:.2f} s [cpu {:.2f} s]; single first run "
              "{:.1f} s: shards + merge {:.2f}x its time; merged findings {} the single run's ({})\n",
              files, sharded.shards, sharded.shards, options.jobs, fmt::join(sharded.shard_wall, " s, "), total,
              *std::max_element(sharded.shard_wall.begin(), sharded.shard_wall.end()), sharded.merge_wall,
              sharded.merge_cpu, sharded.single_first, (total + sharded.merge_wall) / sharded.single_first,
              sharded.same_findings ? "are" : "ARE NOT", sharded.findings);
        }
      }
      if (wanted("nightly")) {
        nightly = MeasureNightly(options, small, media);
        if (nightly.ran) {
          fmt::print(
              "nightly run: {} files, {} of them new (36 s 1280x720 H.264 MP4 of a new day), medians of {} runs, "
              "--jobs {}:\n  xunkao audit {:.2f} s [cpu {:.2f} s]; stages:",
              nightly.files, nightly.new_files, options.repeat, options.jobs, nightly.whole.wall, nightly.whole.cpu);
          for (const auto& [name, seconds] : nightly.stages) fmt::print(" {} {:.2f} s;", name, seconds);
          fmt::print("\n  last run's log line: {}\n", nightly.summary);
        }
      }
    }

    bool met = true;
    fmt::print("targets (1 job against one cat / one ffprobe at a time):\n");
    if (mp4_result && !options.catalog_only) {
      const double ffprobe_ratio = mp4_result->ffprobe_total / mp4_result->one_job.first.wall;
      met = met && ffprobe_ratio >= kTargetFfprobeRatio;
      fmt::print("  MP4 catalog {:.1f}x faster than ffprobe -show_packets (>= {:.0f}x): {}\n", ffprobe_ratio,
                 kTargetFfprobeRatio, Verdict(ffprobe_ratio >= kTargetFfprobeRatio));
    }
    if (ps_result && !options.catalog_only) {
      const double cat_ratio = ps_result->one_job.first.wall / ps_result->cat.wall;
      met = met && cat_ratio <= kTargetCatRatio;
      fmt::print("  MPEG-PS catalog {:.2f}x cat's time (<= {:.0f}x): {} (cpu time {:.2f}x cat's)\n", cat_ratio,
                 kTargetCatRatio, Verdict(cat_ratio <= kTargetCatRatio),
                 ps_result->one_job.first.cpu / ps_result->cat.cpu);
    }
    bool rerun_met = true;
    if (small_result) {
      const double library = small_result->second_total;
      rerun_met = library < kTargetRerunSeconds;
      std::string binary;
      if (small_binary.ran) {
        binary = fmt::format(", xunkao audit {:.2f} s: {}", small_binary.second.wall,
                             Verdict(small_binary.second.wall < kTargetRerunSeconds));
        rerun_met = rerun_met && small_binary.second.wall < kTargetRerunSeconds;
      }
      fmt::print("  unchanged re-run of {} files under {:.0f} s: library (records + catalog) {:.2f} s: {}{}\n",
                 options.small_files, kTargetRerunSeconds, library, Verdict(library < kTargetRerunSeconds), binary);
    }
    if (nightly.ran) {
      const double besides = nightly.whole.wall - NewFilesSeconds(nightly);
      met = met && besides < kTargetNightlySeconds;
      fmt::print(
          "  nightly run of {} catalogued files + {} new under {:.0f} s besides the new files' analysis: "
          "{:.2f} s - {:.2f} s = {:.2f} s: {}\n",
          nightly.files - nightly.new_files, nightly.new_files, kTargetNightlySeconds, nightly.whole.wall,
          NewFilesSeconds(nightly), besides, Verdict(besides < kTargetNightlySeconds));
    }
    if (sharded.ran) {
      const bool merge_met = sharded.merge_wall < kTargetMergeSeconds && sharded.same_findings;
      met = met && merge_met;
      fmt::print("  merge of {} shards of {} files under {:.0f} s with the single run's findings: {:.2f} s: {}\n",
                 sharded.shards, options.small_files, kTargetMergeSeconds, sharded.merge_wall, Verdict(merge_met));
    }
    fmt::print("load average at the end: {}\n", LoadAverage());
    return met && rerun_met ? 0 : 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "catalog_bench: {}\n", e.what());
    return 3;
  }
}

}  // namespace

}  // namespace xk::bench

int main(int argc, char** argv) { return xk::bench::RunCatalogBench(xk::bench::ParseOptions(argc, argv)); }
