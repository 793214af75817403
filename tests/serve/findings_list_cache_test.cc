// The findings list's cache: kept while the store's mark is unchanged, forgotten when it moves,
// bounded in lists and in ids.
#include "src/serve/findings_list_cache.h"

#include <gtest/gtest.h>

namespace xk::serve {
namespace {

std::shared_ptr<const std::vector<std::string>> Ids(size_t count) {
  auto ids = std::make_shared<std::vector<std::string>>();
  for (size_t i = 0; i < count; ++i) ids->push_back("id" + std::to_string(i));
  return ids;
}

TEST(FindingsListCache, AListIsKeptUntilTheStoresMarkMoves) {
  FindingsListCache cache(10, 100);
  cache.Keep("2/completed/7@2026-12-05", "rule=TRN-HOURS-SHORT&", {33, nullptr});
  cache.Keep("2/completed/7@2026-12-05", "q=录像&", {3, Ids(3)});
  const auto kept = cache.Find("2/completed/7@2026-12-05", "q=录像&");
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->total, 3);
  ASSERT_TRUE(kept->ids);
  EXPECT_EQ(kept->ids->at(2), "id2");
  EXPECT_EQ(cache.Find("2/completed/7@2026-12-05", "rule=TRN-HOURS-SHORT&")->total, 33);
  EXPECT_FALSE(cache.Find("2/completed/8@2026-12-05", "q=录像&")) << "a case event recorded since";
  EXPECT_FALSE(cache.Find("2/completed/7@2026-12-06", "q=录像&")) << "another day: other cases overdue";

  cache.Keep("3/running/8@2026-12-05", "q=录像&", {4, Ids(4)});
  EXPECT_FALSE(cache.Find("2/completed/7@2026-12-05", "rule=TRN-HOURS-SHORT&")) << "all forgotten at the new mark";
  EXPECT_EQ(cache.Find("3/running/8@2026-12-05", "q=录像&")->total, 4);
}

TEST(FindingsListCache, StaysWithinItsBounds) {
  FindingsListCache cache(3, 100);
  cache.Keep("m", "a", {150, Ids(150)});
  const auto large = cache.Find("m", "a");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->total, 150);
  EXPECT_FALSE(large->ids) << "more ids than the bound: kept by its total only";
  cache.Keep("m", "b", {60, Ids(60)});
  cache.Keep("m", "c", {60, Ids(60)});  // 120 ids would pass the bound: what was kept goes
  EXPECT_FALSE(cache.Find("m", "b"));
  EXPECT_TRUE(cache.Find("m", "c"));
  cache.Keep("m", "d", {1, nullptr});
  cache.Keep("m", "e", {1, nullptr});
  cache.Keep("m", "f", {1, nullptr});  // a fourth list: past max_lists
  EXPECT_FALSE(cache.Find("m", "c"));
  EXPECT_TRUE(cache.Find("m", "f"));
}

}  // namespace
}  // namespace xk::serve
