#include "detectors/picture.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <tuple>

#include "detectors/media_analysis.h"
#include "detectors/picture_tracks.h"
#include "detectors/rule_table.h"

namespace xk {

using picture::BlackRuns;
using picture::BuildTracks;
using picture::FindReplays;
using picture::FrozenRuns;
using picture::kFrozenInsideBlackShare;
using picture::MakeStretch;
using picture::Point;
using picture::Run;
using picture::Segment;
using picture::Track;

namespace {

// ---- Findings ----

std::string Seconds(double seconds) { return fmt::format("{:.0f}", seconds); }

// The files' paths, joined with `separator` ("、" in Chinese text, ", " in English).
std::string FileList(const std::vector<const RecordingFacts*>& files, const char* separator) {
  std::string out;
  for (const auto* r : files) {
    if (!out.empty()) out += separator;
    out += r->path;
  }
  return out;
}

}  // namespace

std::vector<PictureStretch> FindPictureStretches(const DetectorInput& input) {
  const AuditPolicy& policy = input.policy;
  const std::vector<Track> tracks = BuildTracks(input);
  std::vector<PictureStretch> out;
  for (const Track& track : tracks) {
    std::vector<PictureStretch> black, frozen;
    for (const Segment& segment : track.segments) {
      for (const Run& run : BlackRuns(track.points, segment.first, segment.end, segment.end_time, policy)) {
        black.push_back(MakeStretch(PictureMarkKind::kBlack, track, run));
      }
      for (const Run& run : FrozenRuns(track.points, segment.first, segment.end, segment.end_time, policy)) {
        frozen.push_back(MakeStretch(PictureMarkKind::kFrozen, track, run));
      }
    }
    for (PictureStretch& f : frozen) {
      double inside_black = 0;
      for (const PictureStretch& b : black) {
        inside_black += std::max(0.0, std::min(f.end, b.end) - std::max(f.start, b.start));
      }
      if (inside_black >= kFrozenInsideBlackShare * (f.end - f.start)) continue;
      out.push_back(std::move(f));
    }
    for (PictureStretch& b : black) out.push_back(std::move(b));
  }
  for (PictureStretch& r : FindReplays(tracks, policy)) out.push_back(std::move(r));
  std::sort(out.begin(), out.end(), [](const PictureStretch& a, const PictureStretch& b) {
    return std::tie(a.institution, a.room, a.camera, a.start, a.kind) <
           std::tie(b.institution, b.room, b.camera, b.start, b.kind);
  });
  return out;
}

std::vector<PictureMark> PictureMarks(const std::vector<PictureStretch>& stretches, const CameraCoverage& coverage) {
  std::vector<PictureMark> marks;
  const FilmedSession& s = coverage.session;
  for (const PictureStretch& stretch : stretches) {
    if (stretch.institution != s.institution || stretch.room != s.room || stretch.camera != coverage.camera) continue;
    const auto start = std::max(static_cast<Instant>(std::floor(stretch.start)), coverage.window_start);
    const auto end = std::min(static_cast<Instant>(std::ceil(stretch.end)), coverage.window_end);
    if (end > start) marks.push_back(PictureMark{start, end, stretch.kind});
  }
  return marks;
}

void MarkPictures(const DetectorInput& input, std::vector<CameraCoverage>* coverages) {
  const std::vector<PictureStretch> stretches = FindPictureStretches(input);
  for (CameraCoverage& c : *coverages) c.picture_marks = PictureMarks(stretches, c);
}

std::vector<Finding> DetectPictureRules(const DetectorInput& input) {
  const AuditPolicy& policy = input.policy;
  const TimeZone& zone = policy.zone;
  std::optional<MediaAnalysis> local;
  const MediaAnalysis& media = MediaOf(input, &local);
  const std::vector<PictureStretch>& stretches = media.stretches;
  std::vector<Finding> findings;
  if (stretches.empty()) return findings;

  for (const CameraCoverage& c : media.coverage) {
    const FilmedSession& s = c.session;
    const VideoRuleSet& rules = *s.rules;
    for (const PictureStretch& stretch : stretches) {
      if (stretch.institution != s.institution || stretch.room != s.room || stretch.camera != c.camera) continue;
      const double start = std::max(stretch.start, static_cast<double>(c.window_start));
      const double end = std::min(stretch.end, static_cast<double>(c.window_end));
      const double seconds = end - start;
      const double minimum = stretch.kind == PictureMarkKind::kBlack    ? policy.black_min_seconds
                             : stretch.kind == PictureMarkKind::kFrozen ? policy.frozen_min_seconds
                                                                        : policy.replay_min_seconds;
      if (seconds < minimum) continue;

      const RecordingFacts& file = *stretch.files.front();
      const RuleId rule = stretch.kind == PictureMarkKind::kBlack    ? rules.black
                          : stretch.kind == PictureMarkKind::kFrozen ? rules.frozen
                                                                     : rules.replay;
      const char* kind_key = stretch.kind == PictureMarkKind::kBlack    ? "black"
                             : stretch.kind == PictureMarkKind::kFrozen ? "frozen"
                                                                        : "replay";
      Finding f = CameraFinding(rule, c,
                                fmt::format("{}|{}|{:.0f}|session:{}", kind_key, file.path,
                                            std::floor(stretch.start_in_file), s.SubjectKey()));
      f.file = file.path;
      f.start = static_cast<Instant>(std::floor(start));
      f.end = static_cast<Instant>(std::ceil(end));
      f.measured = std::round(seconds * 10) / 10;
      f.required = minimum;
      f.unit = "s";
      for (const RecordingFacts* r : stretch.files) f.evidence.push_back(Evidence{r->path, "", "录像文件 (recording)"});

      // "2022-04-15 09:06:00–09:07:00，录像文件 X 第 60 秒起" / "..., recording X from 60 s"
      const std::string when = fmt::format("{} {}–{}", FormatDate(LocalDate(*f.start, zone)),
                                           FormatLocalTime(*f.start, zone), FormatLocalTime(*f.end, zone));
      const bool several = stretch.files.size() > 1;
      const std::string where =
          when + (several ? fmt::format("，跨 {} 个录像文件：{}", stretch.files.size(), FileList(stretch.files, "、"))
                          : fmt::format("，录像文件 {} 第 {:.0f} 秒起", file.path, stretch.start_in_file));
      const std::string where_en =
          when + (several
                      ? fmt::format(", across {} recordings: {}", stretch.files.size(), FileList(stretch.files, ", "))
                      : fmt::format(", recording {} from {:.0f} s", file.path, stretch.start_in_file));
      const bool to_end = stretch.closed_at_end && end >= stretch.end;
      const std::string lasting = to_end ? "，持续到录像结束" : "";
      const std::string lasting_en = to_end ? ", to the end of the footage" : "";
      const std::string head = fmt::format("{} {} 摄像机 {} {} ", rules.place_zh, s.room, c.camera, s.LabelZh());
      const std::string head_en = fmt::format("{} {} camera {} {}: ", rules.place_en, s.room, c.camera, s.LabelEn());
      switch (stretch.kind) {
        case PictureMarkKind::kBlack:
          f.basis += "；阈值取 FFmpeg blackdetect 默认值（黑像素占画面≥98%，黑像素为亮度不超过亮度范围10%的像素）";
          f.summary_zh = fmt::format("{}录像画面全黑 {} 秒（{}）{}：镜头被遮挡或无信号，该时段没有有效录像", head,
                                     Seconds(seconds), where, lasting);
          f.summary_en = fmt::format("{}black picture for {} s ({}){}: lens covered or no signal", head_en,
                                     Seconds(seconds), where_en, lasting_en);
          break;
        case PictureMarkKind::kFrozen:
          f.basis += "；阈值取 FFmpeg freezedetect（与参照帧的平均绝对差不超过 -60 dB）";
          f.summary_zh = fmt::format("{}录像画面冻结 {} 秒（{}）{}：画面与参照帧的差异不超过 {} dB，该时段没有录下现场",
                                     head, Seconds(seconds), where, lasting, policy.frozen_noise_db);
          f.summary_en = fmt::format("{}frozen picture for {} s ({}){}: the picture stays within {} dB of one frame",
                                     head_en, Seconds(seconds), where_en, lasting_en, policy.frozen_noise_db);
          break;
        case PictureMarkKind::kReplay: {
          const RecordingFacts& source = *stretch.source;
          const Instant source_start = static_cast<Instant>(std::floor(stretch.source_start));
          const bool same_camera = stretch.source_room == s.room && stretch.source_camera == c.camera;
          f.evidence.push_back(Evidence{source.path, "", "被重复的原始录像 (the footage repeated)"});
          const std::string source_camera =
              same_camera ? "同一摄像机"
                          : fmt::format("{} {} 摄像机 {} ", rules.place_zh, stretch.source_room, stretch.source_camera);
          const std::string source_camera_en =
              same_camera ? "the same camera"
                          : fmt::format("room {} camera {}", stretch.source_room, stretch.source_camera);
          f.summary_zh = fmt::format(
              "{}有 {} 秒录像（{}）与{} {} 起的录像（录像文件 {} 第 {:.0f} 秒起）画面依次相同：是回放或复制的录像，"
              "不是{}",
              head, Seconds(seconds), where, source_camera, FormatLocal(source_start, zone), source.path,
              stretch.source_start_in_file, rules.scene_zh);
          f.summary_en = fmt::format(
              "{}{} s of footage ({}) repeat, picture for picture, the footage of {} from {} (recording {} from "
              "{:.0f} s): replayed or copied video",
              head_en, Seconds(seconds), where_en, source_camera_en, FormatInstant(source_start, zone), source.path,
              stretch.source_start_in_file);
          break;
        }
      }
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

namespace {

// A one-file track for the file-level functions.
Track SingleFileTrack(const std::vector<PictureSample>& samples, double duration) {
  Track track;
  track.segments.push_back(Segment{0, samples.size(), 0, 0});
  for (size_t i = 0; i < samples.size(); ++i) {
    Point point;
    point.t = samples[i].t;
    point.sample = &samples[i];
    point.step = i == 0 ? 0.0 : samples[i].diff_from_prev;
    point.to_reference = samples[i].diff_from_reference;
    point.piece_end = duration;
    track.points.push_back(point);
  }
  return track;
}

std::vector<MediaInterval> ToIntervals(const std::vector<Run>& runs) {
  std::vector<MediaInterval> out;
  for (const Run& run : runs) out.push_back(MediaInterval{run.start, run.end});
  return out;
}

}  // namespace

std::vector<MediaInterval> BlackIntervals(const std::vector<PictureSample>& samples, double duration,
                                          const AuditPolicy& policy) {
  const Track track = SingleFileTrack(samples, duration);
  return ToIntervals(BlackRuns(track.points, 0, track.points.size(), duration, policy));
}

std::vector<MediaInterval> FrozenIntervals(const std::vector<PictureSample>& samples, double duration,
                                           const AuditPolicy& policy) {
  const Track track = SingleFileTrack(samples, duration);
  return ToIntervals(FrozenRuns(track.points, 0, track.points.size(), duration, policy));
}

}  // namespace xk
