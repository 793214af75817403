#include "records/finding_json.h"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "records/csv/values.h"

namespace xk {

namespace {

// The finding's optional texts (null in the JSON when absent) and its lists of texts (left out
// when empty), by their JSON names: written and read back through the same names.
constexpr std::array<std::pair<const char*, std::optional<std::string> Finding::*>, 7> kOptionalTexts = {{
    {"class_id", &Finding::class_id},
    {"session_id", &Finding::session_id},
    {"trainee_id", &Finding::trainee_id},
    {"teacher_id", &Finding::teacher_id},
    {"room", &Finding::room},
    {"camera", &Finding::camera},
    {"file", &Finding::file},
}};
constexpr std::array<std::pair<const char*, std::vector<std::string> Finding::*>, 3> kTextLists = {{
    {"class_ids", &Finding::class_ids},
    {"session_ids", &Finding::session_ids},
    {"files", &Finding::files},
}};

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

// The texts of an array (anything else in it passed over); none when the key holds no array.
std::vector<std::string> ReadTexts(const nlohmann::json& j, const char* key) {
  std::vector<std::string> texts;
  if (auto it = j.find(key); it != j.end() && it->is_array()) {
    for (const auto& item : *it) {
      if (item.is_string()) texts.push_back(item.get<std::string>());
    }
  }
  return texts;
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
  for (const auto& [key, member] : kOptionalTexts) j[key] = Optional(f.*member);
  j["people"] = f.people;
  for (const auto& [key, member] : kTextLists) {
    if (!(f.*member).empty()) j[key] = f.*member;
  }
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
  for (const auto& [key, member] : kOptionalTexts) f.*member = ReadString(j, key);
  f.people = ReadTexts(j, "people");
  for (const auto& [key, member] : kTextLists) f.*member = ReadTexts(j, key);
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
