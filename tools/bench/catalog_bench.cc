// catalog_bench: how fast the catalog stage (src/audit/recording_catalog.h) reads an exam
// centre's CCTV archive, against reading the same bytes with `cat` and against
// `ffprobe -show_packets`, and how long an unchanged re-run takes.
//
//   catalog_bench DIR [--repeat 5] [--jobs 2] [--ffprobe-sample 10] [--small-files 10000]
//                     [--nightly-new 20] [--xunkao PATH] [--no-binary] [--only mp4|ps|small|nightly]
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
// The targets: the MP4 catalog (1 job) at least 20x faster than ffprobe (1 process); the MPEG-PS
// catalog (1 job) within 2x of cat's time; the unchanged re-run of 10,000 files under 2 s; the
// nightly run under 10 s plus the new files' analysis.
// Exit status 0 when all are met, 1 when one is not, 2 usage, 3 failure.
// --only measures one archive; --catalog-only skips cat, ffprobe and the binary (for perf).
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "records/archive_loader.h"
#include "records/audit_config.h"
#include "records/civil_time.h"
#include "records/resident_id.h"
#include "records/store/audit_store.h"
#include "src/audit/recording_catalog.h"
#include "src/audit/stage_times.h"
#include "tools/bench/bench_support.h"
#include "tools/demo/cctv_video.h"

namespace {

namespace fs = std::filesystem;
using xk::bench::BytesReadSoFar;
using xk::bench::ChildRun;
using xk::bench::Clock;
using xk::bench::LinkOrCopy;
using xk::bench::LoadAverage;
using xk::bench::Median;
using xk::bench::ReadText;
using xk::bench::RunChild;
using xk::bench::SecondsSince;
using xk::bench::SelfCpuSeconds;
using xk::bench::Verdict;
using xk::bench::WriteText;

// Bump when the recordings written change, so cached ones are not reused.
constexpr const char* kMediaFolder = "media-v1";
// Bump when the archives' layout or tables change.
constexpr int kArchiveVersion = 1;

constexpr double kTargetFfprobeRatio = 20.0;
constexpr double kTargetCatRatio = 2.0;
constexpr double kTargetRerunSeconds = 2.0;
constexpr double kTargetNightlySeconds = 10.0;  // besides the new files' analysis

struct Options {
  fs::path dir;
  int repeat = 5;
  int jobs = 2;
  int ffprobe_sample = 10;
  int small_files = 10000;
  int nightly_new = 20;
  fs::path xunkao;
  bool binary = true;
  std::string only;           // "" (all), "mp4", "ps", "small", "nightly"
  bool catalog_only = false;  // no cat, no ffprobe, no binary: for profiling the catalog
};

// ---------------------------------------------------------------- recordings, generated once

struct MediaSet {
  std::vector<fs::path> mp4;    // the big recordings as MP4
  std::vector<fs::path> ps;     // the same streams as MPEG-PS
  std::vector<fs::path> small;  // short low-resolution MP4 recordings
};

constexpr int kDistinct = 20;
constexpr int kBigSeconds = 36;
constexpr int kSmallDistinct = 4;
constexpr int kSmallSeconds = 30;

xk::CctvScript BigScript(int index, const std::string& container) {
  xk::CctvScript script;
  script.width = 1280;
  script.height = 720;
  script.fps = 10;
  script.duration_s = kBigSeconds;
  script.codec = "h264";
  script.container = container;
  script.gop = 50;
  script.bitrate = 3'000'000;
  script.seed = static_cast<uint32_t>(index + 1);
  script.osd_start = xk::ToInstant(xk::DateFromYmd(2024, 3, 15), 9 * 3600 + index * kBigSeconds, script.zone);
  script.camera_name = fmt::format("K0{}-C{}", 1 + index % 2, 1 + index / 2 % 2);
  return script;
}

xk::CctvScript SmallScript(int index) {
  xk::CctvScript script;  // 320x180, 10 fps, GOP 25, 300 kbit/s
  script.duration_s = kSmallSeconds;
  script.container = "mp4";
  script.seed = static_cast<uint32_t>(100 + index);
  script.osd_start = xk::ToInstant(xk::DateFromYmd(2024, 4, 1), 9 * 3600, script.zone);
  script.camera_name = fmt::format("C{}", index + 1);
  return script;
}

// Writes the recordings that are not there yet (each to a temporary name, renamed when
// complete, so an interrupted generation resumes), `jobs` at a time.
MediaSet EnsureMedia(const fs::path& dir, int jobs) {
  const fs::path folder = dir / kMediaFolder;
  fs::create_directories(folder);
  MediaSet set;
  std::vector<xk::bench::RecordingJob> jobs_to_do;
  auto want = [&](const fs::path& path, const xk::CctvScript& script) {
    if (!fs::exists(path)) jobs_to_do.push_back({path, script});
  };
  for (int i = 0; i < kDistinct; ++i) {
    set.mp4.push_back(folder / fmt::format("cctv-{:02}.mp4", i));
    set.ps.push_back(folder / fmt::format("cctv-{:02}.mpg", i));
    want(set.mp4.back(), BigScript(i, "mp4"));
    want(set.ps.back(), BigScript(i, "mpegps"));
  }
  for (int i = 0; i < kSmallDistinct; ++i) {
    set.small.push_back(folder / fmt::format("small-{}.mp4", i));
    want(set.small.back(), SmallScript(i));
  }
  if (jobs_to_do.empty()) return set;

  fmt::print("generating {} recordings into {} ({} at a time; several minutes)...\n", jobs_to_do.size(),
             folder.string(), jobs);
  std::fflush(stdout);
  const auto start = Clock::now();
  const std::vector<std::string> errors = xk::bench::WriteMissingRecordings(jobs_to_do, jobs);
  if (!errors.empty()) throw std::runtime_error(errors.front());
  fmt::print("  generated in {:.0f} s\n", SecondsSince(start));
  return set;
}

// ---------------------------------------------------------------- archives, built from links

struct ArchiveSpec {
  std::string name;  // folder under DIR
  int centres = 1;
  int rooms = 2;
  int cameras = 2;
  int days = 1;
  int files_per_day = 50;  // per camera, consecutive from 09:00
  int file_seconds = kBigSeconds;
  std::string extension;
  std::vector<fs::path> sources;  // cycled through
  xk::Date first_day = xk::DateFromYmd(2024, 3, 15);

  int files() const { return centres * rooms * cameras * days * files_per_day; }
  std::string Describe() const {
    std::string text = fmt::format(
        "version={}\ncentres={}\nrooms={}\ncameras={}\ndays={}\nfiles_per_day={}\n"
        "file_seconds={}\nextension={}\nfirst_day={}\n",
        kArchiveVersion, centres, rooms, cameras, days, files_per_day, file_seconds, extension, first_day.days);
    for (const auto& source : sources) text += "source=" + source.string() + "\n";
    return text;
  }
};

struct Archive {
  fs::path root;
  std::string key;              // what the archive was built from (ArchiveSpec::Describe)
  std::vector<fs::path> files;  // every recording, absolute
  int64_t bytes = 0;
  std::vector<fs::path> sample;  // first files of distinct sources (for ffprobe)
};

std::string Ymd(xk::Date date, const char* format) {
  int y = 0, m = 0, d = 0;
  xk::YmdFromDate(date, &y, &m, &d);
  return fmt::format(fmt::runtime(format), y, m, d);
}

std::string Hms(int seconds, const char* format) {
  return fmt::format(fmt::runtime(format), seconds / 3600, seconds / 60 % 60, seconds % 60);
}

// An 18-digit resident ID number with a valid check character.
std::string ResidentId(int serial) {
  std::string id = fmt::format("220102198{:01}{:02}{:02}{:03}", serial / 100000 % 10, 1 + serial / 1000 % 12,
                               1 + serial / 10 % 28, serial % 1000);
  return id + xk::ResidentIdCheckCharacter(id);
}

// The archive's recording paths in a fixed order, with the source each one is.
template <typename Visit>
void ForEachRecording(const ArchiveSpec& spec, Visit visit) {
  size_t index = 0;
  for (int c = 0; c < spec.centres; ++c) {
    for (int r = 0; r < spec.rooms; ++r) {
      for (int k = 0; k < spec.cameras; ++k) {
        for (int d = 0; d < spec.days; ++d) {
          const xk::Date day{spec.first_day.days + d};
          for (int f = 0; f < spec.files_per_day; ++f) {
            const fs::path relative = fs::path("exams") / fmt::format("KD{:03}", c + 1) / "video" /
                                      fmt::format("K{:02}", r + 1) / fmt::format("C{}", k + 1) /
                                      Ymd(day, "{:04}{:02}{:02}") /
                                      (Hms(9 * 3600 + f * spec.file_seconds, "{:02}{:02}{:02}") + spec.extension);
            visit(relative, spec.sources[index % spec.sources.size()]);
            ++index;
          }
        }
      }
    }
  }
}

void WriteTables(const fs::path& root, const ArchiveSpec& spec) {
  std::string institutions = "code,name,kind,county\n";
  int staff_serial = 0;
  const int session_minutes = (spec.files_per_day * spec.file_seconds + 59) / 60;
  for (int c = 0; c < spec.centres; ++c) {
    const std::string code = fmt::format("KD{:03}", c + 1);
    institutions += fmt::format("{},基准考点{},exam,朝阳区\n", code, c + 1);
    std::string plan = "session_id,date,start,end,room,mode,subject,planned_candidates\n";
    std::string sessions = "session_id,date,start,end,room,proctors,examiners,mode\n";
    std::string staff = "staff_id,name,role,employer\n";
    std::string cameras = "room,camera,position\n";
    for (int r = 0; r < spec.rooms; ++r) {
      const std::string room = fmt::format("K{:02}", r + 1);
      for (int k = 0; k < spec.cameras; ++k) cameras += fmt::format("{},C{},{}\n", room, k + 1, k ? "后墙" : "前墙");
      std::vector<std::string> proctors, examiners;
      for (int p = 0; p < 2; ++p) {
        proctors.push_back(ResidentId(++staff_serial));
        staff += fmt::format("{},监考{},proctor,{}\n", proctors.back(), staff_serial, code);
        examiners.push_back(ResidentId(++staff_serial));
        staff += fmt::format("{},考评{},examiner,{}\n", examiners.back(), staff_serial, code);
      }
      for (int d = 0; d < spec.days; ++d) {
        const xk::Date day{spec.first_day.days + d};
        const std::string session = fmt::format("{}-{}-{}", code, room, Ymd(day, "{:04}{:02}{:02}"));
        const std::string date = Ymd(day, "{:04}-{:02}-{:02}");
        const std::string start = "09:00";
        const std::string end = Hms(9 * 3600 + session_minutes * 60, "{:02}:{:02}");
        plan += fmt::format("{},{},{},{},{},theory,安全生产知识,0\n", session, date, start, end, room);
        sessions += fmt::format("{},{},{},{},{},{};{},{};{},theory\n", session, date, start, end, room, proctors[0],
                                proctors[1], examiners[0], examiners[1]);
      }
    }
    const fs::path folder = root / "exams" / code;
    WriteText(folder / "plan.csv", plan);
    WriteText(folder / "sessions.csv", sessions);
    WriteText(folder / "candidates.csv", "session_id,candidate_id,name,training_institution,class_id,score,result\n");
    WriteText(folder / "staff.csv", staff);
    WriteText(folder / "cameras.csv", cameras);
  }
  WriteText(root / "institutions.csv", institutions);
}

Archive EnsureArchive(const fs::path& dir, const ArchiveSpec& spec) {
  Archive archive;
  archive.root = dir / spec.name;
  const fs::path marker = archive.root / ".complete";
  const std::string wanted = spec.Describe();
  archive.key = wanted;
  if (ReadText(marker) != wanted) {
    fs::remove_all(archive.root);
    WriteTables(archive.root, spec);
    ForEachRecording(spec, [&](const fs::path& relative, const fs::path& source) {
      fs::create_directories((archive.root / relative).parent_path());
      LinkOrCopy(source, archive.root / relative);
    });
    WriteText(marker, wanted);
  }
  std::vector<fs::path> sampled_sources;
  ForEachRecording(spec, [&](const fs::path& relative, const fs::path& source) {
    archive.files.push_back(archive.root / relative);
    archive.bytes += static_cast<int64_t>(fs::file_size(archive.files.back()));
    if (std::find(sampled_sources.begin(), sampled_sources.end(), source) == sampled_sources.end()) {
      sampled_sources.push_back(source);
      archive.sample.push_back(archive.files.back());
    }
  });
  return archive;
}

// ---------------------------------------------------------------- child processes

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

// ---------------------------------------------------------------- the catalog, in process

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

void RemoveDatabase(const fs::path& db) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal", ".lock"}) fs::remove(db.string() + suffix);
}

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

// ---------------------------------------------------------------- one archive, measured

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

struct BinaryFigures {
  bool ran = false;
  double first = 0;
  bool first_reused = false;
  Medians second;
};

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
BinaryFigures MeasureBinary(const Options& options, const Archive& archive, const std::string& name) {
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

struct ContainerResult {
  std::string label;
  double video_seconds = 0;
  Medians cat;
  CatalogMedians one_job, n_jobs;
  double ffprobe_per_file = 0;
  double ffprobe_total = 0;  // extrapolated
  BinaryFigures binary;
};

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

ContainerResult MeasureContainer(const Options& options, const Archive& archive, const std::string& label,
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

// ---------------------------------------------------------------- printing

void PrintRate(const char* what, double seconds, int files, int64_t bytes, const std::string& extra = "") {
  fmt::print("  {:<34} {:8.3f} s {:9.0f} files/s {:7.2f} GB/s{}\n", what, seconds, files / seconds,
             static_cast<double>(bytes) / 1e9 / seconds, extra);
}

void PrintContainer(const Options& options, const Archive& archive, const ContainerResult& r) {
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

// ---------------------------------------------------------------- the nightly run

struct NightlyFigures {
  bool ran = false;
  int files = 0;
  int new_files = 0;
  Medians whole;
  std::vector<std::pair<std::string, double>> stages;  // medians, in the run's order
  std::string summary;                                 // the last run's summary line
};

// The stages of the run's summary line: "...；用时 2.31 s（打开数据库 0.01 s，读取记录 0.40 s，…）".
std::vector<std::pair<std::string, double>> StagesOfSummary(const std::string& log) {
  const std::string open = "（", close = "）", comma = "，";
  std::vector<std::pair<std::string, double>> stages;
  const size_t total = log.rfind("用时 ");
  if (total == std::string::npos) return stages;
  const size_t from = log.find(open, total);
  const size_t to = from == std::string::npos ? from : log.find(close, from);
  if (to == std::string::npos) return stages;
  const std::string inside = log.substr(from + open.size(), to - from - open.size());
  for (size_t start = 0; start < inside.size();) {
    size_t end = inside.find(comma, start);
    if (end == std::string::npos) end = inside.size();
    const std::string part = inside.substr(start, end - start);  // "读取记录 0.40 s"
    const size_t space = part.find(' ');
    if (space != std::string::npos) {
      stages.emplace_back(part.substr(0, space), std::strtod(part.c_str() + space + 1, nullptr));
    }
    start = end + comma.size();
  }
  return stages;
}

// archive-small (hard links, tables copied) plus `new_files` recordings of a day after it.
fs::path EnsureNightlyArchive(const Options& options, const Archive& small, const MediaSet& media) {
  const fs::path root = options.dir / "archive-nightly";
  const std::string wanted = fmt::format("{}nightly-new={}\n", small.key, options.nightly_new);
  if (ReadText(root / ".complete") == wanted) return root;
  fs::remove_all(root);
  fs::create_directories(root);
  for (const auto& entry : fs::recursive_directory_iterator(small.root)) {
    const fs::path target = root / entry.path().lexically_relative(small.root);
    if (entry.is_directory()) {
      fs::create_directories(target);
    } else if (entry.path().filename() != ".complete") {
      LinkOrCopy(entry.path(), target);
    }
  }
  const fs::path day = root / "exams/KD001/video";
  for (int i = 0; i < options.nightly_new; ++i) {
    const fs::path folder = day / fmt::format("K{:02}", 1 + i / 10 % 4) / fmt::format("C{}", 1 + i % 2) / "20300601";
    fs::create_directories(folder);
    LinkOrCopy(media.mp4[static_cast<size_t>(i) % media.mp4.size()],
               folder / (Hms(9 * 3600 + i / 2 * kBigSeconds, "{:02}{:02}{:02}") + ".mp4"));
  }
  WriteText(root / ".complete", wanted);
  return root;
}

// `xunkao audit` of archive-nightly, each time on a fresh copy of the small archive's first-run
// database: the 10,000 files are known, the new ones are probed and analysed.
NightlyFigures MeasureNightly(const Options& options, const Archive& small, const MediaSet& media) {
  NightlyFigures figures;
  const fs::path first_db = options.dir / "first-small";
  if (!options.binary || !fs::exists(first_db / "xunkao.db")) return figures;
  const fs::path root = EnsureNightlyArchive(options, small, media);
  const fs::path out = options.dir / "out-nightly";
  const fs::path log = options.dir / "audit-nightly.log";
  const std::vector<std::string> argv = {
      options.xunkao.string(), "audit", root.string(), "--out", out.string(), "--jobs", std::to_string(options.jobs)};
  Samples whole;
  std::map<std::string, std::vector<double>> by_stage;
  std::vector<std::string> order;
  for (int i = 0; i < options.repeat; ++i) {
    fs::remove_all(out);
    CopyDatabase(first_db, out);
    ChildRun run = RunChild(argv, "/dev/null", log.string());
    if (run.exit_code != 0) throw std::runtime_error("xunkao audit failed; see " + log.string());
    whole.wall.push_back(run.wall);
    whole.cpu.push_back(run.cpu);
    const std::string text = ReadText(log);
    auto stages = StagesOfSummary(text);
    if (stages.empty()) throw std::runtime_error("no stage times in the run's summary line; see " + log.string());
    for (const auto& [name, seconds] : stages) {
      if (!by_stage.count(name)) order.push_back(name);
      by_stage[name].push_back(seconds);
    }
    const size_t line = text.rfind("xunkao: 运行 ");
    figures.summary = line == std::string::npos ? "" : text.substr(line, text.find('\n', line) - line);
  }
  figures.ran = true;
  figures.files = static_cast<int>(small.files.size()) + options.nightly_new;
  figures.new_files = options.nightly_new;
  figures.whole = whole.Get();
  for (const auto& name : order) figures.stages.emplace_back(name, Median(by_stage[name]));
  return figures;
}

double NewFilesSeconds(const NightlyFigures& figures) {
  for (const auto& [name, seconds] : figures.stages) {
    if (name == xk::kNewRecordingsStage) return seconds;
  }
  return 0;
}

// ---------------------------------------------------------------- command line

[[noreturn]] void Usage(const std::string& problem) {
  fmt::print(stderr,
             "catalog_bench: {}\nusage: catalog_bench DIR [--repeat 5] [--jobs 2] [--ffprobe-sample 10] "
             "[--small-files 10000] [--nightly-new 20] [--xunkao PATH (default: next to catalog_bench)] [--no-binary] "
             "[--only mp4|ps|small|nightly] "
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

Options ParseOptions(int argc, char** argv) {
  Options options;
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
      if (options.only != "mp4" && options.only != "ps" && options.only != "small" && options.only != "nightly") {
        Usage("--only takes mp4, ps, small or nightly");
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

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
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
    if (options.small_files > 0 && (wanted("small") || wanted("nightly"))) {
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
      if (!wanted("small")) MeasureBinary(options, small, "small");  // the database the nightly run starts from
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
    fmt::print("load average at the end: {}\n", LoadAverage());
    return met && rerun_met ? 0 : 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "catalog_bench: {}\n", e.what());
    return 3;
  }
}
