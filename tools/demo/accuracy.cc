#include "tools/demo/accuracy.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace xk {

namespace {

bool FieldEquals(const nlohmann::json& finding, const std::string& field, const std::string& value) {
  auto it = finding.find(field);
  if (it != finding.end() && it->is_string() && it->get<std::string>() == value) return true;
  if (field == "trainee_id" || field == "teacher_id") {  // people named in the finding count too
    auto people = finding.find("people");
    if (people != finding.end() && people->is_array()) {
      for (const auto& p : *people) {
        if (p.is_string() && p.get<std::string>() == value) return true;
      }
    }
  }
  return false;
}

bool Matches(const nlohmann::json& f, const std::string& rule, const std::string& institution,
             const std::vector<std::pair<std::string, std::string>>& match) {
  if (!rule.empty() && f.value("rule", "") != rule) return false;
  if (f.value("institution", "") != institution) return false;
  for (const auto& [field, value] : match) {
    if (!FieldEquals(f, field, value)) return false;
  }
  return true;
}

std::string Describe(const std::vector<std::pair<std::string, std::string>>& match) {
  std::string out;
  for (const auto& [k, v] : match) out += fmt::format("{}{}={}", out.empty() ? "" : ", ", k, v);
  return out;
}

}  // namespace

AccuracyReport ScoreFindings(const DemoKey& key, const std::string& findings_json) {
  AccuracyReport report;
  auto root = nlohmann::json::parse(findings_json);
  std::vector<nlohmann::json> findings;
  for (const auto& f : root.at("findings")) {
    if (f.value("status", "") != "resolved") findings.push_back(f);
  }
  std::vector<bool> explained(findings.size(), false);
  for (const auto& e : key.expected) {
    RuleScore& score = report.by_rule[e.rule];
    ++score.expected;
    bool found = false;
    for (size_t i = 0; i < findings.size(); ++i) {
      if (Matches(findings[i], e.rule, e.institution, e.match)) {
        found = true;
        explained[i] = true;
      }
    }
    if (found) {
      ++score.found;
    } else {
      ++score.missed;
      report.missed.push_back(fmt::format("{} {} {{{}}} — {}", e.rule, e.institution, Describe(e.match), e.note));
    }
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    if (explained[i]) continue;
    const auto& f = findings[i];
    std::string rule = f.value("rule", "");
    report.by_rule[rule].false_findings++;
    report.false_findings.push_back(
        fmt::format("{} {} {}: {}", rule, f.value("institution", ""), f.value("id", ""), f.value("summary_zh", "")));
  }
  return report;
}

std::string AccuracyReport::Table() const {
  std::string out = fmt::format("{:<26} {:>8} {:>6} {:>7} {:>6}\n", "rule", "expected", "found", "missed", "false");
  for (const auto& [rule, s] : by_rule) {
    out += fmt::format("{:<26} {:>8} {:>6} {:>7} {:>6}\n", rule, s.expected, s.found, s.missed, s.false_findings);
  }
  for (const auto& m : missed) out += "MISSED: " + m + "\n";
  for (const auto& f : false_findings) out += "FALSE:  " + f + "\n";
  return out;
}

}  // namespace xk
