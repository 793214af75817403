// Parses the date-times libav puts into container metadata (creation_time): ISO 8601 such as
// "2022-04-15T01:12:00.000000Z", "2022-04-15 01:12:00" or "2022-04-15T09:12:00+08:00". A time
// without a zone is UTC, as MP4 and Matroska define it. Fractions of a second are dropped.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "records/civil_time.h"

namespace xk {

// The instant, or nullopt when `text` is not such a date-time or names no real calendar day.
std::optional<Instant> ParseUtcTimestamp(std::string_view text);

// "2022-04-15T01:12:00.000000Z": how creation_time is written into a container.
std::string FormatUtcTimestamp(Instant instant);

}  // namespace xk
