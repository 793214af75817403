// Parsing container creation_time values.
#include "src/media/utc_timestamp.h"

#include <gtest/gtest.h>

namespace xk {
namespace {

constexpr Instant kMorning = 1649984400;  // 2022-04-15T01:00:00Z

TEST(MediaUtcTimestamp, FormsLibavWrites) {
  EXPECT_EQ(ParseUtcTimestamp("2022-04-15T01:00:00.000000Z"), kMorning);
  EXPECT_EQ(ParseUtcTimestamp("2022-04-15T01:00:00Z"), kMorning);
  EXPECT_EQ(ParseUtcTimestamp("2022-04-15 01:00:00"), kMorning);  // no zone: UTC
  EXPECT_EQ(ParseUtcTimestamp("2022-04-15T09:00:00+08:00"), kMorning);
  EXPECT_EQ(ParseUtcTimestamp("2022-04-15T09:00:00+0800"), kMorning);
  EXPECT_EQ(ParseUtcTimestamp("2022-04-14T20:00:00-05:00"), kMorning);
  EXPECT_EQ(ParseUtcTimestamp("1970-01-01T00:00:00Z"), 0);
}

TEST(MediaUtcTimestamp, RejectsWhatIsNotADateTime) {
  EXPECT_FALSE(ParseUtcTimestamp(""));
  EXPECT_FALSE(ParseUtcTimestamp("2022-04-15"));
  EXPECT_FALSE(ParseUtcTimestamp("2022-02-30T01:00:00Z"));
  EXPECT_FALSE(ParseUtcTimestamp("2022-04-15T25:00:00Z"));
  EXPECT_FALSE(ParseUtcTimestamp("2022-04-15T01:00:00Zjunk"));
  EXPECT_FALSE(ParseUtcTimestamp("yesterday"));
}

TEST(MediaUtcTimestamp, FormatRoundTrips) {
  EXPECT_EQ(FormatUtcTimestamp(kMorning), "2022-04-15T01:00:00.000000Z");
  EXPECT_EQ(ParseUtcTimestamp(FormatUtcTimestamp(kMorning + 86399)), kMorning + 86399);
}

}  // namespace
}  // namespace xk
