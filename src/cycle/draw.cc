#include "src/cycle/draw.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "records/hashing.h"
#include "records/text_escape.h"

namespace xk {

namespace {

// A field of the pool text: "\", "|", CR and LF escaped so that every item is one line.
std::string PoolField(std::string_view text) {
  return ReplaceChars(text, {{'\\', "\\\\"}, {'|', "\\|"}, {'\r', "\\r"}, {'\n', "\\n"}});
}

bool MustRecuse(const Inspector& inspector, const std::string& code) {
  return std::find(inspector.recuse.begin(), inspector.recuse.end(), code) != inspector.recuse.end();
}

// The two inspectors for `code`: active, not recused, fewest targets so far, then lowest hash.
std::vector<DrawnInspector> ChooseInspectors(const DrawInput& input, const std::string& code,
                                             std::map<std::string, int>* load, int* eligible) {
  struct Candidate {
    int load;
    std::string rank_sha256;
    const Inspector* inspector;
  };
  std::vector<Candidate> candidates;
  for (const auto& inspector : input.roster) {
    if (!inspector.active || MustRecuse(inspector, code)) continue;
    candidates.push_back(Candidate{(*load)[inspector.inspector_id],
                                   InspectorRankHash(input.seed, code, inspector.inspector_id), &inspector});
  }
  *eligible = static_cast<int>(candidates.size());
  if (candidates.size() < 2) return {};
  std::partial_sort(candidates.begin(), candidates.begin() + 2, candidates.end(),
                    [](const Candidate& a, const Candidate& b) {
                      return std::tie(a.load, a.rank_sha256) < std::tie(b.load, b.rank_sha256);
                    });
  std::vector<DrawnInspector> chosen;
  for (int i = 0; i < 2; ++i) {
    ++(*load)[candidates[i].inspector->inspector_id];
    chosen.push_back(DrawnInspector{*candidates[i].inspector, candidates[i].rank_sha256});
  }
  return chosen;
}

}  // namespace

std::optional<DrawRatio> ParseDrawRatio(std::string_view text) {
  constexpr int kMaxDecimals = 6;
  DrawRatio ratio;
  ratio.text = std::string(text);
  const size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view decimals = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  const auto all_digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.size() + decimals.size() == 0 || whole.size() > 1 || decimals.size() > kMaxDecimals || !all_digits(whole) ||
      !all_digits(decimals)) {
    return std::nullopt;
  }
  for (char digit : std::string(whole) + std::string(decimals)) ratio.numerator = ratio.numerator * 10 + (digit - '0');
  for (size_t i = 0; i < decimals.size(); ++i) ratio.denominator *= 10;
  if (ratio.numerator > ratio.denominator) return std::nullopt;
  return ratio;
}

int DrawCount(const DrawRatio& ratio, int pool_size, int min_targets) {
  const int64_t share = (ratio.numerator * pool_size + ratio.denominator - 1) / ratio.denominator;
  return std::max(static_cast<int>(share), min_targets);
}

std::string InstitutionRankHash(std::string_view seed, std::string_view code) {
  std::string text(seed);
  text += '|';
  text += code;
  return Sha256Hex(text);
}

std::string InspectorRankHash(std::string_view seed, std::string_view code, std::string_view inspector_id) {
  std::string text(seed);
  text += '|';
  text += code;
  text += '|';
  text += inspector_id;
  return Sha256Hex(text);
}

std::string DrawPoolText(const DrawInput& input) {
  const std::set<std::string> pool(input.pool.begin(), input.pool.end());
  std::vector<std::string> institutions, checked, priority, inspectors;
  for (const auto& code : pool) {
    institutions.push_back("institution|" + PoolField(code) + "\n");
    if (input.checked.count(code)) checked.push_back("checked|" + PoolField(code) + "\n");
    auto reason = input.priority.find(code);
    if (reason != input.priority.end()) {
      priority.push_back("priority|" + PoolField(code) + "|" + PoolField(reason->second) + "\n");
    }
  }
  for (const auto& inspector : input.roster) {
    std::vector<std::string> recuse = inspector.recuse;
    std::sort(recuse.begin(), recuse.end());
    std::string joined;
    for (const auto& code : recuse) joined += (joined.empty() ? "" : ";") + code;
    inspectors.push_back("inspector|" + PoolField(inspector.inspector_id) + "|" + PoolField(inspector.name) + "|" +
                         PoolField(inspector.cert_no) + "|" + PoolField(inspector.unit) + "|" +
                         (inspector.active ? "yes" : "no") + "|" + PoolField(joined) + "\n");
  }
  std::string text = "xunkao-draw-pool 1\nperiod|" + PoolField(input.period) + "\n";
  for (auto* kind : {&institutions, &checked, &priority, &inspectors}) {
    std::sort(kind->begin(), kind->end());
    for (const auto& line : *kind) text += line;
  }
  return text;
}

std::vector<std::string> PoolLineFields(std::string_view line) {
  std::vector<std::string> fields(1);
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      const char escaped = line[++i];
      fields.back() += escaped == 'n' ? '\n' : escaped == 'r' ? '\r' : escaped;
    } else if (line[i] == '|') {
      fields.emplace_back();
    } else {
      fields.back() += line[i];
    }
  }
  return fields;
}

std::optional<PoolDifference> FirstPoolDifference(std::string_view then, std::string_view now) {
  auto lines = [](std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
      const size_t end = std::min(text.find('\n'), text.size());
      out.push_back(text.substr(0, end));
      text.remove_prefix(std::min(end + 1, text.size()));
    }
    return out;
  };
  const std::vector<std::string_view> then_lines = lines(then), now_lines = lines(now);
  const std::set<std::string_view> then_set(then_lines.begin(), then_lines.end());
  const std::set<std::string_view> now_set(now_lines.begin(), now_lines.end());
  for (const auto& line : then_lines) {
    if (!now_set.count(line)) return PoolDifference{true, PoolLineFields(line)};
  }
  for (const auto& line : now_lines) {
    if (!then_set.count(line)) return PoolDifference{false, PoolLineFields(line)};
  }
  return std::nullopt;
}

DrawResult RunDraw(const DrawInput& input) {
  DrawResult result;
  result.pool_text = DrawPoolText(input);
  result.pool_sha256 = Sha256Hex(result.pool_text);
  result.pool_size = static_cast<int>(input.pool.size());
  result.wanted = DrawCount(input.ratio, result.pool_size, input.min_targets);

  for (const auto& code : input.pool) {
    RankedInstitution ranked{code, InstitutionRankHash(input.seed, code), PoolStatus::kNotDrawn, 0};
    if (input.priority.count(code)) {
      ranked.status = PoolStatus::kPriority;
    } else if (input.checked.count(code)) {
      ranked.status = PoolStatus::kChecked;
    }
    result.ranking.push_back(std::move(ranked));
  }
  std::sort(result.ranking.begin(), result.ranking.end(),
            [](const RankedInstitution& a, const RankedInstitution& b) { return a.rank_sha256 < b.rank_sha256; });
  for (auto& ranked : result.ranking) {
    if (ranked.status != PoolStatus::kNotDrawn) continue;
    ranked.eligible_rank = ++result.eligible;
    if (ranked.eligible_rank <= result.wanted) ranked.status = PoolStatus::kDrawn;
  }
  result.drawn = std::min(result.wanted, result.eligible);

  std::map<std::string, int> load;  // inspector_id -> targets so far
  for (const auto& ranked : result.ranking) {
    if (ranked.status != PoolStatus::kPriority && ranked.status != PoolStatus::kDrawn) continue;
    DrawTarget target;
    target.institution = ranked.code;
    target.rank_sha256 = ranked.rank_sha256;
    target.priority = ranked.status == PoolStatus::kPriority;
    if (target.priority) target.reason = input.priority.at(ranked.code);
    int eligible = 0;
    target.inspectors = ChooseInspectors(input, ranked.code, &load, &eligible);
    if (target.inspectors.empty()) result.unstaffed.push_back(UnstaffedTarget{ranked.code, eligible});
    result.targets.push_back(std::move(target));
  }
  return result;
}

}  // namespace xk
