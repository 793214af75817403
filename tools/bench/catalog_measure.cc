#include "tools/bench/catalog_measure.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "records/archive_loader.h"
#include "records/audit_config.h"
#include "records/store/audit_store.h"
#include "src/audit/recording_catalog.h"
#include "tools/bench/bench_support.h"

namespace xk::bench {

namespace fs = std::filesystem;

namespace {

ChildRun CatFiles(const Archive& archive) {
  std::vector<std::string> argv = {"cat"};
  for (const auto& file : archive.files) argv.push_back(file.string());
  ChildRun run = RunChild(argv);
  if (run.exit_code != 0) throw std::runtime_error("cat failed");
  return run;
}

// Seconds per file of `ffprobe -show_packets`, one file after the other over the sample.
double FfprobePerFile(const std::vector<fs::path>& sample) {
  const auto start = Clock::now();
  for (const auto& file : sample) {
    ChildRun run = RunChild({"ffprobe", "-v", "error", "-show_packets", file.string()});
    if (run.exit_code != 0) throw std::runtime_error("ffprobe failed on " + file.string());
  }
  return SecondsSince(start) / static_cast<double>(sample.size());
}

// How many video packets ffprobe lists in `file`.
int64_t FfprobeVideoPackets(const fs::path& file, const fs::path& scratch) {
  ChildRun run = RunChild({"ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=dts", "-of",
                           "csv=p=0", file.string()},
                          scratch.string());
  if (run.exit_code != 0) return -1;
  std::ifstream in(scratch);
  int64_t lines = 0;
  for (std::string line; std::getline(in, line);) lines += !line.empty();
  return lines;
}

struct CatalogRun {
  double load = 0;     // audit.toml + records
  double open = 0;     // the database (created on a first run)
  double catalog = 0;  // CatalogRecordings
  double total = 0;
  double cpu = 0;
  int64_t bytes_read = 0;  // by this process during CatalogRecordings
  xk::CatalogStats stats;
  std::vector<xk::RecordingFacts> recordings;
};

CatalogRun RunCatalog(const fs::path& archive, const fs::path& db, int jobs) {
  CatalogRun run;
  const double cpu_start = SelfCpuSeconds();
  const auto start = Clock::now();
  std::vector<xk::LoadIssue> issues;
  xk::AuditConfig config = xk::LoadAuditConfig(archive, std::nullopt, &issues);
  xk::ArchiveModel model = xk::LoadArchiveRecords(archive, config.policy);
  run.load = SecondsSince(start);
  const auto opened = Clock::now();
  xk::store::AuditStore store(db.string());
  const int64_t run_id = store.BeginRun("2024-06-01 00:00:00", archive.string(), "{}");
  run.open = SecondsSince(opened);
  xk::CatalogOptions options;
  options.jobs = jobs;  // no picture analysis
  const int64_t read_before = BytesReadSoFar();
  const auto catalogued = Clock::now();
  run.recordings =
      xk::CatalogRecordings(archive, model, config, store.db(), run_id, options, nullptr, &run.stats, &issues);
  run.catalog = SecondsSince(catalogued);
  run.bytes_read = BytesReadSoFar() - read_before;
  run.total = SecondsSince(start);
  run.cpu = SelfCpuSeconds() - cpu_start;
  return run;
}

// Checks what the catalog found against the archive and ffprobe; prints one line.
double CheckFacts(const Archive& archive, const std::vector<xk::RecordingFacts>& facts, const std::string& container,
                  bool expect_index, double expected_seconds, const fs::path& scratch) {
  int readable = 0, indexed = 0, right_container = 0;
  int64_t frames = 0;
  double seconds = 0;
  int width = 0, height = 0;
  std::string codec;
  for (const auto& r : facts) {
    if (r.probe.unreadable != xk::UnreadableKind::kNone) continue;
    ++readable;
    indexed += r.probe.from_index;
    right_container += r.probe.container == container;
    frames += r.probe.frames;
    seconds += r.probe.duration;
    width = r.probe.width;
    height = r.probe.height;
    codec = r.probe.codec;
  }
  const fs::path first = archive.sample.front();
  const std::string relative = fs::relative(first, archive.root).generic_string();
  int64_t catalog_frames = -1;
  for (const auto& r : facts) {
    if (r.path == relative) catalog_frames = r.probe.frames;
  }
  const int64_t ffprobe_frames = FfprobeVideoPackets(first, scratch);
  fmt::print(
      "  check: {} files, {} readable, {} as {}, {} timed from the index, {} {}x{}, {} frames, {:.1f} s of "
      "video; {}: {} frames, ffprobe {} packets\n",
      facts.size(), readable, right_container, container, indexed, codec, width, height, frames, seconds,
      first.filename().string(), catalog_frames, ffprobe_frames);
  const auto n = static_cast<int>(archive.files.size());
  // MP4: every frame from the index. MPEG-PS: a frame that starts inside the PES of the frame
  // before it has no timestamp of its own (ps_timestamps.h), so a few can be missing there.
  const bool frames_agree = expect_index
                                ? catalog_frames == ffprobe_frames
                                : catalog_frames <= ffprobe_frames && catalog_frames * 50 >= ffprobe_frames * 49;
  if (readable != n || right_container != n || (expect_index ? indexed != n : indexed != 0) || !frames_agree ||
      std::abs(seconds - expected_seconds) > 0.5 * n) {
    throw std::runtime_error("the catalog's facts do not match the archive");
  }
  return seconds;
}

}  // namespace

void RemoveDatabase(const fs::path& db) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal", ".lock"}) fs::remove(db.string() + suffix);
}

// A first run on a new database, then a second on the unchanged archive.
void MeasureCatalog(const Archive& archive, const fs::path& db, int jobs, int expected_files, CatalogSamples* s,
                    std::vector<xk::RecordingFacts>* facts) {
  RemoveDatabase(db);
  CatalogRun first = RunCatalog(archive.root, db, jobs);
  if (first.stats.files_scanned != expected_files || first.stats.files_analysed != expected_files) {
    throw std::runtime_error(fmt::format("first run: {} files found, {} probed; expected {}", first.stats.files_scanned,
                                         first.stats.files_analysed, expected_files));
  }
  s->first.wall.push_back(first.catalog);
  s->first.cpu.push_back(first.cpu);
  s->first_total.push_back(first.total);
  s->first_bytes_read = first.bytes_read;
  CatalogRun second = RunCatalog(archive.root, db, jobs);
  if (second.stats.files_scanned != expected_files || second.stats.files_analysed != 0) {
    throw std::runtime_error(fmt::format("second run: {} files found, {} probed; expected {} and 0",
                                         second.stats.files_scanned, second.stats.files_analysed, expected_files));
  }
  s->second.wall.push_back(second.catalog);
  s->second.cpu.push_back(second.cpu);
  s->second_load.push_back(second.load);
  s->second_open.push_back(second.open);
  s->second_total.push_back(second.total);
  if (facts) *facts = std::move(first.recordings);
}

void CopyDatabase(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const char* name : {"xunkao.db", "xunkao.db-wal"}) {
    if (fs::exists(from / name)) fs::copy_file(from / name, to / name, fs::copy_options::overwrite_existing);
  }
}

// `xunkao audit` on a new out folder, then `repeat` unchanged re-runs. The first run (minutes:
// it analyses the pictures) leaves its database in DIR/first-NAME, which later bench runs
// restore instead of running it again while the archive, the binary and --jobs are the same;
// the re-runs always start from that first run's database.
BinaryFigures MeasureBinary(const CatalogBenchOptions& options, const Archive& archive, const std::string& name) {
  BinaryFigures figures;
  if (!options.binary) return figures;
  const fs::path out = options.dir / ("out-" + name);
  const fs::path first_db = options.dir / ("first-" + name);
  const fs::path log = options.dir / ("audit-" + name + ".log");
  struct stat binary {};
  ::stat(options.xunkao.c_str(), &binary);
  const std::string key =
      fmt::format("{}binary={} {} {}\njobs={}\n", archive.key, options.xunkao.string(),
                  static_cast<int64_t>(binary.st_size), static_cast<int64_t>(binary.st_mtim.tv_sec), options.jobs);
  const std::vector<std::string> argv = {
      options.xunkao.string(),     "audit", archive.root.string(), "--out", out.string(), "--jobs",
      std::to_string(options.jobs)};
  fs::remove_all(out);
  if (ReadText(first_db / "key") == key && fs::exists(first_db / "xunkao.db")) {
    CopyDatabase(first_db, out);
    figures.first = std::strtod(ReadText(first_db / "seconds").c_str(), nullptr);
    figures.first_reused = true;
  } else {
    ChildRun first = RunChild(argv, log.string(), log.string());
    if (first.exit_code != 0) throw std::runtime_error("xunkao audit failed; see " + log.string());
    figures.first = first.wall;
    fs::remove_all(first_db);
    CopyDatabase(out, first_db);
    WriteText(first_db / "seconds", fmt::format("{}\n", first.wall));
    WriteText(first_db / "key", key);
  }
  Samples second;
  for (int i = 0; i < options.repeat; ++i) {
    ChildRun run = RunChild(argv, log.string(), log.string());
    if (run.exit_code != 0) throw std::runtime_error("xunkao audit failed; see " + log.string());
    second.wall.push_back(run.wall);
    second.cpu.push_back(run.cpu);
  }
  figures.ran = true;
  figures.second = second.Get();
  return figures;
}

ContainerResult MeasureContainer(const CatalogBenchOptions& options, const Archive& archive, const std::string& label,
                                 const std::string& container, bool expect_index) {
  ContainerResult result;
  result.label = label;
  const int files = static_cast<int>(archive.files.size());
  const fs::path db = options.dir / ("catalog-" + container + ".db");
  const fs::path scratch = options.dir / "ffprobe.csv";
  std::vector<fs::path> sample(
      archive.sample.begin(),
      archive.sample.begin() +
          std::min<ptrdiff_t>(options.ffprobe_sample, static_cast<ptrdiff_t>(archive.sample.size())));
  fmt::print("{}: {} files, {:.2f} GB, {}\n", label, files, static_cast<double>(archive.bytes) / 1e9,
             archive.root.string());
  // Warm-up: the cache, the libraries, and the facts to check.
  CatFiles(archive);
  CatalogSamples warm;
  std::vector<xk::RecordingFacts> facts;
  MeasureCatalog(archive, db, 1, files, &warm, &facts);
  result.video_seconds =
      CheckFacts(archive, facts, container, expect_index, static_cast<double>(files) * kBigSeconds, scratch);
  fs::remove(scratch);

  Samples cat;
  CatalogSamples one, many;
  std::vector<double> ffprobe;
  for (int i = 0; i < options.repeat; ++i) {
    if (!options.catalog_only) {
      ChildRun c = CatFiles(archive);
      cat.wall.push_back(c.wall);
      cat.cpu.push_back(c.cpu);
    }
    MeasureCatalog(archive, db, 1, files, &one, nullptr);
    if (options.jobs > 1) MeasureCatalog(archive, db, options.jobs, files, &many, nullptr);
    if (!options.catalog_only) ffprobe.push_back(FfprobePerFile(sample));
  }
  result.cat = cat.Get();
  result.one_job = one.Get();
  result.n_jobs = options.jobs > 1 ? many.Get() : result.one_job;
  result.ffprobe_per_file = Median(ffprobe);
  result.ffprobe_total = result.ffprobe_per_file * files;
  RemoveDatabase(db);
  return result;
}

void PrintRate(const char* what, double seconds, int files, int64_t bytes, const std::string& extra) {
  fmt::print("  {:<34} {:8.3f} s {:9.0f} files/s {:7.2f} GB/s{}\n", what, seconds, files / seconds,
             static_cast<double>(bytes) / 1e9 / seconds, extra);
}

void PrintContainer(const CatalogBenchOptions& options, const Archive& archive, const ContainerResult& r) {
  const int files = static_cast<int>(archive.files.size());
  const bool cat = r.cat.wall > 0;
  auto vs_cat = [&](const Medians& m) {
    return cat ? fmt::format("; {:.2f}x cat's time, {:.2f}x its cpu", m.wall / r.cat.wall, m.cpu / r.cat.cpu)
               : std::string();
  };
  fmt::print("  medians of {} runs (wall; cpu in brackets), {:.0f} s of video:\n", options.repeat, r.video_seconds);
  if (cat) PrintRate("cat > /dev/null", r.cat.wall, files, archive.bytes, fmt::format("  [cpu {:.3f} s]", r.cat.cpu));
  PrintRate("catalog, 1 job, new database", r.one_job.first.wall, files, archive.bytes,
            fmt::format("  [cpu {:.3f} s] read {:.1f} MB{}", r.one_job.first.cpu,
                        static_cast<double>(r.one_job.first_bytes_read) / 1e6, vs_cat(r.one_job.first)));
  if (options.jobs > 1) {
    PrintRate(fmt::format("catalog, {} jobs, new database", options.jobs).c_str(), r.n_jobs.first.wall, files,
              archive.bytes, fmt::format("  [cpu {:.3f} s]{}", r.n_jobs.first.cpu, vs_cat(r.n_jobs.first)));
  }
  if (r.ffprobe_per_file > 0) {
    PrintRate("ffprobe -show_packets (extrapolated)", r.ffprobe_total, files, archive.bytes,
              fmt::format("  {:.1f} ms a file, timed on {} files", r.ffprobe_per_file * 1e3,
                          std::min<size_t>(archive.sample.size(), static_cast<size_t>(options.ffprobe_sample))));
    fmt::print("  catalog vs ffprobe: {:.1f}x faster (1 job), {:.1f}x ({} jobs)\n",
               r.ffprobe_total / r.one_job.first.wall, r.ffprobe_total / r.n_jobs.first.wall, options.jobs);
  }
  fmt::print(
      "  second run, unchanged ({} jobs): catalog {:.4f} s [cpu {:.4f} s]; with loading the records {:.4f} s "
      "and opening the database {:.4f} s: {:.4f} s\n",
      options.jobs, r.n_jobs.second.wall, r.n_jobs.second.cpu, r.n_jobs.second_load, r.n_jobs.second_open,
      r.n_jobs.second_total);
  if (r.binary.ran) {
    fmt::print(
        "  xunkao audit --jobs {}: first run {:.1f} s{} (with picture analysis), unchanged re-run {:.3f} s "
        "[cpu {:.3f} s]\n",
        options.jobs, r.binary.first, r.binary.first_reused ? " (an earlier bench run)" : "", r.binary.second.wall,
        r.binary.second.cpu);
  }
  std::fflush(stdout);
}

}  // namespace xk::bench
