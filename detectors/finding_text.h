// Wording shared by findings: exact durations and local time ranges, in Chinese and English.
#pragma once

#include <cstdint>
#include <string>

#include "records/civil_time.h"

namespace xk {

// "31 分钟", "30 分 1 秒", "12 小时 59 分 55 秒": exact, so 30 min 1 s never reads as 30 minutes.
std::string DurationZh(int64_t seconds);
std::string DurationEn(int64_t seconds);
// "2022-04-15 09:00:00–11:00:00" (the date once when both ends share it).
std::string LocalRange(Instant start, Instant end, const TimeZone& zone);

}  // namespace xk
