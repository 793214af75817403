#include "src/audit/recording_catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "records/archive_files.h"
#include "records/csv/encoding.h"
#include "records/store/media_store.h"
#include "src/audit/analysis_worker.h"
#include "src/audit/recording_analysis.h"
#include "src/audit/recording_name.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

// Where an institution's tables and recordings are: exams/<code> or training/<code>.
std::string InstitutionFolder(InstitutionKind kind, const std::string& code) {
  return (kind == InstitutionKind::kExam ? "exams/" : "training/") + code;
}

// Every recording the archive names, exam rooms' and classrooms': by layout under video/ and by
// recordings.csv.
std::vector<RecordingFacts> FindRecordings(const ArchiveRoot& archive, const ArchiveModel& model,
                                           const AuditConfig& config, std::vector<LoadIssue>* issues) {
  std::vector<std::string> patterns;
  for (const std::string& pattern : config.recording_name_patterns) {
    if (std::optional<std::string> error = RecordingPatternError(pattern)) {
      const std::string file = config.sources.empty() ? "audit.toml" : config.sources.back();
      issues->push_back(LoadIssue{file, 0, "name_patterns", *error + "；已忽略该模式", *error + "; ignored"});
      continue;
    }
    patterns.push_back(pattern);
  }
  patterns.push_back(kDefaultRecordingPattern);
  patterns.push_back("{room}/{camera}/*/*");
  patterns.push_back("{room}/{camera}/*");
  const RecordingNameMatcher matcher(patterns);
  std::map<std::string, RecordingFacts> found;  // by archive-relative path as shown
  for (const auto& institution : model.institutions) {
    const std::string base = InstitutionFolder(institution.kind, institution.code);
    const std::string video = base + "/video";
    // Names the matcher could not place, by folder: thousands of stray files in one folder are
    // one load issue naming the first few, not thousands.
    std::map<std::string, std::vector<std::string>> unplaced;
    WalkArchiveFolder(
        archive, video,
        [&](const std::string& under_video_bytes, const fs::path&) {
          const std::string under_video = DisplayName(under_video_bytes);
          const std::string relative = video + "/" + under_video;
          auto parsed = matcher.Match(under_video, config.policy.zone);
          if (!parsed) {
            const size_t slash = relative.rfind('/');
            unplaced[relative.substr(0, slash)].push_back(relative.substr(slash + 1));
            return;
          }
          RecordingFacts r;
          r.institution = institution.code;
          r.room = parsed->room;
          r.camera = parsed->camera;
          r.path = relative;
          r.path_bytes = video + "/" + under_video_bytes;
          r.name_start = parsed->start;
          r.name_start_origin = parsed->start ? "name" : "";
          r.claimed_end = parsed->end;
          found[relative] = std::move(r);
        },
        issues);
    for (const auto& [folder, names] : unplaced) {
      std::string listed;
      for (size_t i = 0; i < names.size() && i < 5; ++i) listed += (i ? "、" : "") + names[i];
      if (names.size() > 5) listed += fmt::format(" 等 {} 个", names.size());
      const std::string file = names.size() == 1 ? folder + "/" + names[0] : folder;
      issues->push_back(
          LoadIssue{file, 0, "",
                    fmt::format("{}无法从路径判断考场和摄像机（应为 video/考场/摄像机/日期/时间.扩展名），已跳过",
                                names.size() == 1 ? "" : listed + "："),
                    fmt::format("{}cannot tell room and camera from the path (expected "
                                "video/<room>/<camera>/<YYYYMMDD>/<HHMMSS>.<ext>); skipped",
                                names.size() == 1 ? "" : fmt::format("{} files: ", names.size()))});
    }
  }
  std::map<std::string, InstitutionKind> kind_of;
  for (const auto& institution : model.institutions) kind_of.emplace(institution.code, institution.kind);
  for (const auto& entry : model.recording_index) {
    const auto kind = kind_of.find(entry.institution);
    std::string relative =
        InstitutionFolder(kind == kind_of.end() ? InstitutionKind::kExam : kind->second, entry.institution) + "/" +
        entry.file;
    RecordingFacts& r = found[relative];
    r.institution = entry.institution;
    r.room = entry.room;
    r.camera = entry.camera;
    if (r.path_bytes.empty()) {
      // Found on disk by the name as written, or as its GB18030 bytes (recordings.csv decoded).
      const fs::path on_disk = archive.Inspect(relative).path;
      r.path_bytes = on_disk.lexically_relative(archive.path()).generic_string();
      if (r.path_bytes.empty() || r.path_bytes.starts_with("..")) r.path_bytes = relative;
    }
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

enum class StoredAnalysis {
  kAnswers,            // an unreadable file (no pictures to analyse), or analysed as this run would
  kMeasuredOtherwise,  // analysed, but with another sampling version or other thresholds (the run says how many)
  kMissing,            // not analysed, or from keyframes when this run is thorough
};

// What a stored probe is worth to this run, which measures samples as `measured_with` says
// (MeasuredWith(options.analysis)).
StoredAnalysis JudgeStored(const MediaProbe& stored, const CatalogOptions& options, const std::string& measured_with) {
  if (stored.unreadable != UnreadableKind::kNone || !options.analysis.pictures) return StoredAnalysis::kAnswers;
  if (!stored.analysed || (options.analysis.thorough && !stored.thorough)) return StoredAnalysis::kMissing;
  return stored.measured_with == measured_with ? StoredAnalysis::kAnswers : StoredAnalysis::kMeasuredOtherwise;
}

MediaProbe NotAFile(const ArchiveEntry& entry) {
  MediaProbe probe;
  if (entry.kind == EntryKind::kMissing && entry.what_zh.empty()) {
    probe.unreadable = UnreadableKind::kMissing;
    probe.reason = "recordings.csv 列出的文件不存在 (listed in recordings.csv but not on disk)";
  } else {
    probe.unreadable = entry.kind == EntryKind::kMissing ? UnreadableKind::kMissing : UnreadableKind::kNotVideo;
    probe.reason = entry.what_zh + " (" + entry.what_en + ")";
  }
  return probe;
}

}  // namespace

std::vector<RecordingFacts> CatalogRecordings(const fs::path& root, const ArchiveModel& model,
                                              const AuditConfig& config, store::Database& db, int64_t run_id,
                                              const CatalogOptions& options, Progress* progress, CatalogStats* stats,
                                              std::vector<LoadIssue>* issues) {
  const ArchiveRoot archive(root);
  std::vector<RecordingFacts> recordings = FindRecordings(archive, model, config, issues);
  auto catalogued = store::LoadMediaCatalog(db);

  const std::string measured_with = MeasuredWith(options.analysis);
  std::vector<size_t> to_probe;
  std::unordered_set<size_t> remeasured;  // of to_probe: unchanged files, analysed otherwise before
  std::vector<std::string> present;
  for (size_t i = 0; i < recordings.size(); ++i) {
    RecordingFacts& r = recordings[i];
    present.push_back(r.path);
    const ArchiveEntry entry = archive.InspectPath(archive.path() / r.path_bytes);
    if (entry.kind != EntryKind::kRegular) {
      r.probe = NotAFile(entry);
      r.start = r.name_start.value_or(0);
      continue;
    }
    r.size = entry.size;
    r.mtime = entry.mtime;
    auto it = catalogued.find(r.path);
    const bool unchanged = it != catalogued.end() && it->second.size == r.size && it->second.mtime == r.mtime &&
                           it->second.name_start == r.name_start;
    const StoredAnalysis stored =
        unchanged ? JudgeStored(it->second.probe, options, measured_with) : StoredAnalysis::kMissing;
    if (stored == StoredAnalysis::kAnswers) {
      r.probe = std::move(it->second.probe);
    } else {
      if (stored == StoredAnalysis::kMeasuredOtherwise) remeasured.insert(i);
      to_probe.push_back(i);
    }
  }
  if (options.shard) {
    std::erase_if(to_probe, [&](size_t index) {
      return ShardOf(recordings[index], options.shard->count, config.policy.zone) != options.shard->index;
    });
  }
  stats->files_scanned = static_cast<int64_t>(recordings.size());
  stats->files_analysed = static_cast<int64_t>(to_probe.size());
  stats->files_remeasured = static_cast<int64_t>(
      std::count_if(to_probe.begin(), to_probe.end(), [&](size_t index) { return remeasured.count(index) > 0; }));

  // Each job thread analyses files until none is left (in its own worker process when
  // isolated: a thread keeps its worker for every file, and a worker must not outlive the
  // thread that started it). Finished files are saved in small batches as they come.
  const auto analyse_start = std::chrono::steady_clock::now();
  const int jobs = std::max(1, options.jobs);
  const size_t batch = static_cast<size_t>(jobs) * 4;
  // Fewer files than jobs (one long recording): the cores no file gets decode its keyframes.
  AnalysisSpec analysis = options.analysis;
  analysis.picture_threads = PictureThreadsFor(jobs, to_probe.size());
  std::mutex mutex;  // guards what follows, the database and the progress
  std::vector<size_t> finished;
  int64_t finished_count = 0;
  double hours = 0;
  auto save = [&](size_t at_least) {
    if (finished.empty() || finished.size() < at_least) return;
    std::vector<RecordingFacts> done;
    for (size_t index : finished) {
      done.push_back(recordings[index]);
      hours += recordings[index].probe.duration / 3600.0;
    }
    store::SaveMediaFacts(db, done, run_id);
    finished.clear();
    if (progress) progress->Advance(finished_count, hours);
  };
  if (progress) progress->Begin("分析录像", static_cast<int64_t>(to_probe.size()));
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  auto work = [&] {
    try {
      std::unique_ptr<AnalysisWorker> worker;
      if (!options.worker_executable.empty()) {
        worker = std::make_unique<AnalysisWorker>(options.worker_executable, analysis);
      }
      for (size_t k = next++; k < to_probe.size(); k = next++) {
        RecordingFacts& r = recordings[to_probe[k]];
        const std::string absolute = (archive.path() / r.path_bytes).string();
        std::optional<MediaProbe> empty;
        if (r.size == 0) empty = JudgeEmptyRecording(absolute, r.path, analysis);
        r.probe = empty    ? std::move(*empty)
                  : worker ? worker->Analyse(absolute, r.path, r.size)
                           : AnalyseRecording(absolute, r.path, analysis);
        const std::lock_guard<std::mutex> lock(mutex);
        finished.push_back(to_probe[k]);
        ++finished_count;
        save(batch);
      }
    } catch (...) {  // the store failed: the run cannot go on, and says why
      const std::lock_guard<std::mutex> lock(mutex);
      if (!failure) failure = std::current_exception();
      next = to_probe.size();
    }
  };
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs && static_cast<size_t>(j) < to_probe.size(); ++j) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
  save(1);
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
