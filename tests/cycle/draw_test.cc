// The 双随机 draw as a pure function: the same seed and pool give the same draw, another seed
// another; recusal, inactive inspectors, priority targets, institutions already drawn, the exact
// count, the spread of inspectors, and the pool text and its hash.
#include "src/cycle/draw.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "records/half_year.h"

namespace xk {
namespace {

Inspector MakeInspector(const std::string& id, const std::string& name, std::vector<std::string> recuse = {},
                        bool active = true) {
  Inspector inspector;
  inspector.inspector_id = id;
  inspector.name = name;
  inspector.cert_no = "JZ-" + id.substr(id.size() - 4);
  inspector.unit = "市应急管理局";
  inspector.recuse = std::move(recuse);
  inspector.active = active;
  return inspector;
}

std::string PoolCode(int number) { return (number < 10 ? "PX0" : "PX") + std::to_string(number); }

// 20 institutions, 6 inspectors (one recusing from three codes, one not in service).
DrawInput TwentyInstitutions(const std::string& seed) {
  DrawInput input;
  input.period = "2022H2";
  input.seed = seed;
  input.ratio = *ParseDrawRatio("0.3");
  input.min_targets = 1;
  for (int i = 1; i <= 20; ++i) input.pool.push_back(PoolCode(i));
  input.roster = {MakeInspector("110101198001010011", "王明", {"PX01", "PX02", "PX03"}),
                  MakeInspector("110101198001010022", "李华"),
                  MakeInspector("110101198001010033", "赵强"),
                  MakeInspector("110101198001010044", "孙丽", {}, false),
                  MakeInspector("110101198001010055", "周杰"),
                  MakeInspector("110101198001010066", "吴芳")};
  return input;
}

std::vector<std::string> Codes(const DrawResult& result) {
  std::vector<std::string> codes;
  for (const auto& target : result.targets) codes.push_back(target.institution);
  return codes;
}

std::vector<std::string> Pairs(const DrawResult& result) {
  std::vector<std::string> pairs;
  for (const auto& target : result.targets) {
    pairs.push_back(target.institution + ":" + target.inspectors.at(0).inspector.inspector_id + "+" +
                    target.inspectors.at(1).inspector.inspector_id);
  }
  return pairs;
}

TEST(Draw, SameSeedAndPoolGiveTheSameDrawAnotherSeedAnother) {
  const DrawResult first = RunDraw(TwentyInstitutions("2026-12-05T10:15:30+08:00"));
  const DrawResult again = RunDraw(TwentyInstitutions("2026-12-05T10:15:30+08:00"));
  const DrawResult other = RunDraw(TwentyInstitutions("2026-12-05T10:15:31+08:00"));
  ASSERT_EQ(first.targets.size(), 6u);  // ceil(0.3 x 20)
  EXPECT_EQ(Pairs(first), Pairs(again));
  EXPECT_EQ(first.pool_sha256, again.pool_sha256);
  EXPECT_NE(Codes(first), Codes(other));
  EXPECT_EQ(first.pool_sha256, other.pool_sha256);  // the seed is not part of the pool
  // The order of the files' rows does not matter.
  DrawInput shuffled = TwentyInstitutions("2026-12-05T10:15:30+08:00");
  std::reverse(shuffled.pool.begin(), shuffled.pool.end());
  std::reverse(shuffled.roster.begin(), shuffled.roster.end());
  const DrawResult reordered = RunDraw(shuffled);
  EXPECT_EQ(Pairs(reordered), Pairs(first));
  EXPECT_EQ(reordered.pool_sha256, first.pool_sha256);
}

TEST(Draw, RankIsTheSha256OfSeedBarCodeAndTargetsAreListedByIt) {
  // Computed outside xunkao: hashlib.sha256("abc|PX01".encode()).hexdigest() and the same for
  // "abc|PX01|110101198001010011".
  EXPECT_EQ(InstitutionRankHash("abc", "PX01"), "9680d64b35272a07600233740dc7c09a304e835b2d1296b5b84be3a380d59784");
  EXPECT_EQ(InspectorRankHash("abc", "PX01", "110101198001010011"),
            "3b0be3cc5faa349d448b68fd4ffeeb2d9bcb50f11d9deeee350a830bab5c0efc");
  const DrawResult result = RunDraw(TwentyInstitutions("abc"));
  std::vector<std::string> all;
  for (const auto& code : TwentyInstitutions("abc").pool) all.push_back(InstitutionRankHash("abc", code) + code);
  std::sort(all.begin(), all.end());
  ASSERT_EQ(result.targets.size(), 6u);
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(result.targets[i].institution, all[i].substr(64));
}

TEST(Draw, NeverSendsAnInspectorWhoMustRecuseOrIsNotInService) {
  for (int s = 0; s < 40; ++s) {
    DrawInput input = TwentyInstitutions("seed-" + std::to_string(s));
    input.ratio = *ParseDrawRatio("1");
    const DrawResult result = RunDraw(input);
    ASSERT_TRUE(result.unstaffed.empty());
    ASSERT_EQ(result.targets.size(), 20u);
    for (const auto& target : result.targets) {
      ASSERT_EQ(target.inspectors.size(), 2u);
      EXPECT_NE(target.inspectors[0].inspector.inspector_id, target.inspectors[1].inspector.inspector_id);
      for (const auto& drawn : target.inspectors) {
        const auto& recuse = drawn.inspector.recuse;
        EXPECT_EQ(std::count(recuse.begin(), recuse.end(), target.institution), 0)
            << drawn.inspector.name << " must recuse from " << target.institution;
        EXPECT_TRUE(drawn.inspector.active) << drawn.inspector.name;
      }
    }
  }
}

TEST(Draw, InspectorsAreSpreadEvenly) {
  DrawInput input = TwentyInstitutions("spread");
  input.roster.erase(input.roster.begin() + 3);  // the one not in service
  input.roster[0].recuse.clear();
  input.ratio = *ParseDrawRatio("1");  // 20 targets x 2 = 40 visits for 5 inspectors
  std::map<std::string, int> visits;
  for (const auto& target : RunDraw(input).targets) {
    for (const auto& drawn : target.inspectors) ++visits[drawn.inspector.name];
  }
  ASSERT_EQ(visits.size(), 5u);
  for (const auto& [name, count] : visits) EXPECT_EQ(count, 8) << name;
}

TEST(Draw, PriorityTargetsAreAlwaysInOnTopOfTheShareAndCheckedOnesAreLeftOut) {
  DrawInput input = TwentyInstitutions("2026-12-05T10:15:30+08:00");
  const DrawResult plain = RunDraw(input);
  // The first one drawn was already drawn this half-year; two others are priority targets, one of
  // them also drawn before; a priority code outside the pool is no target.
  const std::string checked = plain.targets[0].institution;
  const std::string priority_checked = plain.targets[1].institution;
  input.checked = {checked, priority_checked};
  input.priority = {{priority_checked, "群众投诉"}, {"PX20", "有未整改的严重问题"}, {"ZZ99", "不在名录"}};
  const DrawResult result = RunDraw(input);
  EXPECT_EQ(result.drawn, 6);
  EXPECT_EQ(result.eligible, 17);
  std::set<std::string> codes;
  int priority = 0;
  for (const auto& target : result.targets) {
    codes.insert(target.institution);
    if (target.priority) {
      ++priority;
      EXPECT_FALSE(target.reason.empty());
    }
  }
  EXPECT_EQ(result.targets.size(), 8u);  // 6 by lot + 2 priority targets
  EXPECT_EQ(priority, 2);
  EXPECT_TRUE(codes.count(priority_checked));
  EXPECT_TRUE(codes.count("PX20"));
  EXPECT_FALSE(codes.count(checked));
  EXPECT_FALSE(codes.count("ZZ99"));
  // Whatever the seed, the priority targets are in.
  for (int s = 0; s < 20; ++s) {
    input.seed = "s" + std::to_string(s);
    std::set<std::string> drawn;
    for (const auto& target : RunDraw(input).targets) drawn.insert(target.institution);
    EXPECT_TRUE(drawn.count("PX20") && drawn.count(priority_checked)) << input.seed;
  }
}

TEST(Draw, CountIsExactAtLeastMinAndAtMostTheEligible) {
  EXPECT_EQ(DrawCount(*ParseDrawRatio("0.3"), 10, 1), 3);  // not 4: 0.3 x 10 in binary is 3.0000000000000004
  EXPECT_EQ(DrawCount(*ParseDrawRatio("0.3"), 11, 1), 4);
  EXPECT_EQ(DrawCount(*ParseDrawRatio("0.05"), 40, 1), 2);
  EXPECT_EQ(DrawCount(*ParseDrawRatio("0"), 40, 3), 3);
  EXPECT_EQ(DrawCount(*ParseDrawRatio("0.01"), 10, 0), 1);
  DrawInput input = TwentyInstitutions("x");
  input.min_targets = 50;
  const DrawResult all = RunDraw(input);
  EXPECT_EQ(all.wanted, 50);
  EXPECT_EQ(all.drawn, 20);
  EXPECT_EQ(all.targets.size(), 20u);
}

TEST(Draw, RatioIsADecimalFromZeroToOne) {
  auto ratio = ParseDrawRatio("0.3");
  ASSERT_TRUE(ratio);
  EXPECT_EQ(ratio->numerator, 3);
  EXPECT_EQ(ratio->denominator, 10);
  EXPECT_EQ(ratio->text, "0.3");
  EXPECT_TRUE(ParseDrawRatio(".05"));
  EXPECT_TRUE(ParseDrawRatio("1"));
  EXPECT_TRUE(ParseDrawRatio("1.000000"));
  EXPECT_TRUE(ParseDrawRatio("0"));
  for (const char* bad : {"", ".", "1.5", "2", "-0.1", "0.1234567", "30%", "0,3", "abc", " 0.3", "10"}) {
    EXPECT_FALSE(ParseDrawRatio(bad)) << bad;
  }
  EXPECT_TRUE(HalfYear::Parse("2022H2"));
  EXPECT_FALSE(HalfYear::Parse("2022H3"));
  EXPECT_FALSE(HalfYear::Parse("22H1"));
}

TEST(Draw, TooFewEligibleInspectorsIsReportedNotDrawnWithOne) {
  DrawInput input = TwentyInstitutions("few");
  input.roster = {MakeInspector("110101198001010011", "王明", {"PX05"}), MakeInspector("110101198001010022", "李华"),
                  MakeInspector("110101198001010033", "赵强", {}, false)};
  input.priority = {{"PX05", "群众投诉"}};
  const DrawResult result = RunDraw(input);
  ASSERT_EQ(result.unstaffed.size(), 1u);
  EXPECT_EQ(result.unstaffed[0].institution, "PX05");
  EXPECT_EQ(result.unstaffed[0].eligible_inspectors, 1);
  for (const auto& target : result.targets) {
    EXPECT_EQ(target.inspectors.size(), target.institution == "PX05" ? 0u : 2u) << target.institution;
  }
}

TEST(Draw, PoolTextNamesEveryInputAndItsHashChangesWithAnyOfThem) {
  DrawInput input = TwentyInstitutions("t");
  input.checked = {"PX07"};
  input.priority = {{"PX03", "投诉|举报"}};
  const std::string text = DrawPoolText(input);
  EXPECT_EQ(text.rfind("xunkao-draw-pool 1\nperiod|2022H2\ninstitution|PX01\n", 0), 0u) << text;
  EXPECT_NE(text.find("\nchecked|PX07\n"), std::string::npos);
  EXPECT_NE(text.find("\npriority|PX03|投诉\\|举报\n"), std::string::npos);
  EXPECT_NE(text.find("\ninspector|110101198001010011|王明|JZ-0011|市应急管理局|yes|PX01;PX02;PX03\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("|孙丽|JZ-0044|市应急管理局|no|\n"), std::string::npos);
  const std::string hash = RunDraw(input).pool_sha256;
  ASSERT_EQ(hash.size(), 64u);
  DrawInput changed = input;
  changed.roster[1].active = false;
  EXPECT_NE(RunDraw(changed).pool_sha256, hash);
  changed = input;
  changed.roster[2].recuse.push_back("PX09");
  EXPECT_NE(RunDraw(changed).pool_sha256, hash);
  changed = input;
  changed.pool.push_back("PX21");
  EXPECT_NE(RunDraw(changed).pool_sha256, hash);
  changed = input;
  changed.checked.clear();
  EXPECT_NE(RunDraw(changed).pool_sha256, hash);
}

TEST(Draw, FirstPoolDifferenceNamesTheItemRemovedOrAdded) {
  DrawInput input = TwentyInstitutions("d");
  input.priority = {{"PX03", "投诉|举报"}};
  const std::string then = DrawPoolText(input);
  EXPECT_FALSE(FirstPoolDifference(then, then));
  DrawInput changed = input;
  changed.roster[1].active = false;  // 李华
  auto retired = FirstPoolDifference(then, DrawPoolText(changed));
  ASSERT_TRUE(retired);
  EXPECT_TRUE(retired->removed);
  EXPECT_EQ(retired->fields, (std::vector<std::string>{"inspector", "110101198001010022", "李华", "JZ-0022",
                                                       "市应急管理局", "yes", ""}));
  changed = input;
  changed.pool.push_back("PX21");
  auto added = FirstPoolDifference(then, DrawPoolText(changed));
  ASSERT_TRUE(added);
  EXPECT_FALSE(added->removed);
  EXPECT_EQ(added->fields, (std::vector<std::string>{"institution", "PX21"}));
  changed = input;
  changed.priority.clear();
  auto dropped = FirstPoolDifference(then, DrawPoolText(changed));
  ASSERT_TRUE(dropped);
  EXPECT_EQ(dropped->fields, (std::vector<std::string>{"priority", "PX03", "投诉|举报"}));  // escapes undone
}

}  // namespace
}  // namespace xk
