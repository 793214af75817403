#include "detectors/finding.h"

#include "records/hashing.h"

namespace xk {

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
  }
  return "medium";
}

std::optional<Severity> ParseSeverity(const std::string& text) {
  if (text == "low") return Severity::kLow;
  if (text == "medium") return Severity::kMedium;
  if (text == "high") return Severity::kHigh;
  return std::nullopt;
}

std::string Finding::Id() const {
  return Sha256Hex(rule + "|" + institution + "|" + subject).substr(0, 16);
}

}  // namespace xk
