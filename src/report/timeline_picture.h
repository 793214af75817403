// The coverage timeline of one exam session as a PNG drawn with OpenCV: one bar per required
// camera across the session window, coloured by what the recordings hold (recorded, gap,
// unreadable, black, frozen, replayed), with the session's start and end marked and a time scale.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "records/civil_time.h"

namespace xk {

enum class TimelineState { kRecorded, kGap, kUnreadable, kBlack, kFrozen, kReplay };

struct TimelineStretch {
  Instant start = 0;
  Instant end = 0;
  TimelineState state = TimelineState::kRecorded;
};

struct TimelineRow {
  std::string camera;                      // label (ASCII is drawn; other characters are replaced)
  std::vector<TimelineStretch> stretches;  // drawn in order: later ones on top
};

// Pictures already drawn, by what they show (in pixels): many sessions look alike (a city's
// sessions without any recording are one red bar at the same hours), and encoding a PNG is most of
// the cost of a timeline.
using TimelineCache = std::unordered_map<std::string, std::string>;

// PNG bytes. `window_*` is the drawn range; `session_*` are marked with vertical lines. With a
// cache, a picture whose drawing is already there is taken from it (the same bytes).
std::string DrawTimelinePng(Instant window_start, Instant window_end, Instant session_start, Instant session_end,
                            const std::vector<TimelineRow>& rows, const TimeZone& zone, TimelineCache* cache = nullptr);

}  // namespace xk
