#include "src/audit/shard.h"

#include <fmt/format.h>

#include <charconv>

namespace xk {

namespace {

uint64_t Fnv1a(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::optional<int> ParseCount(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Shard> ParseShard(const std::string& text) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const auto k = ParseCount(std::string_view(text).substr(0, slash));
  const auto n = ParseCount(std::string_view(text).substr(slash + 1));
  if (!k || !n || *n < 1 || *n > 10000 || *k < 1 || *k > *n) return std::nullopt;
  return Shard{*k - 1, *n};
}

int ShardOf(const RecordingFacts& recording, int count, const TimeZone& zone) {
  if (count <= 1) return 0;
  const std::string day = recording.name_start ? FormatDate(LocalDate(*recording.name_start, zone)) : "";
  // Unit separators between the parts: no two different tuples make the same key.
  const std::string key =
      fmt::format("{}\x1f{}\x1f{}\x1f{}", recording.institution, recording.room, recording.camera, day);
  return static_cast<int>(Fnv1a(key) % static_cast<uint64_t>(count));
}

}  // namespace xk
