// Picture analysis against FFmpeg's own filters on CCTV-like recordings.
//
//   picture_bench [--jobs N] [--thorough] [--minutes M] [--only NAME] [CACHE_DIR]
//
// Generates once into CACHE_DIR (default /tmp/xunkao-bench-picture; kept between runs) 1080p
// and 720p H.264 recordings as an exam-room camera writes them (25 fps, sensor noise, a mostly
// static room, GOP 50 / 25, 4 / 2 Mbit/s), each with a covered lens (black) and a frozen
// stretch; `--only NAME` takes one of them, or 1080p-smart, a 1080p recording with a keyframe
// every 10 s as "smart" codecs write them (every interval decoded in full). Then times, in child processes so each peak
// RSS is its own:
//   xunkao    the audit's analysis of every file (probe + PictureAnalyser, keyframe sampling,
//             N files at a time as the catalog runs them), then the black/frozen rules;
//   ffmpeg    ffmpeg -i F -vf blackdetect=d=5,freezedetect=n=-60dB:d=10 -an -f null -
//             one file after the other (its decoder threads use the cores);
// and, with --thorough, xunkao sampling every frame. Each xunkao mode runs twice: in-process
// and isolated as the audit runs it (each file analysed in an `xunkao analysis-worker` process,
// one per job), to measure what the isolation costs. Prints wall times, the speed ratio, peak
// RSS and whether the black and frozen intervals agree (every edge within 2 s).
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "detectors/picture.h"
#include "src/audit/analysis_worker.h"
#include "src/audit/recording_analysis.h"
#include "tools/bench/bench_support.h"
#include "tools/demo/cctv_video.h"

namespace fs = std::filesystem;
using namespace xk;

namespace {

constexpr double kEdgeTolerance = 2.0;

struct BenchFile {
  std::string name;
  CctvScript script;
  bool extra = false;  // measured only when named with --only
};

std::vector<BenchFile> BenchFiles(double minutes) {
  std::vector<BenchFile> files;
  const double seconds = minutes * 60;
  auto make = [&](const std::string& name, int width, int height, int gop, int64_t bitrate, uint32_t seed,
                  bool static_scene, bool extra = false) {
    CctvScript s;
    s.width = width;
    s.height = height;
    s.fps = 25;
    s.gop = gop;
    s.bitrate = bitrate;
    s.duration_s = seconds;
    s.seed = seed;
    s.static_scene = static_scene;
    s.osd_start = 1649984400;  // 2022-04-15 09:00:00 +08:00
    s.camera_name = name;
    s.black = {{seconds * 0.2, seconds * 0.2 + 20}};
    s.frozen = {{seconds * 0.55, seconds * 0.55 + 30}};
    files.push_back(BenchFile{name, s, extra});
  };
  make("1080p-room", 1920, 1080, 50, 4000000, 11, false);
  make("1080p-static", 1920, 1080, 50, 4000000, 12, true);
  make("720p-room", 1280, 720, 25, 2000000, 13, false);
  make("720p-static", 1280, 720, 25, 2000000, 14, true);
  // A "smart" codec's long GOP: a keyframe every 10 s, so every interval is decoded in full.
  make("1080p-smart", 1920, 1080, 250, 4000000, 15, false, true);
  return files;
}

std::string PathOf(const std::string& dir, const BenchFile& f, double minutes) {
  return dir + "/" + f.name + "-" + std::to_string(static_cast<int>(std::lround(minutes * 60))) + "s.mp4";
}

// Writes the recordings not yet in the cache, two at a time.
bool Generate(const std::string& dir, const std::vector<BenchFile>& files, double minutes) {
  fs::create_directories(dir);
  std::vector<bench::RecordingJob> jobs;
  for (const auto& f : files) jobs.push_back({PathOf(dir, f, minutes), f.script});
  const std::vector<std::string> errors =
      bench::WriteMissingRecordings(jobs, 2, [](const bench::RecordingJob& job, double seconds) {
        std::printf("generated %s (%.0f MB) in %.0f s\n", job.path.c_str(),
                    static_cast<double>(fs::file_size(job.path)) / 1e6, seconds);
        std::fflush(stdout);
      });
  for (const auto& error : errors) std::fprintf(stderr, "generating failed: %s\n", error.c_str());
  return errors.empty();
}

struct Intervals {
  std::vector<MediaInterval> black, frozen;
};

// The audit's analysis of `paths`, `jobs` files at a time, in this process or (when `worker` names
// the xunkao binary) each file in an analysis worker; prints "<index> black|frozen s e".
int AnalyseFiles(const std::vector<std::string>& paths, int jobs, bool thorough, const std::string& worker) {
  AuditPolicy policy;
  AnalysisSpec spec;
  spec.pictures = true;
  spec.thorough = thorough;
  spec.picture_threads = PictureThreadsFor(jobs, paths.size());  // as the catalog gives them
  spec.black_pixel_threshold = policy.black_pixel_threshold;
  std::vector<MediaProbe> probes(paths.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    std::unique_ptr<AnalysisWorker> isolated;
    if (!worker.empty()) isolated = std::make_unique<AnalysisWorker>(worker, spec);
    for (size_t i = next++; i < paths.size(); i = next++) {
      probes[i] = isolated ? isolated->Analyse(paths[i], paths[i], static_cast<int64_t>(fs::file_size(paths[i])))
                           : AnalyseRecording(paths[i], paths[i], spec);
    }
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < jobs; ++j) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!probes[i].analysed) {
      std::printf("%zu error %s\n", i, probes[i].reason.c_str());
      continue;
    }
    std::printf("%zu samples %zu %lld %lld\n", i, probes[i].samples.size(),
                static_cast<long long>(probes[i].frames_decoded), static_cast<long long>(probes[i].frames));
    for (const auto& b : BlackIntervals(probes[i].samples, probes[i].duration, policy)) {
      std::printf("%zu black %.3f %.3f\n", i, b.start, b.end);
    }
    for (const auto& f : FrozenIntervals(probes[i].samples, probes[i].duration, policy)) {
      std::printf("%zu frozen %.3f %.3f\n", i, f.start, f.end);
    }
  }
  return 0;
}

struct Decoded {
  size_t samples = 0;
  long long frames_decoded = 0, frames = 0;
};

std::vector<Intervals> ParseOurs(const std::string& output, size_t count, std::vector<Decoded>* samples) {
  std::vector<Intervals> out(count);
  samples->assign(count, Decoded{});
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    size_t index = 0;
    std::string kind;
    fields >> index >> kind;
    if (index >= count) continue;
    if (kind == "samples") {
      Decoded& d = (*samples)[index];
      fields >> d.samples >> d.frames_decoded >> d.frames;
    } else if (kind == "black" || kind == "frozen") {
      MediaInterval interval;
      fields >> interval.start >> interval.end;
      (kind == "black" ? out[index].black : out[index].frozen).push_back(interval);
    } else if (kind == "error") {
      std::fprintf(stderr, "xunkao could not analyse file %zu: %s\n", index, line.c_str());
    }
  }
  return out;
}

// ffmpeg's blackdetect/freezedetect on one file, its log on stdout.
int RunFfmpeg(const std::string& path) {
  dup2(STDOUT_FILENO, STDERR_FILENO);
  execlp("ffmpeg", "ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-i", path.c_str(), "-vf",
         "blackdetect=d=5,freezedetect=n=-60dB:d=10", "-an", "-f", "null", "-", static_cast<char*>(nullptr));
  std::perror("ffmpeg");
  return 127;
}

// The value after `key` at `from` or later in `log` ("black_start:12.5"), or -1 at the end.
double ValueAfter(const std::string& log, const std::string& key, size_t* from) {
  const size_t at = log.find(key, *from);
  if (at == std::string::npos) {
    *from = std::string::npos;
    return -1;
  }
  *from = at + key.size();
  return std::strtod(log.c_str() + *from, nullptr);
}

// blackdetect's "black_start:S black_end:E" and freezedetect's "freeze_start: S" ...
// "freeze_end: E" lines (a freeze still going at the end of the file has no end: -1).
Intervals ParseFfmpeg(const std::string& log) {
  Intervals out;
  for (size_t from = 0;;) {
    const double start = ValueAfter(log, "black_start:", &from);
    if (from == std::string::npos) break;
    const double end = ValueAfter(log, "black_end:", &from);
    if (from == std::string::npos) break;
    out.black.push_back(MediaInterval{start, end});
  }
  for (size_t from = 0;;) {
    const double start = ValueAfter(log, "freeze_start:", &from);
    if (from == std::string::npos) break;
    size_t next_start = from, end_at = from;
    ValueAfter(log, "freeze_start:", &next_start);
    const double end = ValueAfter(log, "freeze_end:", &end_at);
    const bool closed = end_at != std::string::npos && (next_start == std::string::npos || end_at < next_start);
    out.frozen.push_back(MediaInterval{start, closed ? end : -1});
  }
  return out;
}

std::string Show(const std::vector<MediaInterval>& intervals) {
  std::string out;
  for (const auto& i : intervals) {
    char text[64];
    std::snprintf(text, sizeof(text), "%s[%.1f, %.1f)", out.empty() ? "" : " ", i.start, i.end);
    out += text;
  }
  return out.empty() ? "none" : out;
}

bool Agree(const std::vector<MediaInterval>& a, const std::vector<MediaInterval>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::abs(a[i].start - b[i].start) > kEdgeTolerance || std::abs(a[i].end - b[i].end) > kEdgeTolerance) {
      return false;
    }
  }
  return true;
}

void Usage() {
  std::fprintf(stderr, "usage: picture_bench [--jobs N] [--thorough] [--minutes M] [--only NAME] [CACHE_DIR]\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = "/tmp/xunkao-bench-picture";
  int jobs = 2;
  bool thorough = false;
  double minutes = 3;
  std::string only;  // one recording (e.g. 1080p-room): one long file on every core
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--jobs" && i + 1 < argc) {
      jobs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--thorough") {
      thorough = true;
    } else if (arg == "--minutes" && i + 1 < argc) {
      minutes = std::max(1.0, std::atof(argv[++i]));
    } else if (arg == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else if (arg == "-h" || arg == "--help") {
      Usage();
      return 0;
    } else if (!arg.empty() && arg[0] != '-') {
      dir = arg;
    } else {
      Usage();
      return 2;
    }
  }

  std::vector<BenchFile> files = BenchFiles(minutes);
  std::erase_if(files, [&](const BenchFile& f) { return only.empty() ? f.extra : f.name != only; });
  if (files.empty()) {
    std::fprintf(stderr, "no recording named %s (1080p-room, 1080p-static, 720p-room, 720p-static, 1080p-smart)\n",
                 only.c_str());
    return 2;
  }
  if (!Generate(dir, files, minutes)) return 1;
  std::vector<std::string> paths;
  double megabytes = 0;
  for (const auto& f : files) {
    paths.push_back(PathOf(dir, f, minutes));
    megabytes += static_cast<double>(fs::file_size(paths.back())) / 1e6;
  }
  std::printf("%zu recordings, %.1f min of video each, %.0f MB in all, in %s; %u cores\n", files.size(), minutes,
              megabytes, dir.c_str(), std::thread::hardware_concurrency());

  const double load = bench::LoadAverageOneMinute();

  // FFmpeg, one file after the other.
  std::vector<Intervals> reference;
  double ffmpeg_seconds = 0, ffmpeg_cpu = 0, ffmpeg_peak = 0;
  bool have_ffmpeg = true;
  for (const auto& path : paths) {
    const bench::ChildRun run = bench::RunInChild([&] { return RunFfmpeg(path); });
    if (run.exit_code != 0) {
      have_ffmpeg = false;
      std::fprintf(stderr, "ffmpeg failed on %s (is it installed?)\n", path.c_str());
      break;
    }
    ffmpeg_seconds += run.wall;
    ffmpeg_cpu += run.cpu;
    ffmpeg_peak = std::max(ffmpeg_peak, run.peak_rss_mib);
    reference.push_back(ParseFfmpeg(run.output));
  }

  // The xunkao binary beside this program runs the isolated modes.
  const std::string xunkao = bench::XunkaoBesideThisProgram().string();
  const bool have_xunkao = fs::exists(xunkao);
  if (!have_xunkao) std::fprintf(stderr, "%s not built: the isolated modes are skipped\n", xunkao.c_str());
  struct Mode {
    std::string name;
    bool every_frame;
    std::string worker;
  };
  std::vector<Mode> modes = {{"keyframes", false, ""}};
  if (have_xunkao) modes.push_back({"keyframes+isolated", false, xunkao});
  if (thorough) modes.push_back({"thorough", true, ""});
  if (thorough && have_xunkao) modes.push_back({"thorough+isolated", true, xunkao});
  std::printf("\nload average before the runs: %.1f (other processes share the cores: compare CPU seconds)\n", load);
  std::printf("%-18s %9s %9s %8s %9s %9s %8s %9s %9s\n", "mode", "wall s", "ffmpeg", "ratio", "cpu s", "ffmpeg",
              "ratio", "peak MiB", "ffmpeg");
  std::map<std::string, std::vector<Intervals>> ours;
  std::map<std::string, std::vector<Decoded>> sample_counts;
  for (const Mode& m : modes) {
    const std::string& mode = m.name;
    const bench::ChildRun run = bench::RunInChild([&] { return AnalyseFiles(paths, jobs, m.every_frame, m.worker); });
    if (run.exit_code != 0) {
      std::fprintf(stderr, "the xunkao analysis failed (%s)\n", mode.c_str());
      return 1;
    }
    ours[mode] = ParseOurs(run.output, paths.size(), &sample_counts[mode]);
    std::printf("%-18s %9.2f %9.2f %7.1fx %9.2f %9.2f %7.1fx %9.0f %9.0f\n", mode.c_str(), run.wall, ffmpeg_seconds,
                have_ffmpeg ? ffmpeg_seconds / run.wall : 0.0, run.cpu, ffmpeg_cpu,
                have_ffmpeg ? ffmpeg_cpu / run.cpu : 0.0, run.peak_rss_mib, ffmpeg_peak);
  }
  std::printf(
      "(xunkao: %zu files at a time, %d keyframe decoder threads each (thorough: %d frame threads); ffmpeg: one file "
      "at a time, its own threads)\n",
      std::min(paths.size(), static_cast<size_t>(jobs)), PictureThreadsFor(jobs, paths.size()),
      std::max(2, PictureThreadsFor(jobs, paths.size())));

  std::printf("\nintervals (seconds from the file start; agree = every edge within %.0f s of ffmpeg's)\n",
              kEdgeTolerance);
  bool all_agree = true;
  for (size_t i = 0; i < paths.size(); ++i) {
    std::printf("%s\n", files[i].name.c_str());
    if (have_ffmpeg) {
      std::printf("  %-18s black %-18s frozen %s\n", "ffmpeg", Show(reference[i].black).c_str(),
                  Show(reference[i].frozen).c_str());
    }
    for (const Mode& m : modes) {
      const std::string& mode = m.name;
      const Intervals& mine = ours[mode][i];
      const bool agree =
          have_ffmpeg && Agree(mine.black, reference[i].black) && Agree(mine.frozen, reference[i].frozen);
      all_agree = all_agree && agree;
      const Decoded& d = sample_counts[mode][i];
      std::printf("  %-18s black %-18s frozen %-18s samples %-5zu decoded %5.1f%% %s\n", mode.c_str(),
                  Show(mine.black).c_str(), Show(mine.frozen).c_str(), d.samples,
                  d.frames > 0 ? 100.0 * static_cast<double>(d.frames_decoded) / static_cast<double>(d.frames) : 0.0,
                  have_ffmpeg ? (agree ? "agree" : "DISAGREE") : "");
    }
  }
  std::printf("\n%s\n", have_ffmpeg ? (all_agree ? "all intervals agree with ffmpeg" : "SOME INTERVALS DISAGREE")
                                    : "ffmpeg not run");
  return have_ffmpeg && !all_agree ? 1 : 0;
}
