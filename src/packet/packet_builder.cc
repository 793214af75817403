#include "src/packet/packet_builder.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <system_error>
#include <tuple>

#include "detectors/coverage.h"
#include "detectors/finding_json.h"
#include "records/archive_files.h"
#include "records/csv/values.h"
#include "records/csv/xlsx.h"
#include "records/hashing.h"
#include "records/store/media_store.h"
#include "src/packet/bagit_writer.h"
#include "src/packet/packet_summary.h"
#include "src/packet/record_excerpts.h"
#include "src/packet/safe_path.h"
#include "src/packet/video_evidence.h"
#include "src/report/timeline_picture.h"
#include "version.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

constexpr double kClipSeconds = 10;          // video kept on the recorded side of each gap edge
constexpr double kEdgeToleranceSeconds = 2;  // neighbouring video must end/start this close to the gap
constexpr const char* kGapRule = "EXM-VIDEO-GAP";

// The picture rules and what their stretches are called.
struct PictureRule {
  const char* rule;
  const char* english;
  const char* chinese;
  TimelineState state;
};
constexpr PictureRule kPictureRules[] = {
    {"EXM-VIDEO-BLACK", "black", "黑屏", TimelineState::kBlack},
    {"EXM-VIDEO-FROZEN", "frozen", "画面冻结", TimelineState::kFrozen},
    {"EXM-VIDEO-REPLAY", "replayed", "重复画面", TimelineState::kReplay},
};

const PictureRule* FindPictureRule(const std::string& rule) {
  for (const auto& picture_rule : kPictureRules) {
    if (rule == picture_rule.rule) return &picture_rule;
  }
  return nullptr;
}

bool Placeable(const RecordingFacts& r) { return r.name_start.has_value() || r.probe.creation_time.has_value(); }
bool Usable(const RecordingFacts& r) { return r.probe.unreadable == UnreadableKind::kNone && Placeable(r); }

bool EndsWithNoCase(const std::string& text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])) != suffix[i]) return false;
  }
  return true;
}

// A workbook by its name, or by its content as the loader recognises it (a workbook saved under a
// .csv name): its rows are cells in zipped XML, not lines that can be excerpted.
bool IsSpreadsheet(const std::string& path, const fs::path& absolute) {
  if (EndsWithNoCase(path, ".xlsx") || EndsWithNoCase(path, ".xls") || EndsWithNoCase(path, ".xlsm")) return true;
  std::ifstream in(absolute, std::ios::binary);
  char head[4] = {};
  in.read(head, sizeof head);
  return LooksLikeZip(std::string_view(head, static_cast<size_t>(in.gcount())));
}

// "2022-04-15 09:00:07.9" (to the nearest tenth of a second)
std::string LocalWithTenths(double instant, const TimeZone& zone) {
  const auto tenths = static_cast<int64_t>(std::llround(instant * 10));
  const int64_t whole = tenths >= 0 ? tenths / 10 : -((-tenths + 9) / 10);
  return fmt::format("{}.{}", FormatLocal(static_cast<Instant>(whole), zone), tenths - whole * 10);
}

std::string LastComponent(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::optional<Instant> ParseIsoInstant(const std::string& text, const TimeZone& fallback) {
  if (text.size() < 19) return std::nullopt;
  std::optional<TimeZone> zone = text.size() > 19 ? ParseTimeZone(text.substr(19)) : std::nullopt;
  return ParseDateTime(text.substr(0, 19), zone.value_or(fallback));
}

// One neighbour of a gap: the recording and the time in it (seconds from its first frame).
struct GapEdge {
  const RecordingFacts* recording = nullptr;
  double time = 0;
};

class PacketAssembler {
 public:
  PacketAssembler(store::AuditStore& store, const PacketRequest& request, BagWriter& bag)
      : request_(request), bag_(bag) {
    for (auto& [path, facts] : store::LoadMediaCatalog(store.db())) catalog_.emplace(path, std::move(facts));
    std::error_code code;
    archive_real_ = fs::weakly_canonical(request.archive_root, code);
    if (code) archive_real_ = request.archive_root.lexically_normal();
  }

  // Writes the whole payload. Returns "" or an error.
  std::string WritePayload(std::vector<store::StoredFinding> findings) {
    for (auto& stored : findings) {
      PacketFinding item;
      item.stored = std::move(stored);
      items_.push_back(std::move(item));
    }
    for (auto& item : items_) {
      for (const auto& row : item.stored.finding.rows) UseSource(row.file);
      if (item.stored.finding.file) UseSource(*item.stored.finding.file);
      for (const auto& evidence : item.stored.finding.evidence) UseSource(evidence.path);
    }
    if (std::string error = WriteExcerpts(); !error.empty()) return error;
    for (auto& item : items_) {
      if (std::string error = WriteVideoEvidence(&item); !error.empty()) return error;
    }
    if (std::string error = WriteTimelines(); !error.empty()) return error;
    CheckEvidenceHashes();

    std::vector<SourceFile> sources;
    for (const auto& [path, source] : sources_) sources.push_back(source);
    if (std::string error = bag_.AddFile("sources.txt", SourcesText(sources)); !error.empty()) return error;
    if (std::string error = bag_.AddFile("findings.json", FindingsJson()); !error.empty()) return error;
    PacketSummaryInput summary;
    summary.institution = request_.institution;
    summary.period = request_.period;
    summary.tool_version = kVersion;
    summary.findings = items_;
    summary.sources = std::move(sources);
    summary.zone = request_.zone;
    return bag_.AddFile("summary.html", RenderPacketSummary(summary));
  }

 private:
  bool IsVideo(const std::string& path) const { return catalog_.count(path) > 0; }
  // The name of `archive_path` on disk: a recording's exact bytes as catalogued (its name may not
  // be UTF-8), else the path as the findings name it.
  std::string OnDisk(const std::string& archive_path) const {
    auto found = catalog_.find(archive_path);
    return found == catalog_.end() || found->second.path_bytes.empty() ? archive_path : found->second.path_bytes;
  }

  // Registers an archive file the packet uses (once), reading its size, mtime and SHA-256.
  const SourceFile& UseSource(const std::string& archive_path) {
    auto found = sources_.find(archive_path);
    if (found != sources_.end()) return found->second;
    SourceFile source;
    source.path = archive_path;
    source.kind = IsVideo(archive_path) ? "video" : "record";
    auto absolute = ResolveUnder(request_.archive_root, OnDisk(archive_path));
    struct stat status;
    if (!absolute) {
      source.problem = "outside the archive (路径越出档案目录，未读取)";
    } else if (::stat(absolute->c_str(), &status) != 0) {
      source.problem = "missing (文件不存在)";
    } else if (!S_ISREG(status.st_mode)) {
      source.problem = "not a regular file (不是普通文件)";
    } else if (!InsideArchive(*absolute)) {
      source.problem = "outside the archive through a symbolic link (经符号链接指向档案目录之外，未读取)";
    } else if (auto digest = Sha256File(absolute->string()); !digest) {
      source.problem = "unreadable (无法读取)";
    } else {
      source.size = static_cast<int64_t>(status.st_size);
      source.mtime = FormatInstant(static_cast<Instant>(status.st_mtim.tv_sec), request_.zone);
      source.sha256 = *digest;
      source.note = ChangedSinceAudit(archive_path, *digest);
    }
    return sources_.emplace(archive_path, std::move(source)).first->second;
  }

  // The packet hashes every source afresh (the evidence is the file as it is now); a recording
  // whose hash then differs from the one the audit catalogued has changed since, which the
  // officer must know.
  std::string ChangedSinceAudit(const std::string& archive_path, const std::string& digest) const {
    auto catalogued = catalog_.find(archive_path);
    if (catalogued == catalog_.end()) return "";
    const std::string& audited = catalogued->second.probe.sha256;
    if (audited.empty() || audited == digest) return "";
    return "内容与审查时不同，审查时 SHA-256 为 " + audited + " (content changed since the audit)";
  }

  // True when `path`, with symbolic links followed, lies inside the archive.
  bool InsideArchive(const fs::path& path) const {
    std::error_code code;
    const fs::path real = fs::canonical(path, code);
    if (code) return false;
    const fs::path relative = real.lexically_relative(archive_real_);
    return !relative.empty() && *relative.begin() != "..";
  }

  // The absolute path of an archive file the packet may read (see UseSource), else nullopt.
  std::optional<fs::path> Readable(const std::string& archive_path) {
    if (!UseSource(archive_path).problem.empty()) return std::nullopt;
    return ResolveUnder(request_.archive_root, OnDisk(archive_path));
  }

  // A packet path "<folder>/<stem><extension>" not used yet (a collision gets a hash suffix).
  std::string UniqueName(const std::string& folder, const std::string& stem, const std::string& extension,
                         const std::string& origin) {
    std::string name = folder + "/" + stem + extension;
    if (used_names_.count(name)) name = folder + "/" + stem + "-" + Sha256Hex(origin).substr(0, 8) + extension;
    for (int n = 2; used_names_.count(name); ++n) name = folder + "/" + stem + "-" + std::to_string(n) + extension;
    used_names_.insert(name);
    return name;
  }

  std::string AddPacketFile(PacketFinding* item, std::vector<PacketFile>* list, const std::string& path,
                            const std::string& what, std::string_view bytes) {
    if (std::string error = bag_.AddFile(path, bytes); !error.empty()) return error;
    list->push_back(PacketFile{path, what});
    item->stored.finding.evidence.push_back(Evidence{"data/" + path, Sha256Hex(bytes), what});
    return "";
  }

  // records/<path with / replaced by __>.csv for every cited CSV file, and records/excerpts.txt.
  std::string WriteExcerpts() {
    std::map<std::string, std::set<int>> lines_by_file;
    for (const auto& item : items_) {
      for (const auto& row : item.stored.finding.rows) lines_by_file[row.file].insert(row.line);
    }
    std::map<std::string, std::string> excerpt_of;  // archive file -> packet path
    std::string listing;
    for (const auto& [file, lines] : lines_by_file) {
      const SourceFile& source = UseSource(file);
      if (!source.problem.empty()) {
        file_notes_[file] = fmt::format("记录文件 {} 未能摘录：{}", file, source.problem);
        continue;
      }
      const fs::path absolute = *Readable(file);
      if (IsSpreadsheet(file, absolute)) {
        file_notes_[file] = fmt::format("记录文件 {} 为 Excel 表格，未摘录；其大小与 SHA-256 见来源文件清单", file);
        continue;
      }
      RecordExcerpt excerpt = ReadRecordRows(absolute.string(), std::vector<int>(lines.begin(), lines.end()));
      if (!excerpt.error.empty()) {
        file_notes_[file] =
            fmt::format("记录文件 {} 未能摘录：{}", file, WithArchivePath(excerpt.error, absolute.string(), file));
        continue;
      }
      if (!excerpt.missing.empty()) {
        std::vector<std::string> missing;
        for (int line : excerpt.missing) missing.push_back(std::to_string(line));
        std::string joined;
        for (const auto& line : missing) joined += (joined.empty() ? "" : "、") + line;
        file_notes_[file] = fmt::format("记录文件 {} 没有第 {} 行（审计后文件可能已变更）", file, joined);
      }
      std::string stem;
      std::string_view rest(file);
      if (EndsWithNoCase(file, ".csv")) rest.remove_suffix(4);
      for (size_t start = 0; start <= rest.size();) {
        size_t end = std::min(rest.find('/', start), rest.size());
        if (end > start) stem += (stem.empty() ? "" : "__") + SafeComponent(rest.substr(start, end - start), 60);
        start = end + 1;
      }
      if (stem.size() > 150) stem = SafeComponent(stem, 140) + "-" + Sha256Hex(file).substr(0, 8);  // NAME_MAX
      const std::string path = UniqueName("records", stem.empty() ? "_" : stem, ".csv", file);
      const std::string bytes = ExcerptCsv(excerpt);
      if (std::string error = bag_.AddFile(path, bytes); !error.empty()) return error;
      excerpt_of[file] = path;
      excerpt_hash_[path] = Sha256Hex(bytes);
      for (const auto& [line, record] : excerpt.rows)
        listing += fmt::format("{}:{}\n", PercentEncodeLineBreaks(file), line);
    }
    if (!listing.empty()) {
      if (std::string error = bag_.AddFile("records/excerpts.txt", listing); !error.empty()) return error;
    }
    for (auto& item : items_) {
      std::map<std::string, int> rows_in;  // packet path -> rows of this finding there
      for (const auto& row : item.stored.finding.rows) {
        if (auto it = excerpt_of.find(row.file); it != excerpt_of.end()) ++rows_in[it->second];
        if (auto note = file_notes_.find(row.file); note != file_notes_.end()) AddNote(&item, note->second);
      }
      for (const auto& [path, count] : rows_in) {
        std::string what = fmt::format("表头及所引 {} 行", count);
        item.excerpts.push_back(PacketFile{path, what});
        item.stored.finding.evidence.push_back(Evidence{"data/" + path, excerpt_hash_[path], "记录摘录：" + what});
      }
    }
    return "";
  }

  static void AddNote(PacketFinding* item, const std::string& note) {
    if (std::find(item->notes.begin(), item->notes.end(), note) == item->notes.end()) item->notes.push_back(note);
  }

  // The catalogued recordings of the finding's camera, by start time.
  std::vector<const RecordingFacts*> CameraRecordings(const Finding& f) const {
    std::optional<std::tuple<std::string, std::string, std::string>> key;
    if (f.room && f.camera) key = std::make_tuple(f.institution, *f.room, *f.camera);
    std::vector<std::string> named;
    if (f.file) named.push_back(*f.file);
    for (const auto& evidence : f.evidence) named.push_back(evidence.path);
    for (const auto& path : named) {
      auto it = catalog_.find(path);
      if (it != catalog_.end() && !key)
        key = std::make_tuple(it->second.institution, it->second.room, it->second.camera);
    }
    std::vector<const RecordingFacts*> out;
    if (!key) return out;
    for (const auto& [path, facts] : catalog_) {
      if (std::tie(facts.institution, facts.room, facts.camera) == *key) out.push_back(&facts);
    }
    std::sort(out.begin(), out.end(), [](const RecordingFacts* a, const RecordingFacts* b) {
      return std::tie(a->start, a->path) < std::tie(b->start, b->path);
    });
    return out;
  }

  // The video that ends right at the gap's start (the last frame before it).
  static std::optional<GapEdge> EdgeBefore(const std::vector<const RecordingFacts*>& recordings, Instant gap_start) {
    std::optional<GapEdge> best;
    double best_end = 0;
    for (const RecordingFacts* r : recordings) {
      if (!Usable(*r)) continue;
      for (const auto& interval : r->probe.covered) {
        const double end = static_cast<double>(r->start) + interval.end;
        if (end < static_cast<double>(gap_start) - kEdgeToleranceSeconds || end > static_cast<double>(gap_start) + 1)
          continue;
        if (!best || end > best_end) {
          best = GapEdge{r, interval.end};
          best_end = end;
        }
      }
    }
    return best;
  }

  // The video that starts right at the gap's end (the first frame after it).
  static std::optional<GapEdge> EdgeAfter(const std::vector<const RecordingFacts*>& recordings, Instant gap_end) {
    std::optional<GapEdge> best;
    double best_start = 0;
    for (const RecordingFacts* r : recordings) {
      if (!Usable(*r)) continue;
      for (const auto& interval : r->probe.covered) {
        const double start = static_cast<double>(r->start) + interval.start;
        if (start < static_cast<double>(gap_end) - 1 || start > static_cast<double>(gap_end) + kEdgeToleranceSeconds)
          continue;
        if (!best || start < best_start) {
          best = GapEdge{r, interval.start};
          best_start = start;
        }
      }
    }
    return best;
  }

  std::string CameraCaption(const RecordingFacts& r) const {
    return fmt::format("{} room {} camera {}", r.institution, r.room, r.camera);
  }

  // A still of `recording` at `time` (and, for gap edges, a clip). Problems become notes.
  std::string AddStill(PacketFinding* item, const RecordingFacts& recording, double time, FramePick pick,
                       const std::string& kind, const std::string& english, const std::string& chinese) {
    auto absolute = Readable(recording.path);
    if (!absolute) {
      AddNote(item,
              fmt::format("未能从录像 {} 截取{}：{}", recording.path, chinese, UseSource(recording.path).problem));
      return "";
    }
    GrabbedFrame frame = GrabFrame(absolute->string(), time, pick);
    if (!frame.error.empty()) {
      AddNote(item, fmt::format("未能从录像 {} 截取{}：{}", recording.path, chinese,
                                WithArchivePath(frame.error, absolute->string(), recording.path)));
      return "";
    }
    const double shown = static_cast<double>(recording.start) + frame.time;
    std::vector<std::string> caption = {
        LocalWithTenths(shown, request_.zone) + " " + FormatOffset(request_.zone) + "  " + CameraCaption(recording),
        english,
        "file " + LastComponent(recording.path),
    };
    const std::string stem =
        fmt::format("{}-{}-{}", SafeComponent(item->stored.id, 40), ++still_counts_[item->stored.id], kind);
    const std::string path = UniqueName("stills", stem, ".jpg", recording.path);
    const std::string what = fmt::format("{} {}（{}）", chinese, LocalWithTenths(shown, request_.zone), recording.path);
    return AddPacketFile(item, &item->stills, path, what, CaptionedJpeg(frame.picture, caption));
  }

  std::string AddClip(PacketFinding* item, const RecordingFacts& recording, double from, double to,
                      const std::string& kind, const std::string& chinese) {
    auto absolute = Readable(recording.path);
    if (!absolute) return "";  // AddStill has said why
    const std::string stem =
        fmt::format("{}-{}-{}", SafeComponent(item->stored.id, 40), ++clip_counts_[item->stored.id], kind);
    const std::string path = UniqueName("clips", stem, ".mp4", recording.path);
    std::string error;
    auto out_path = bag_.PayloadPath(path, &error);
    if (!out_path) return error;
    ClipResult clip = CutClip(absolute->string(), std::max(0.0, from), to, out_path->string());
    if (!clip.error.empty()) {
      AddNote(item, fmt::format("未能从录像 {} 截取{}片段：{}", recording.path, chinese,
                                WithArchivePath(clip.error, absolute->string(), recording.path)));
      return "";
    }
    const double start = static_cast<double>(recording.start) + clip.start;
    const double end = static_cast<double>(recording.start) + clip.end;
    const std::string what =
        fmt::format("{}，{} 至 {}（{}，{:.1f} 秒）", chinese, LocalWithTenths(start, request_.zone),
                    LocalWithTenths(end, request_.zone), recording.path, clip.end - clip.start);
    item->clips.push_back(PacketFile{path, what});
    item->stored.finding.evidence.push_back(
        Evidence{"data/" + path, Sha256File(out_path->string()).value_or(""), what});
    return "";
  }

  std::string WriteVideoEvidence(PacketFinding* item) {
    const Finding& f = item->stored.finding;
    const PictureRule* picture_rule = FindPictureRule(f.rule);
    if ((f.rule != kGapRule && picture_rule == nullptr) || !f.start || !f.end) return "";
    std::vector<const RecordingFacts*> recordings = CameraRecordings(f);
    if (recordings.empty()) return "";
    video_items_.push_back(item);
    const Instant start = *f.start, end = *f.end;

    if (f.rule == kGapRule) {
      const std::string gap_text =
          fmt::format("gap {} - {}", FormatLocalTime(start, request_.zone), FormatLocalTime(end, request_.zone));
      if (auto edge = EdgeBefore(recordings, start)) {
        if (std::string error = AddStill(item, *edge->recording, edge->time, FramePick::kLastBefore, "before-gap",
                                         "last frame before the " + gap_text, "中断前最后一帧");
            !error.empty()) {
          return error;
        }
        if (std::string error =
                AddClip(item, *edge->recording, edge->time - kClipSeconds, edge->time, "before-gap", "中断前");
            !error.empty()) {
          return error;
        }
      } else {
        AddNote(item, "中断开始前没有相邻的录像，无法截取中断前画面");
      }
      if (auto edge = EdgeAfter(recordings, end)) {
        if (std::string error = AddStill(item, *edge->recording, edge->time, FramePick::kFirstAtOrAfter, "after-gap",
                                         "first frame after the " + gap_text, "中断后第一帧");
            !error.empty()) {
          return error;
        }
        if (std::string error =
                AddClip(item, *edge->recording, edge->time, edge->time + kClipSeconds, "after-gap", "中断后");
            !error.empty()) {
          return error;
        }
      } else {
        AddNote(item, "中断结束后没有相邻的录像，无法截取中断后画面");
      }
      return "";
    }

    // Inside a black, frozen or replayed stretch: a quarter, half and three quarters in.
    std::set<Instant> taken;
    for (int quarter = 1; quarter <= 3; ++quarter) {
      const double at = static_cast<double>(start) + static_cast<double>(end - start) * quarter / 4.0;
      if (!taken.insert(static_cast<Instant>(std::floor(at))).second) continue;
      const RecordingFacts* holder = nullptr;
      double time = 0;
      for (const RecordingFacts* r : recordings) {
        if (!Usable(*r)) continue;
        for (const auto& interval : r->probe.covered) {
          const double relative = at - static_cast<double>(r->start);
          if (relative >= interval.start && relative < interval.end &&
              (holder == nullptr || (f.file && r->path == *f.file))) {
            holder = r;
            time = relative;
          }
        }
      }
      if (holder == nullptr) {
        AddNote(item, fmt::format("{} 没有可读的录像，无法截取{}画面",
                                  FormatLocal(static_cast<Instant>(at), request_.zone), picture_rule->chinese));
        continue;
      }
      if (std::string error =
              AddStill(item, *holder, time, FramePick::kFirstAtOrAfter, fmt::format("inside-{}", picture_rule->english),
                       fmt::format("inside the {} stretch", picture_rule->english),
                       fmt::format("{}时段内画面", picture_rule->chinese));
          !error.empty()) {
        return error;
      }
    }
    return "";
  }

  // One timeline per (institution, session, room) of the video findings: every camera of the room
  // across the findings' time plus margin, drawn from the catalog's covered intervals.
  std::string WriteTimelines() {
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<PacketFinding*>> groups;
    for (PacketFinding* item : video_items_) {
      const Finding& f = item->stored.finding;
      std::string room = f.room.value_or("");
      if (room.empty()) {
        auto recordings = CameraRecordings(f);
        if (!recordings.empty()) room = recordings.front()->room;
      }
      groups[{f.institution, f.session_id.value_or(""), room}].push_back(item);
    }
    for (const auto& [key, members] : groups) {
      const auto& [institution, session, room] = key;
      Instant first = 0, last = 0;
      bool any = false;
      for (const PacketFinding* item : members) {
        const Finding& f = item->stored.finding;
        first = any ? std::min(first, *f.start) : *f.start;
        last = any ? std::max(last, *f.end) : *f.end;
        any = true;
      }
      const Instant margin = std::clamp<Instant>(last - first, 60, 1800);
      const Instant window_start = first - margin, window_end = last + margin;
      std::map<std::string, std::vector<const RecordingFacts*>> by_camera;
      for (const auto& [path, facts] : catalog_) {
        if (facts.institution == institution && facts.room == room) by_camera[facts.camera].push_back(&facts);
      }
      std::vector<TimelineRow> rows;
      for (auto& [camera, recordings] : by_camera) {
        std::sort(recordings.begin(), recordings.end(),
                  [](const RecordingFacts* a, const RecordingFacts* b) { return a->path < b->path; });
        TimelineRow row;
        row.camera = room + "-" + camera;
        row.stretches.push_back({window_start, window_end, TimelineState::kGap});
        for (const RecordingFacts* r : recordings) {
          if (!Placeable(*r)) continue;
          if (r->probe.unreadable != UnreadableKind::kNone) {
            Instant should_end = r->claimed_end.value_or(r->start + static_cast<Instant>(std::ceil(r->probe.duration)));
            if (should_end > window_start && r->start < window_end) {
              row.stretches.push_back({r->start, should_end, TimelineState::kUnreadable});
            }
            continue;
          }
          for (const auto& interval : AbsoluteCoverage(*r)) {
            if (interval.end > window_start && interval.start < window_end) {
              row.stretches.push_back({interval.start, interval.end, TimelineState::kRecorded});
            }
          }
        }
        for (const PacketFinding* item : members) {
          const Finding& f = item->stored.finding;
          const PictureRule* picture_rule = FindPictureRule(f.rule);
          if (picture_rule != nullptr && f.camera.value_or(camera) == camera) {
            row.stretches.push_back({*f.start, *f.end, picture_rule->state});
          }
        }
        rows.push_back(std::move(row));
      }
      if (rows.empty()) continue;
      const std::string png = DrawTimelinePng(window_start, window_end, window_start, window_end, rows, request_.zone);
      std::string stem = SafeComponent(institution, 40);
      if (!session.empty()) stem += "-" + SafeComponent(session, 40);
      if (!room.empty()) stem += "-" + SafeComponent(room, 40);
      const std::string path = UniqueName("timelines", stem, ".png", institution + "|" + session + "|" + room);
      if (std::string error = bag_.AddFile(path, png); !error.empty()) return error;
      const std::string hash = Sha256Hex(png);
      const std::string what =
          fmt::format("{} {}{} 考场 {} 各摄像机录像覆盖，{} 至 {}", institution, session.empty() ? "" : "场次 ",
                      session, room, FormatLocal(window_start, request_.zone), FormatLocal(window_end, request_.zone));
      for (PacketFinding* item : members) {
        item->timelines.push_back(PacketFile{path, what});
        item->stored.finding.evidence.push_back(Evidence{"data/" + path, hash, "录像覆盖时间轴：" + what});
      }
    }
    return "";
  }

  // Fills the archive evidence's SHA-256 where the audit left it empty; notes any that changed.
  void CheckEvidenceHashes() {
    for (auto& item : items_) {
      for (auto& evidence : item.stored.finding.evidence) {
        auto source = sources_.find(evidence.path);
        if (source == sources_.end() || !source->second.problem.empty()) continue;
        if (evidence.sha256.empty()) {
          evidence.sha256 = source->second.sha256;
        } else if (evidence.sha256 != source->second.sha256) {
          AddNote(&item, fmt::format("证据文件 {} 的 SHA-256 与审计时记录的不同：审计后文件已变更", evidence.path));
        }
      }
    }
  }

  std::string FindingsJson() const {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& item : items_) {
      nlohmann::json json = FindingToJson(item.stored.finding, request_.zone);
      json["status"] = item.stored.resolved_run ? "resolved" : "open";
      json["first_run"] = item.stored.first_run;
      json["last_run"] = item.stored.last_run;
      findings.push_back(std::move(json));
    }
    nlohmann::json packet = {
        {"institution", request_.institution ? nlohmann::json(*request_.institution) : nlohmann::json(nullptr)},
        {"period", request_.period ? nlohmann::json(*request_.period) : nlohmann::json(nullptr)}};
    nlohmann::json document = {
        {"tool", {{"name", "xunkao"}, {"version", kVersion}}}, {"packet", packet}, {"findings", findings}};
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }

  const PacketRequest& request_;
  BagWriter& bag_;
  std::map<std::string, RecordingFacts> catalog_;  // ordered: deterministic iteration
  fs::path archive_real_;                          // the archive root with symbolic links resolved
  std::vector<PacketFinding> items_;
  std::vector<PacketFinding*> video_items_;
  std::map<std::string, SourceFile> sources_;
  std::map<std::string, std::string> file_notes_;
  std::map<std::string, std::string> excerpt_hash_;
  std::set<std::string> used_names_;
  std::map<std::string, int> still_counts_, clip_counts_;
};

// The findings the request names. Returns "" or the problem.
std::string SelectFindings(store::AuditStore& store, const PacketRequest& request,
                           std::vector<store::StoredFinding>* selected) {
  if (!request.finding_ids.empty()) {
    std::set<std::string> seen;
    for (const auto& id : request.finding_ids) {
      if (!seen.insert(id).second) continue;
      auto stored = store.FindingById(id);
      if (!stored) return fmt::format("no finding with id {} in {}", id, store.db().path());
      selected->push_back(std::move(*stored));
    }
    return "";
  }
  if (!request.institution) return "name the findings (--finding ID) or an institution (--institution CODE)";
  std::optional<std::pair<Instant, Instant>> bounds;
  if (request.period) {
    bounds = HalfYearBounds(*request.period, request.zone);
    if (!bounds) return fmt::format("period \"{}\" is not a half-year like 2022H1 or 2022H2", *request.period);
  }
  std::map<int64_t, std::optional<Instant>> run_started;
  for (auto& stored : store.OpenFindings(request.institution)) {
    if (bounds) {
      std::optional<Instant> when = stored.finding.start;
      if (!when) {
        auto cached = run_started.find(stored.first_run);
        if (cached == run_started.end()) {
          auto run = store.Run(stored.first_run);
          cached =
              run_started.emplace(stored.first_run, run ? ParseIsoInstant(run->started, request.zone) : std::nullopt)
                  .first;
        }
        when = cached->second;
      }
      if (!when || *when < bounds->first || *when >= bounds->second) continue;
    }
    selected->push_back(std::move(stored));
  }
  if (selected->empty()) {
    return fmt::format("no open findings for institution {}{}", *request.institution,
                       request.period ? " in " + *request.period : std::string());
  }
  return "";
}

void RemoveQuietly(const fs::path& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

}  // namespace

std::optional<std::pair<Instant, Instant>> HalfYearBounds(const std::string& period, const TimeZone& zone) {
  if (period.size() != 6 || period[4] != 'H' || (period[5] != '1' && period[5] != '2')) return std::nullopt;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (period[i] < '0' || period[i] > '9') return std::nullopt;
    year = year * 10 + (period[i] - '0');
  }
  if (year < 1970) return std::nullopt;
  const bool first_half = period[5] == '1';
  const Date start = DateFromYmd(year, first_half ? 1 : 7, 1);
  const Date end = first_half ? DateFromYmd(year, 7, 1) : DateFromYmd(year + 1, 1, 1);
  return std::make_pair(ToInstant(start, 0, zone), ToInstant(end, 0, zone));
}

PacketResult BuildPacket(store::AuditStore& store, const PacketRequest& request) {
  PacketResult result;
  std::vector<store::StoredFinding> findings;
  if (std::string error = SelectFindings(store, request, &findings); !error.empty()) {
    result.error = error;
    return result;
  }
  for (const auto& stored : findings) result.finding_ids.push_back(stored.id);

  const std::string name = "xunkao-packet-" + SafeComponent(request.institution.value_or("findings"), 60) + "-" +
                           SafeComponent(request.period.value_or(result.finding_ids.front()), 60);
  std::error_code code;
  fs::create_directories(request.out_dir, code);
  if (code) {
    result.error = request.out_dir.string() + ": cannot create the output folder: " + code.message();
    return result;
  }
  const fs::path final_dir = request.out_dir / name;
  const fs::path staging = request.out_dir / ("." + name + ".partial");
  RemoveQuietly(staging);  // left by a build that was killed

  try {
    BagWriter bag;
    std::string error = bag.Open(staging);
    if (error.empty()) {
      PacketAssembler assembler(store, request, bag);
      error = assembler.WritePayload(std::move(findings));
    }
    const Instant now = static_cast<Instant>(std::time(nullptr));
    if (error.empty()) {
      BagInfo info;
      info.source_organization = request.source_organization;
      info.bagging_date = FormatDate(LocalDate(now, request.zone));
      info.external_identifiers = result.finding_ids;
      info.extra.emplace_back("Internal-Sender-Description", "训考审计证据包 (xunkao evidence packet)");
      info.extra.emplace_back("X-Xunkao-Version", kVersion);
      if (auto run = store.LastCompletedRun()) info.extra.emplace_back("X-Xunkao-Run", std::to_string(run->id));
      if (request.institution) info.extra.emplace_back("X-Xunkao-Institution", *request.institution);
      if (request.period) info.extra.emplace_back("X-Xunkao-Period", *request.period);
      error = bag.Finish(info);
    }
    if (error.empty() && fs::exists(fs::symlink_status(final_dir))) {
      if (fs::is_directory(fs::symlink_status(final_dir)) && fs::exists(final_dir / "bagit.txt")) {
        fs::remove_all(final_dir);  // an earlier build of the same packet
      } else {
        error = final_dir.string() + ": exists and is not an evidence packet; move it away first";
      }
    }
    if (!error.empty()) {
      RemoveQuietly(staging);
      result.error = error;
      return result;
    }
    fs::rename(staging, final_dir);
    result.bag = final_dir;

    if (request.zip) {
      const fs::path zip_path = request.out_dir / (name + ".zip");
      const fs::path zip_staging = request.out_dir / ("." + name + ".zip.partial");
      RemoveQuietly(zip_staging);
      if (std::string zip_error = WriteBagZip(final_dir, zip_staging); !zip_error.empty()) {
        RemoveQuietly(zip_staging);
        result.error = zip_error;  // the bag itself is complete
        return result;
      }
      fs::rename(zip_staging, zip_path);
      result.zip = zip_path;
    }
    // A packet counts for the inspection table in the half-year it covers, else the one it was made in.
    std::optional<std::string> period = request.period;
    if (!period && request.institution) {
      int y, m, d;
      YmdFromDate(LocalDate(now, request.zone), &y, &m, &d);
      period = fmt::format("{}H{}", y, m <= 6 ? 1 : 2);
    }
    store.RecordPacket(FormatInstant(now, request.zone), fs::absolute(final_dir).string(), request.institution, period,
                       result.finding_ids);
  } catch (const std::exception& failure) {
    RemoveQuietly(staging);
    result.error = std::string("building the packet failed: ") + failure.what();
  }
  return result;
}

}  // namespace xk
