// A packet reads causes first: each knock-on follows the finding it names as its cause when the
// packet holds it; nothing is lost, not even a (malformed) cycle of causes.
#include <gtest/gtest.h>

#include "src/packet/packet_selection.h"

namespace xk {
namespace {

store::StoredFinding Stored(const std::string& id, std::optional<std::string> cause = std::nullopt) {
  store::StoredFinding stored;
  stored.id = id;
  stored.finding.cause = std::move(cause);
  return stored;
}

std::vector<std::string> Ids(const std::vector<store::StoredFinding>& findings) {
  std::vector<std::string> ids;
  for (const auto& stored : findings) ids.push_back(stored.id);
  return ids;
}

TEST(PacketOrder, KnockOnsFollowTheirCause) {
  std::vector<store::StoredFinding> findings = {Stored("k1", "c2"), Stored("c1"), Stored("k2", "c2"), Stored("c2"),
                                                Stored("k3", "elsewhere")};
  PlaceKnockOnsAfterCauses(&findings);
  EXPECT_EQ(Ids(findings), (std::vector<std::string>{"c1", "c2", "k1", "k2", "k3"}));
}

TEST(PacketOrder, ACycleOfCausesLosesNothing) {
  std::vector<store::StoredFinding> findings = {Stored("a", "b"), Stored("b", "a"), Stored("c")};
  PlaceKnockOnsAfterCauses(&findings);
  EXPECT_EQ(Ids(findings), (std::vector<std::string>{"c", "a", "b"}));
}

}  // namespace
}  // namespace xk
