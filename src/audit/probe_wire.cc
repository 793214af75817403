#include "src/audit/probe_wire.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "records/store/media_store.h"

namespace xk {

namespace {

std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::optional<std::string> Unhex(const std::string& text) {
  if (text.size() % 2 != 0) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    const int high = digit(text[i]), low = digit(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

}  // namespace

std::string SpecToWire(const AnalysisSpec& spec) {
  nlohmann::json j;
  j["pictures"] = spec.pictures;
  j["thorough"] = spec.thorough;
  j["black_pixel_threshold"] = spec.black_pixel_threshold;
  j["frozen_noise_db"] = spec.frozen_noise_db;
  j["hash"] = spec.hash;
  j["picture_threads"] = spec.picture_threads;
  nlohmann::json limits;
  for (const InputLimitInfo& limit : DescribeInputLimits(spec.limits)) limits[limit.name] = limit.value;
  j["limits"] = limits;
  return j.dump();
}

std::optional<AnalysisSpec> SpecFromWire(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    AnalysisSpec spec;
    spec.pictures = j.at("pictures").get<bool>();
    spec.thorough = j.at("thorough").get<bool>();
    spec.black_pixel_threshold = j.at("black_pixel_threshold").get<double>();
    spec.frozen_noise_db = j.at("frozen_noise_db").get<double>();
    spec.hash = j.at("hash").get<bool>();
    spec.picture_threads = std::clamp(j.value("picture_threads", 1), 1, 64);
    for (const auto& [name, value] : j.at("limits").items()) {
      if (!SetInputLimit(&spec.limits, name, value.get<double>()).empty()) return std::nullopt;
    }
    return spec;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::string RequestToWire(const std::string& absolute, const std::string& shown) {
  return Hex(absolute) + " " + Hex(shown);
}

bool RequestFromWire(const std::string& line, std::string* absolute, std::string* shown) {
  const size_t space = line.find(' ');
  if (space == std::string::npos) return false;
  auto a = Unhex(line.substr(0, space));
  auto s = Unhex(line.substr(space + 1));
  if (!a || !s) return false;
  *absolute = std::move(*a);
  *shown = std::move(*s);
  return true;
}

std::string ProbeToWire(const MediaProbe& p) {
  nlohmann::json j;
  j["unreadable"] = static_cast<int>(p.unreadable);
  j["reason"] = p.reason;
  j["container"] = p.container;
  j["codec"] = p.codec;
  j["width"] = p.width;
  j["height"] = p.height;
  j["fps"] = p.fps;
  j["creation_time"] = p.creation_time ? nlohmann::json(*p.creation_time) : nlohmann::json(nullptr);
  j["duration"] = p.duration;
  nlohmann::json covered = nlohmann::json::array();
  for (const auto& interval : p.covered) covered.push_back({interval.start, interval.end});
  j["covered"] = std::move(covered);
  j["frames"] = p.frames;
  j["frames_decoded"] = p.frames_decoded;
  j["from_index"] = p.from_index;
  j["samples"] = Hex(store::PackSamples(p.samples));
  j["analysed"] = p.analysed;
  j["thorough"] = p.thorough;
  j["measured_with"] = p.measured_with;
  j["sha256"] = p.sha256;
  j["truncated_frames"] = p.truncated_frames;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<MediaProbe> ProbeFromWire(const std::string& line) {
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    MediaProbe p;
    const int kind = j.at("unreadable").get<int>();
    if (kind < 0 || kind > static_cast<int>(UnreadableKind::kMissing)) return std::nullopt;
    p.unreadable = static_cast<UnreadableKind>(kind);
    p.reason = j.at("reason").get<std::string>();
    p.container = j.at("container").get<std::string>();
    p.codec = j.at("codec").get<std::string>();
    p.width = j.at("width").get<int>();
    p.height = j.at("height").get<int>();
    p.fps = j.at("fps").get<double>();
    if (!j.at("creation_time").is_null()) p.creation_time = j.at("creation_time").get<Instant>();
    p.duration = j.at("duration").get<double>();
    for (const auto& interval : j.at("covered")) {
      p.covered.push_back(MediaInterval{interval.at(0).get<double>(), interval.at(1).get<double>()});
    }
    p.frames = j.at("frames").get<int64_t>();
    p.frames_decoded = j.value("frames_decoded", int64_t{0});
    p.from_index = j.at("from_index").get<bool>();
    auto samples = Unhex(j.at("samples").get<std::string>());
    if (!samples) return std::nullopt;
    p.samples = store::UnpackSamples(*samples);
    p.analysed = j.at("analysed").get<bool>();
    p.thorough = j.at("thorough").get<bool>();
    p.measured_with = j.at("measured_with").get<std::string>();
    p.sha256 = j.at("sha256").get<std::string>();
    p.truncated_frames = j.at("truncated_frames").get<int64_t>();
    return p;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace xk
