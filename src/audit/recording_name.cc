#include "src/audit/recording_name.h"

#include <map>

namespace xk {

namespace {

bool AllDigits(const std::string& s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int Num(const std::string& s, size_t pos, size_t len) { return std::stoi(s.substr(pos, len)); }

// Backtracking match of `pattern` from pi against `text` from ti; fields collects {name}s.
bool Match(const std::string& pattern, size_t pi, const std::string& text, size_t ti,
           std::map<std::string, std::string>* fields) {
  if (pi == pattern.size()) return ti == text.size();
  if (pattern[pi] == '*' || pattern[pi] == '{') {
    std::string name = "*";
    size_t next = pi + 1;
    if (pattern[pi] == '{') {
      size_t close = pattern.find('}', pi);
      if (close == std::string::npos) return false;
      name = pattern.substr(pi + 1, close - pi - 1);
      next = close + 1;
    }
    size_t fixed = name == "date" ? 8 : name == "time" ? 6 : (name == "start" || name == "end") ? 14 : 0;
    for (size_t len = fixed ? fixed : 1; ti + len <= text.size(); ++len) {
      std::string value = text.substr(ti, len);
      if (value.find('/') != std::string::npos) break;
      if (fixed && !AllDigits(value, fixed)) break;
      auto saved = *fields;
      (*fields)[name] = value;
      if (Match(pattern, next, text, ti + len, fields)) return true;
      *fields = std::move(saved);
      if (fixed) break;
    }
    return false;
  }
  if (ti < text.size() && pattern[pi] == text[ti]) return Match(pattern, pi + 1, text, ti + 1, fields);
  return false;
}

std::optional<Instant> Compose(const std::string& ymd, const std::string& hms, const TimeZone& zone) {
  int y = Num(ymd, 0, 4), mo = Num(ymd, 4, 2), d = Num(ymd, 6, 2);
  int h = Num(hms, 0, 2), mi = Num(hms, 2, 2), s = Num(hms, 4, 2);
  if (!IsValidYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return ToInstant(DateFromYmd(y, mo, d), h * 3600 + mi * 60 + s, zone);
}

}  // namespace

std::optional<RecordingName> MatchRecordingName(const std::string& path, const std::vector<std::string>& patterns,
                                                const TimeZone& zone) {
  for (const auto& pattern : patterns) {
    std::map<std::string, std::string> fields;
    if (!Match(pattern, 0, path, 0, &fields)) continue;
    RecordingName name;
    name.room = fields["room"];
    name.camera = fields["camera"];
    if (fields.count("start")) name.start = Compose(fields["start"].substr(0, 8), fields["start"].substr(8), zone);
    if (fields.count("end")) name.end = Compose(fields["end"].substr(0, 8), fields["end"].substr(8), zone);
    if (fields.count("date") && fields.count("time")) name.start = Compose(fields["date"], fields["time"], zone);
    if (name.room.empty() || name.camera.empty()) continue;
    return name;
  }
  return std::nullopt;
}

}  // namespace xk
