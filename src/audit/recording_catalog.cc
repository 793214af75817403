#include "src/audit/recording_catalog.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "records/hashing.h"
#include "records/store/media_store.h"
#include "src/audit/recording_name.h"
#include "src/media/probe.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

struct FileStat {
  bool exists = false;
  int64_t size = 0;
  int64_t mtime = 0;
};

FileStat StatFile(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return FileStat{true, static_cast<int64_t>(st.st_size), static_cast<int64_t>(st.st_mtim.tv_sec)};
}

// Every recording the archive names: by layout under video/ and by recordings.csv.
std::vector<RecordingFacts> FindRecordings(const fs::path& root, const ArchiveModel& model, const AuditConfig& config,
                                           std::vector<LoadIssue>* issues) {
  std::vector<std::string> patterns = config.recording_name_patterns;
  patterns.push_back(kDefaultRecordingPattern);
  patterns.push_back("{room}/{camera}/*/*");
  patterns.push_back("{room}/{camera}/*");
  std::map<std::string, RecordingFacts> found;  // by archive-relative path
  for (const auto& institution : model.institutions) {
    if (institution.kind != InstitutionKind::kExam) continue;
    const std::string base = "exams/" + institution.code;
    fs::path video = root / base / "video";
    std::error_code ec;
    if (fs::is_directory(video, ec)) {
      for (fs::recursive_directory_iterator it(video, fs::directory_options::skip_permission_denied, ec), end;
           it != end; it.increment(ec)) {
        if (ec) break;
        if (!it->is_regular_file(ec)) continue;
        std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        // The iterator's paths are `video` / ... and it does not descend into linked folders, so
        // the path under video/ is its tail: no file system call. fs::relative canonicalises
        // both paths (a readlink per component, most of an unchanged re-run's time); it is kept
        // for a linked file, whose canonical path is its target's.
        std::string under_video = it->is_symlink(ec) ? fs::relative(it->path(), video, ec).generic_string()
                                                     : it->path().lexically_relative(video).generic_string();
        std::string relative = base + "/video/" + under_video;
        auto parsed = MatchRecordingName(under_video, patterns, config.policy.zone);
        if (!parsed) {
          issues->push_back(LoadIssue{relative, 0, "",
                                      "无法从路径判断考场和摄像机（应为 video/考场/摄像机/日期/时间.扩展名），已跳过",
                                      "cannot tell room and camera from the path (expected "
                                      "video/<room>/<camera>/<YYYYMMDD>/<HHMMSS>.<ext>); skipped"});
          continue;
        }
        RecordingFacts r;
        r.institution = institution.code;
        r.room = parsed->room;
        r.camera = parsed->camera;
        r.path = relative;
        r.name_start = parsed->start;
        r.name_start_origin = parsed->start ? "name" : "";
        r.claimed_end = parsed->end;
        found[relative] = std::move(r);
      }
    }
  }
  for (const auto& entry : model.recording_index) {
    std::string relative = "exams/" + entry.institution + "/" + entry.file;
    RecordingFacts& r = found[relative];
    r.institution = entry.institution;
    r.room = entry.room;
    r.camera = entry.camera;
    r.path = relative;
    if (entry.start) {
      r.name_start = entry.start;
      r.name_start_origin = "index";
    }
    if (entry.end) r.claimed_end = entry.end;
  }
  std::vector<RecordingFacts> out;
  out.reserve(found.size());
  for (auto& [path, r] : found) out.push_back(std::move(r));
  return out;
}

// Whether a stored probe answers this run: an unreadable file has no pictures to analyse; a
// readable one must have been analysed when this run analyses, and from every frame when this
// run is thorough.
bool AnalysedEnough(const MediaProbe& stored, const CatalogOptions& options) {
  if (stored.unreadable != UnreadableKind::kNone || !options.analyse) return true;
  return stored.analysed && (stored.thorough || !options.thorough);
}

}  // namespace

std::vector<RecordingFacts> CatalogRecordings(const fs::path& root, const ArchiveModel& model,
                                              const AuditConfig& config, store::Database& db, int64_t run_id,
                                              const CatalogOptions& options, Progress* progress, CatalogStats* stats,
                                              std::vector<LoadIssue>* issues) {
  std::vector<RecordingFacts> recordings = FindRecordings(root, model, config, issues);
  auto catalogued = store::LoadMediaCatalog(db);

  std::vector<size_t> to_probe;
  std::vector<std::string> present;
  for (size_t i = 0; i < recordings.size(); ++i) {
    RecordingFacts& r = recordings[i];
    FileStat st = StatFile(root / r.path);
    present.push_back(r.path);
    if (!st.exists) {
      r.probe = MediaProbe{};
      r.probe.unreadable = UnreadableKind::kMissing;
      r.probe.reason = "recordings.csv 列出的文件不存在 (listed in recordings.csv but not on disk)";
      r.start = r.name_start.value_or(0);
      continue;
    }
    r.size = st.size;
    r.mtime = st.mtime;
    auto it = catalogued.find(r.path);
    if (it != catalogued.end() && it->second.size == r.size && it->second.mtime == r.mtime &&
        it->second.name_start == r.name_start && AnalysedEnough(it->second.probe, options)) {
      r.probe = std::move(it->second.probe);
    } else {
      to_probe.push_back(i);
    }
  }
  stats->files_scanned = static_cast<int64_t>(recordings.size());
  stats->files_analysed = static_cast<int64_t>(to_probe.size());

  const auto analyse_start = std::chrono::steady_clock::now();
  int jobs = std::max(1, options.jobs);
  size_t batch = static_cast<size_t>(jobs) * 4;
  double hours = 0;
  if (progress) progress->Begin("分析录像", static_cast<int64_t>(to_probe.size()));
  for (size_t first = 0; first < to_probe.size(); first += batch) {
    size_t last = std::min(to_probe.size(), first + batch);
    std::atomic<size_t> next{first};
    auto work = [&] {
      for (size_t k = next++; k < last; k = next++) {
        RecordingFacts& r = recordings[to_probe[k]];
        std::string absolute = (root / r.path).string();
        r.probe = ProbeRecording(absolute);
        if (options.analyse && r.probe.unreadable == UnreadableKind::kNone) options.analyse(absolute, &r.probe);
        if (options.hash && r.probe.unreadable != UnreadableKind::kMissing) {
          r.probe.sha256 = Sha256File(absolute).value_or("");
        }
      }
    };
    std::vector<std::thread> workers;
    for (int j = 1; j < jobs && static_cast<size_t>(j) < last - first; ++j) workers.emplace_back(work);
    work();
    for (auto& worker : workers) worker.join();
    std::vector<RecordingFacts> done;
    for (size_t k = first; k < last; ++k) {
      done.push_back(recordings[to_probe[k]]);
      hours += recordings[to_probe[k]].probe.duration / 3600.0;
    }
    store::SaveMediaFacts(db, done, run_id);
    if (progress) progress->Advance(static_cast<int64_t>(last), hours);
  }
  if (progress) progress->End();
  stats->analyse_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - analyse_start).count();
  store::ForgetMissingMedia(db, present);

  for (auto& r : recordings) {
    if (r.name_start) {
      r.start = *r.name_start;
    } else if (r.probe.creation_time) {
      r.start = *r.probe.creation_time;
    }
  }
  return recordings;
}

}  // namespace xk
