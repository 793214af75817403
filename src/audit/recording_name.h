// Where a recording sits and when it starts, read from its path under exams/<code>/video/.
// A pattern is a path with fields: {room}, {camera} (one or more characters other than '/'),
// {date} (8 digits, YYYYMMDD), {time} (6 digits, HHMMSS), {start} and {end} (14 digits,
// YYYYMMDDHHMMSS), and * (one or more characters other than '/'; "{*}" is the same). The default
// layout is "{room}/{camera}/{date}/{time}.*"; audit.toml may add NVR patterns such as
// "{room}/{camera}/ch*_{start}_{end}.*". Times in names are local time.
//
// Patterns come from audit.toml, which the audited institution writes, so matching never
// backtracks: each pattern is compiled once into a small program run as a Pike VM (a Thompson
// NFA simulation with capture slots), in time linear in the path's length for a given pattern.
// Where a path could be split several ways, the leftmost field decides first, and each * and text
// field is as short as the rest of the pattern allows ("{room}_*" on "a_b_c" gives room "a").
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

// nullopt when `pattern` is usable, else what is wrong with it as "中文说明 (English)", quoting the
// pattern: empty, a '{' never closed, a field name other than room, camera, date, time, start,
// end or *, a field other than * used twice, or no {room} or no {camera}. For the configuration
// loader, which reports a bad pattern instead of using it.
std::optional<std::string> RecordingPatternError(const std::string& pattern);

struct CompiledRecordingPattern;  // the program of one pattern (recording_name.cc)

// The patterns of one audit, compiled once. Match is const and keeps no state between calls, so
// one matcher serves every file of the audit (and several threads at once).
class RecordingNameMatcher {
 public:
  // Patterns in priority order. A bad pattern (RecordingPatternError says why) never matches.
  explicit RecordingNameMatcher(const std::vector<std::string>& patterns);
  ~RecordingNameMatcher();
  RecordingNameMatcher(RecordingNameMatcher&&) noexcept;
  RecordingNameMatcher& operator=(RecordingNameMatcher&&) noexcept;
  RecordingNameMatcher(const RecordingNameMatcher&) = delete;
  RecordingNameMatcher& operator=(const RecordingNameMatcher&) = delete;

  // The first pattern that matches the whole path; nullopt when none does. A {date}{time} or
  // {start}/{end} that is no real local time (20220230) leaves start/end empty.
  std::optional<RecordingName> Match(const std::string& path_under_video, const TimeZone& zone) const;

 private:
  std::vector<CompiledRecordingPattern> compiled_;
};

// RecordingNameMatcher(patterns).Match(path_under_video, zone): for a single path. Compiles the
// patterns on every call; a loop over files should build one RecordingNameMatcher instead.
std::optional<RecordingName> MatchRecordingName(const std::string& path_under_video,
                                                const std::vector<std::string>& patterns, const TimeZone& zone);

}  // namespace xk
