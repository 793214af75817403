// The accuracy harness: compares a findings.json with the demo key, per rule: expected, found,
// missed, false findings (a finding no expected entry explains, e.g. on a clean subject).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tools/demo/demo_archive.h"

namespace xk {

struct RuleScore {
  int expected = 0;
  int found = 0;  // expected entries matched by at least one finding
  int missed = 0;
  int false_findings = 0;
};

struct AccuracyReport {
  std::map<std::string, RuleScore> by_rule;
  std::vector<std::string> missed;          // "RULE institution {match} — note"
  std::vector<std::string> false_findings;  // "RULE institution id: summary"
  bool perfect() const { return missed.empty() && false_findings.empty(); }
  std::string Table() const;  // printable
};

// `findings_json` is the text of findings.json; resolved findings are ignored.
AccuracyReport ScoreFindings(const DemoKey& key, const std::string& findings_json);

}  // namespace xk
