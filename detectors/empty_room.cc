#include "detectors/empty_room.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "detectors/coverage.h"
#include "detectors/media_analysis.h"
#include "detectors/picture_tracks.h"
#include "detectors/rule_table.h"

namespace xk {

namespace {

// The samples left must span this share of the session window for a judgment.
constexpr double kMinJudgedShare = 0.5;
// A sample stands for the time to the next one, at most this long (keyframes 1-2 s apart).
constexpr double kMaxSampleSpan = 3.0;

bool InsideMark(const std::vector<PictureMark>& marks, double t) {
  return std::any_of(marks.begin(), marks.end(), [&](const PictureMark& m) {
    return m.kind != PictureMarkKind::kReplay && t >= static_cast<double>(m.start) && t < static_cast<double>(m.end);
  });
}

struct StillCount {
  int judged = 0, still = 0;
  double judged_seconds = 0;
  std::vector<const RecordingFacts*> files;
};

StillCount CountStill(const CameraCoverage& c, const AuditPolicy& policy) {
  StillCount count;
  for (const RecordingFacts* r : c.recordings) {
    if (r->probe.unreadable != UnreadableKind::kNone || !r->probe.analysed) continue;
    const auto& samples = r->probe.samples;
    bool used = false;
    for (size_t i = 0; i < samples.size(); ++i) {
      const PictureSample& s = samples[i];
      const double t = static_cast<double>(r->start) + s.t;
      if (t < static_cast<double>(c.window_start) || t >= static_cast<double>(c.window_end)) continue;
      if (s.motion < 0 || picture::IsBlack(s, policy) || InsideMark(c.picture_marks, t)) continue;
      const double next = i + 1 < samples.size() ? samples[i + 1].t : r->probe.duration;
      count.judged_seconds += std::clamp(next - s.t, 0.0, kMaxSampleSpan);
      ++count.judged;
      count.still += s.motion < policy.empty_room_motion_ratio;
      used = true;
    }
    if (used) count.files.push_back(r);
  }
  return count;
}

// The finding on camera `c` of a classroom session with sign-ins, when its picture stood still
// for most of the session; nullopt otherwise (or when too little could be judged).
std::optional<Finding> EmptyRoomFinding(const CameraCoverage& c, const AuditPolicy& policy) {
  const FilmedSession& s = c.session;
  const TimeZone& zone = policy.zone;
  if (!s.classroom() || s.sign_ins == 0 || c.camera.empty()) return std::nullopt;
  const StillCount count = CountStill(c, policy);
  const double window = static_cast<double>(c.window_end - c.window_start);
  if (count.judged == 0 || count.judged_seconds < kMinJudgedShare * window) return std::nullopt;
  const double still_share = static_cast<double>(count.still) / count.judged;
  if (still_share < policy.empty_room_still_share) return std::nullopt;

  Finding f = CameraFinding(RuleId::kTrnVideoEmptyRoom, c,
                            fmt::format("session:{}|room:{}|camera:{}", s.SubjectKey(), s.room, c.camera));
  f.start = s.start;
  f.end = s.end;
  f.measured = std::round(still_share * 1000) / 10;
  f.required = policy.empty_room_still_share * 100;
  f.unit = "%";
  if (!count.files.empty()) f.file = count.files.front()->path;
  for (const RecordingFacts* r : count.files) f.evidence.push_back(Evidence{r->path, "", "录像文件 (recording)"});
  f.basis += fmt::format(
      "；判定方法：逐个采样画面与前一采样画面相减，差值超过由画面自身估计的噪声水平的像素占比低于 "
      "{:.2f}% 为“静止”（不计时间水印等反复变化的小区域、全黑画面和冻结画面）",
      policy.empty_room_motion_ratio * 100);
  f.summary_zh = fmt::format(
      "教室 {} 摄像机 {} {}（{} {}–{}）有 {} 条签到记录，但录像中 {} 个有效采样画面里 {} 个（{:.0f}%，阈值 "
      "{:.0f}%）没有超出噪声的运动：课堂大部分时间教室内无人，所报学时没有人在场的录像支持",
      s.room, c.camera, s.LabelZh(), FormatDate(s.date), FormatLocalTime(s.start, zone), FormatLocalTime(s.end, zone),
      s.sign_ins, count.judged, count.still, still_share * 100, policy.empty_room_still_share * 100);
  f.summary_en = fmt::format(
      "classroom {} camera {} {} ({} {}-{}): {} sign-ins, but {} of {} sampled pictures ({:.0f}%, threshold "
      "{:.0f}%) show no motion beyond noise: nobody in the room for most of the session",
      s.room, c.camera, s.LabelEn(), FormatDate(s.date), FormatLocalTime(s.start, zone), FormatLocalTime(s.end, zone),
      s.sign_ins, count.still, count.judged, still_share * 100, policy.empty_room_still_share * 100);
  return f;
}

}  // namespace

std::vector<Finding> DetectEmptyRooms(const DetectorInput& input) {
  std::vector<Finding> findings;
  std::optional<MediaAnalysis> local;
  for (const CameraCoverage& c : MediaOf(input, &local).coverage) {
    if (std::optional<Finding> f = EmptyRoomFinding(c, input.policy)) findings.push_back(std::move(*f));
  }
  return findings;
}

}  // namespace xk
