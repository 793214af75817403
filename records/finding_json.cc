#include "records/finding_json.h"

#include <nlohmann/json.hpp>

#include "records/csv/values.h"

namespace xk {

namespace {

nlohmann::json Optional(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
nlohmann::json Optional(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::optional<std::string> ReadString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<double> ReadNumber(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

// Parses "2022-04-15T09:12:00+08:00".
std::optional<Instant> ReadInstant(const nlohmann::json& j, const char* key) {
  auto text = ReadString(j, key);
  if (!text) return std::nullopt;
  return ParseIsoInstant(*text, std::nullopt);
}

}  // namespace

nlohmann::json FindingToJson(const Finding& f, const TimeZone& zone) {
  nlohmann::json j;
  j["id"] = f.Id();
  j["rule"] = f.rule;
  j["severity"] = SeverityName(f.severity);
  j["institution"] = f.institution;
  j["subject"] = f.subject;
  j["class_id"] = Optional(f.class_id);
  j["session_id"] = Optional(f.session_id);
  j["trainee_id"] = Optional(f.trainee_id);
  j["teacher_id"] = Optional(f.teacher_id);
  j["room"] = Optional(f.room);
  j["camera"] = Optional(f.camera);
  j["file"] = Optional(f.file);
  j["people"] = f.people;
  if (!f.class_ids.empty()) j["class_ids"] = f.class_ids;
  if (!f.session_ids.empty()) j["session_ids"] = f.session_ids;
  if (!f.files.empty()) j["files"] = f.files;
  if (f.cause) j["cause"] = *f.cause;
  j["start"] = f.start ? nlohmann::json(FormatInstant(*f.start, zone)) : nlohmann::json(nullptr);
  j["end"] = f.end ? nlohmann::json(FormatInstant(*f.end, zone)) : nlohmann::json(nullptr);
  j["measured"] = Optional(f.measured);
  j["required"] = Optional(f.required);
  j["unit"] = f.unit.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.unit);
  j["summary_zh"] = f.summary_zh;
  j["summary_en"] = f.summary_en;
  j["basis"] = f.basis;
  auto rows = nlohmann::json::array();
  for (const auto& row : f.rows) rows.push_back({{"file", row.file}, {"line", row.line}});
  j["rows"] = rows;
  auto evidence = nlohmann::json::array();
  for (const auto& e : f.evidence) {
    evidence.push_back({{"path", e.path},
                        {"sha256", e.sha256.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.sha256)},
                        {"what", e.what}});
  }
  j["evidence"] = evidence;
  return j;
}

Finding FindingFromJson(const nlohmann::json& j) {
  Finding f;
  f.rule = ReadString(j, "rule").value_or("");
  f.severity = ParseSeverity(ReadString(j, "severity").value_or("medium")).value_or(Severity::kMedium);
  f.institution = ReadString(j, "institution").value_or("");
  f.subject = ReadString(j, "subject").value_or("");
  f.class_id = ReadString(j, "class_id");
  f.session_id = ReadString(j, "session_id");
  f.trainee_id = ReadString(j, "trainee_id");
  f.teacher_id = ReadString(j, "teacher_id");
  f.room = ReadString(j, "room");
  f.camera = ReadString(j, "camera");
  f.file = ReadString(j, "file");
  if (auto it = j.find("people"); it != j.end() && it->is_array()) {
    for (const auto& p : *it) {
      if (p.is_string()) f.people.push_back(p.get<std::string>());
    }
  }
  for (auto [key, list] :
       {std::pair{"class_ids", &f.class_ids}, std::pair{"session_ids", &f.session_ids}, std::pair{"files", &f.files}}) {
    if (auto it = j.find(key); it != j.end() && it->is_array()) {
      for (const auto& item : *it) {
        if (item.is_string()) list->push_back(item.get<std::string>());
      }
    }
  }
  f.cause = ReadString(j, "cause");
  f.start = ReadInstant(j, "start");
  f.end = ReadInstant(j, "end");
  f.measured = ReadNumber(j, "measured");
  f.required = ReadNumber(j, "required");
  f.unit = ReadString(j, "unit").value_or("");
  f.summary_zh = ReadString(j, "summary_zh").value_or("");
  f.summary_en = ReadString(j, "summary_en").value_or("");
  f.basis = ReadString(j, "basis").value_or("");
  if (auto it = j.find("rows"); it != j.end() && it->is_array()) {
    for (const auto& r : *it) f.rows.push_back(SourceRef{r.value("file", ""), r.value("line", 0)});
  }
  if (auto it = j.find("evidence"); it != j.end() && it->is_array()) {
    for (const auto& e : *it) {
      f.evidence.push_back(Evidence{e.value("path", ""), e["sha256"].is_string() ? e["sha256"].get<std::string>() : "",
                                    e.value("what", "")});
    }
  }
  return f;
}

}  // namespace xk
