// Where a recording sits and when it starts, read from its path under exams/<code>/video/.
// A pattern is a path with fields: {room}, {camera} (any text but '/'), {date} (YYYYMMDD),
// {time} (HHMMSS), {start} and {end} (YYYYMMDDHHMMSS), and * (any text but '/'). The default
// layout is "{room}/{camera}/{date}/{time}.*"; audit.toml may add NVR patterns such as
// "{room}/{camera}/ch{*}_{start}_{end}.*". Times in names are local time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"

namespace xk {

struct RecordingName {
  std::string room;
  std::string camera;
  std::optional<Instant> start;
  std::optional<Instant> end;
};

inline const char* kDefaultRecordingPattern = "{room}/{camera}/{date}/{time}.*";

// The first pattern that matches the whole path; nullopt when none does.
std::optional<RecordingName> MatchRecordingName(const std::string& path_under_video,
                                                const std::vector<std::string>& patterns, const TimeZone& zone);

}  // namespace xk
