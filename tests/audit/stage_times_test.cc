// The stage clock behind the run's summary line.
#include "src/audit/stage_times.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace xk {
namespace {

TEST(StageTimes, SplitsAStageAndSumsToTheTotal) {
  StageTimes times;
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  times.Finish("清点录像");
  times.SplitOff("分析新录像", 0.02);
  ASSERT_EQ(times.stages().size(), 2u);
  EXPECT_EQ(times.stages()[0].first, "清点录像");
  EXPECT_GE(times.stages()[0].second, 0.005);
  EXPECT_NEAR(times.stages()[1].second, 0.02, 1e-9);
  EXPECT_NEAR(times.total(), times.stages()[0].second + 0.02, 1e-9);
  EXPECT_GE(times.total(), 0.03);
  EXPECT_EQ(times.Summary().rfind("用时 ", 0), 0u) << times.Summary();
  EXPECT_NE(times.Summary().find("，分析新录像 0.02 s）"), std::string::npos) << times.Summary();
}

TEST(StageTimes, ASplitLargerThanTheStageTakesAllOfIt) {
  StageTimes times;
  times.Finish("读取记录");
  const double took = times.stages()[0].second;
  times.SplitOff("分析新录像", 5.0);
  EXPECT_EQ(times.stages()[0].second, 0.0);
  EXPECT_EQ(times.stages()[1].second, took);
}

}  // namespace
}  // namespace xk
