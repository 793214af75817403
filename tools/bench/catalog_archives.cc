#include "tools/bench/catalog_archives.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "records/resident_id.h"
#include "tools/bench/bench_support.h"
#include "tools/demo/cctv_video.h"

namespace xk::bench {

namespace fs = std::filesystem;

namespace {

// Bump when the recordings written change, so cached ones are not reused.
constexpr const char* kMediaFolder = "media-v1";
// Bump when the archives' layout or tables change.
constexpr int kArchiveVersion = 1;

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

}  // namespace

std::string ArchiveSpec::Describe() const {
  std::string text = fmt::format(
      "version={}\ncentres={}\nrooms={}\ncameras={}\ndays={}\nfiles_per_day={}\n"
      "file_seconds={}\nextension={}\nfirst_day={}\n",
      kArchiveVersion, centres, rooms, cameras, days, files_per_day, file_seconds, extension, first_day.days);
  for (const auto& source : sources) text += "source=" + source.string() + "\n";
  return text;
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

fs::path EnsureNightlyArchive(const fs::path& dir, int nightly_new, const Archive& small, const MediaSet& media) {
  const fs::path root = dir / "archive-nightly";
  const std::string wanted = fmt::format("{}nightly-new={}\n", small.key, nightly_new);
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
  for (int i = 0; i < nightly_new; ++i) {
    const fs::path folder = day / fmt::format("K{:02}", 1 + i / 10 % 4) / fmt::format("C{}", 1 + i % 2) / "20300601";
    fs::create_directories(folder);
    LinkOrCopy(media.mp4[static_cast<size_t>(i) % media.mp4.size()],
               folder / (Hms(9 * 3600 + i / 2 * kBigSeconds, "{:02}{:02}{:02}") + ".mp4"));
  }
  WriteText(root / ".complete", wanted);
  return root;
}

}  // namespace xk::bench
