// key.json of the demo archive: what must be found and what must stay silent.
#include <nlohmann/json.hpp>

#include "tools/demo/demo_archive.h"

namespace xk {

namespace {

nlohmann::ordered_json MatchJson(const std::vector<std::pair<std::string, std::string>>& match) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [field, value] : match) j[field] = value;
  return j;
}

std::vector<std::pair<std::string, std::string>> MatchFrom(const nlohmann::json& j) {
  std::vector<std::pair<std::string, std::string>> out;
  if (j.is_object()) {
    for (const auto& [field, value] : j.items()) out.emplace_back(field, value.get<std::string>());
  }
  return out;
}

}  // namespace

std::string DemoKeyJson(const DemoKey& key) {
  nlohmann::ordered_json root;
  root["expected"] = nlohmann::ordered_json::array();
  for (const auto& e : key.expected) {
    root["expected"].push_back(
        {{"rule", e.rule}, {"institution", e.institution}, {"match", MatchJson(e.match)}, {"note", e.note}});
  }
  root["clean"] = nlohmann::ordered_json::array();
  for (const auto& c : key.clean) {
    root["clean"].push_back({{"institution", c.institution}, {"match", MatchJson(c.match)}, {"note", c.note}});
  }
  return root.dump(2) + "\n";
}

DemoKey DemoKeyFromJson(const std::string& text) {
  DemoKey key;
  auto root = nlohmann::json::parse(text);
  for (const auto& e : root.at("expected")) {
    key.expected.push_back({e.at("rule"), e.at("institution"), MatchFrom(e.at("match")), e.value("note", "")});
  }
  for (const auto& c : root.at("clean")) {
    key.clean.push_back({c.at("institution"), MatchFrom(c.at("match")), c.value("note", "")});
  }
  return key;
}

}  // namespace xk
