#include "src/packet/packet_video.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "detectors/coverage.h"
#include "records/archive_files.h"
#include "records/hashing.h"
#include "src/packet/bagit_writer.h"
#include "src/packet/safe_path.h"
#include "src/packet/video_evidence.h"
#include "src/report/timeline_picture.h"

namespace xk {

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

// One neighbour of a gap: the recording and the time in it (seconds from its first frame).
struct GapEdge {
  const RecordingFacts* recording = nullptr;
  double time = 0;
};

// The video that ends right at the gap's start (the last frame before it).
std::optional<GapEdge> EdgeBefore(const std::vector<const RecordingFacts*>& recordings, Instant gap_start) {
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
std::optional<GapEdge> EdgeAfter(const std::vector<const RecordingFacts*>& recordings, Instant gap_end) {
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

std::string CameraCaption(const RecordingFacts& r) {
  return fmt::format("{} room {} camera {}", r.institution, r.room, r.camera);
}

}  // namespace

PacketVideoEvidence::PacketVideoEvidence(const PacketCatalog& catalog, PacketSources* sources, PacketPayload* payload,
                                         const TimeZone& zone)
    : catalog_(catalog), sources_(sources), payload_(payload), zone_(zone) {}

bool HasVideoEvidence(const Finding& finding) {
  return (finding.rule == kGapRule || FindPictureRule(finding.rule) != nullptr) && finding.start && finding.end;
}

std::string PacketVideoEvidence::Add(PacketFinding* item) {
  const Finding& f = item->stored.finding;
  const PictureRule* picture_rule = FindPictureRule(f.rule);
  if (!HasVideoEvidence(f)) return "";
  std::vector<const RecordingFacts*> recordings = CameraRecordings(f);
  if (recordings.empty()) return "";
  video_items_.push_back(item);
  const Instant start = *f.start, end = *f.end;

  if (f.rule == kGapRule) {
    const std::string gap_text = fmt::format("gap {} - {}", FormatLocalTime(start, zone_), FormatLocalTime(end, zone_));
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
      AddNote(item, fmt::format("{} 没有可读的录像，无法截取{}画面", FormatLocal(static_cast<Instant>(at), zone_),
                                picture_rule->chinese));
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

std::string PacketVideoEvidence::WriteTimelines() {
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
    const std::string png = DrawTimelinePng(window_start, window_end, window_start, window_end, rows, zone_);
    std::string stem = SafeComponent(institution, 40);
    if (!session.empty()) stem += "-" + SafeComponent(session, 40);
    if (!room.empty()) stem += "-" + SafeComponent(room, 40);
    const std::string path = payload_->UniqueName("timelines", stem, ".png", institution + "|" + session + "|" + room);
    if (std::string error = payload_->bag().AddFile(path, png); !error.empty()) return error;
    const std::string hash = Sha256Hex(png);
    const std::string what =
        fmt::format("{} {}{} 考场 {} 各摄像机录像覆盖，{} 至 {}", institution, session.empty() ? "" : "场次 ", session,
                    room, FormatLocal(window_start, zone_), FormatLocal(window_end, zone_));
    for (PacketFinding* item : members) {
      item->timelines.push_back(PacketFile{path, what});
      item->stored.finding.evidence.push_back(Evidence{"data/" + path, hash, "录像覆盖时间轴：" + what});
    }
  }
  return "";
}

// The catalogued recordings of the finding's camera, by start time.
std::vector<const RecordingFacts*> PacketVideoEvidence::CameraRecordings(const Finding& f) const {
  std::optional<std::tuple<std::string, std::string, std::string>> key;
  if (f.room && f.camera) key = std::make_tuple(f.institution, *f.room, *f.camera);
  std::vector<std::string> named;
  if (f.file) named.push_back(*f.file);
  for (const auto& evidence : f.evidence) named.push_back(evidence.path);
  for (const auto& path : named) {
    auto it = catalog_.find(path);
    if (it != catalog_.end() && !key) key = std::make_tuple(it->second.institution, it->second.room, it->second.camera);
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

// A still of `recording` at `time` (and, for gap edges, a clip). Problems become notes.
std::string PacketVideoEvidence::AddStill(PacketFinding* item, const RecordingFacts& recording, double time,
                                          FramePick pick, const std::string& kind, const std::string& english,
                                          const std::string& chinese) {
  auto absolute = sources_->Readable(recording.path);
  if (!absolute) {
    AddNote(item,
            fmt::format("未能从录像 {} 截取{}：{}", recording.path, chinese, sources_->Use(recording.path).problem));
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
      LocalWithTenths(shown, zone_) + " " + FormatOffset(zone_) + "  " + CameraCaption(recording),
      english,
      "file " + LastComponent(recording.path),
  };
  const std::string stem =
      fmt::format("{}-{}-{}", SafeComponent(item->stored.id, 40), ++still_counts_[item->stored.id], kind);
  const std::string path = payload_->UniqueName("stills", stem, ".jpg", recording.path);
  const std::string what = fmt::format("{} {}（{}）", chinese, LocalWithTenths(shown, zone_), recording.path);
  return payload_->AddFindingFile(item, &item->stills, path, what, CaptionedJpeg(frame.picture, caption));
}

std::string PacketVideoEvidence::AddClip(PacketFinding* item, const RecordingFacts& recording, double from, double to,
                                         const std::string& kind, const std::string& chinese) {
  auto absolute = sources_->Readable(recording.path);
  if (!absolute) return "";  // AddStill has said why
  const std::string stem =
      fmt::format("{}-{}-{}", SafeComponent(item->stored.id, 40), ++clip_counts_[item->stored.id], kind);
  const std::string path = payload_->UniqueName("clips", stem, ".mp4", recording.path);
  std::string error;
  auto out_path = payload_->bag().PayloadPath(path, &error);
  if (!out_path) return error;
  ClipResult clip = CutClip(absolute->string(), std::max(0.0, from), to, out_path->string());
  if (!clip.error.empty()) {
    AddNote(item, fmt::format("未能从录像 {} 截取{}片段：{}", recording.path, chinese,
                              WithArchivePath(clip.error, absolute->string(), recording.path)));
    return "";
  }
  const double start = static_cast<double>(recording.start) + clip.start;
  const double end = static_cast<double>(recording.start) + clip.end;
  const std::string what = fmt::format("{}，{} 至 {}（{}，{:.1f} 秒）", chinese, LocalWithTenths(start, zone_),
                                       LocalWithTenths(end, zone_), recording.path, clip.end - clip.start);
  item->clips.push_back(PacketFile{path, what});
  item->stored.finding.evidence.push_back(Evidence{"data/" + path, Sha256File(out_path->string()).value_or(""), what});
  return "";
}

std::string WriteFindingVideoEvidence(const PacketCatalog& catalog, const std::filesystem::path& archive_root,
                                      const TimeZone& zone, const std::filesystem::path& folder, PacketFinding* item) {
  // The packet's own writers: a bag left unfinished is a plain folder holding data/.
  BagWriter bag;
  if (std::string error = bag.Open(folder); !error.empty()) return error;
  PacketSources sources(archive_root, zone, catalog);
  PacketPayload payload(bag);
  PacketVideoEvidence video(catalog, &sources, &payload, zone);
  if (std::string error = video.Add(item); !error.empty()) return error;
  if (std::string error = video.WriteTimelines(); !error.empty()) return error;
  for (const SourceFile& source : sources.List()) {
    if (!source.note.empty()) AddNote(item, fmt::format("录像 {}：{}", source.path, source.note));
  }
  return "";
}

}  // namespace xk
