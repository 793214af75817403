#include "records/finding.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "records/hashing.h"
#include "records/value_names.h"

namespace xk {

namespace {
constexpr std::array<ValueNames<Severity>, 3> kSeverities = {{
    {Severity::kLow, "low", "轻微"},
    {Severity::kMedium, "medium", "一般"},
    {Severity::kHigh, "high", "严重"},
}};
}  // namespace

const char* SeverityZh(Severity severity) { return NamesOf(kSeverities, severity).zh; }
const char* SeverityName(Severity severity) { return NamesOf(kSeverities, severity).name; }
std::optional<Severity> ParseSeverity(const std::string& text) { return ValueNamed(kSeverities, text); }

std::string Finding::Id() const { return Sha256Hex(rule + "|" + institution + "|" + subject).substr(0, 16); }

void SortRows(std::vector<SourceRef>* rows) {
  std::sort(rows->begin(), rows->end(),
            [](const SourceRef& a, const SourceRef& b) { return std::tie(a.file, a.line) < std::tie(b.file, b.line); });
  rows->erase(std::unique(rows->begin(), rows->end(),
                          [](const SourceRef& a, const SourceRef& b) { return a.file == b.file && a.line == b.line; }),
              rows->end());
}

std::vector<Finding> MergeSameFacts(std::vector<Finding> findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.rule, a.institution, a.subject) < std::tie(b.rule, b.institution, b.subject);
  });
  std::vector<Finding> merged;
  for (auto& f : findings) {
    if (!merged.empty() && merged.back().rule == f.rule && merged.back().institution == f.institution &&
        merged.back().subject == f.subject) {
      merged.back().rows.insert(merged.back().rows.end(), f.rows.begin(), f.rows.end());
      SortRows(&merged.back().rows);
      continue;
    }
    merged.push_back(std::move(f));
  }
  return merged;
}

}  // namespace xk
