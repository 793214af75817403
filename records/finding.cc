#include "records/finding.h"

#include <algorithm>
#include <tuple>

#include "records/hashing.h"

namespace xk {

const char* SeverityZh(Severity severity) {
  switch (severity) {
    case Severity::kHigh:
      return "严重";
    case Severity::kMedium:
      return "一般";
    case Severity::kLow:
      return "轻微";
  }
  return "";
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
  }
  return "medium";
}

std::optional<Severity> ParseSeverity(const std::string& text) {
  if (text == "low") return Severity::kLow;
  if (text == "medium") return Severity::kMedium;
  if (text == "high") return Severity::kHigh;
  return std::nullopt;
}

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
