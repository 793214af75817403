#include "src/cli/malloc_pages.h"

#include <gtest/gtest.h>

namespace xk {
namespace {

TEST(TunablesWithLargePages, AddsTheTunableWhenNoneIsSet) {
  EXPECT_EQ(TunablesWithLargePages(nullptr), "glibc.malloc.hugetlb=1");
  EXPECT_EQ(TunablesWithLargePages(""), "glibc.malloc.hugetlb=1");
}

TEST(TunablesWithLargePages, KeepsTheUsersOtherTunables) {
  EXPECT_EQ(TunablesWithLargePages("glibc.malloc.arena_max=2"), "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
}

TEST(TunablesWithLargePages, LeavesAUsersChoiceAndNeverLoops) {
  EXPECT_EQ(TunablesWithLargePages("glibc.malloc.hugetlb=0"), std::nullopt);
  EXPECT_EQ(TunablesWithLargePages("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"), std::nullopt);
}

}  // namespace
}  // namespace xk
