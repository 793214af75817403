// A finding as JSON, in the shape of findings.json (outputs.md), and back. The store keeps this
// JSON so that reports and packets written later show exactly what the run found.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "records/finding.h"

namespace xk {

// Without "status" (the store adds it per run). Times carry the zone's offset.
nlohmann::json FindingToJson(const Finding& finding, const TimeZone& zone);
// Reads what FindingToJson wrote; unknown or missing fields are left at their defaults.
Finding FindingFromJson(const nlohmann::json& json);

}  // namespace xk
