#include "src/report/session_timelines.h"

#include <fmt/format.h>

#include <map>

#include "detectors/media_analysis.h"
#include "src/report/timeline_picture.h"

namespace xk {

std::vector<SessionTimeline> DrawSessionTimelines(const DetectorInput& input) {
  const TimeZone& zone = input.policy.zone;
  // Exam sessions only (the report's section 4); classroom sessions are judged but not drawn.
  using SessionKey = std::pair<std::string, std::string>;  // institution, session
  std::map<SessionKey, std::vector<CameraCoverage>> by_session;
  std::vector<SessionKey> order;
  std::optional<MediaAnalysis> local;
  TimelineCache pictures;  // sessions that look alike (all unfilmed at 09:00, say) share one picture
  // With the black / frozen / replayed stretches on the bars.
  std::vector<CameraCoverage> coverages = MediaOf(input, &local).coverage;
  for (auto& c : coverages) {
    if (c.session.classroom()) continue;
    const SessionKey key{c.session.institution, c.session.session_id};
    if (!by_session.count(key)) order.push_back(key);
    by_session[key].push_back(std::move(c));
  }
  std::vector<SessionTimeline> out;
  for (const SessionKey& key : order) {
    const auto& cameras = by_session[key];
    const FilmedSession* s = &cameras.front().session;
    std::vector<TimelineRow> rows;
    for (const auto& c : cameras) {
      TimelineRow row;
      row.camera = s->room + "-" + (c.camera.empty() ? std::string("(无摄像机)") : c.camera);
      for (const auto& g : c.gaps) row.stretches.push_back({g.start, g.end, TimelineState::kGap});
      for (const auto& i : c.covered) row.stretches.push_back({i.start, i.end, TimelineState::kRecorded});
      for (const auto& u : c.unreadable) row.stretches.push_back({u.start, u.end, TimelineState::kUnreadable});
      for (const auto& p : c.picture_marks) {
        TimelineState state = p.kind == PictureMarkKind::kBlack    ? TimelineState::kBlack
                              : p.kind == PictureMarkKind::kFrozen ? TimelineState::kFrozen
                                                                   : TimelineState::kReplay;
        row.stretches.push_back({p.start, p.end, state});
      }
      rows.push_back(std::move(row));
    }
    SessionTimeline t;
    t.institution = s->institution;
    t.session_id = s->session_id;
    t.room = s->room;
    t.title = fmt::format("{} 场次 {} 考场 {} {} {}–{}", s->institution, s->session_id, s->room, FormatDate(s->date),
                          FormatLocalTime(s->start, zone).substr(0, 5), FormatLocalTime(s->end, zone).substr(0, 5));
    Instant margin = std::max<Instant>(60, (s->end - s->start) / 20);
    t.png = DrawTimelinePng(cameras.front().window_start - margin, cameras.front().window_end + margin, s->start,
                            s->end, rows, zone, &pictures);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace xk
