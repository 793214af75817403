// The analysis worker's wire format: what the audit sends a worker (its AnalysisSpec once, then
// one file per line) and what the worker answers (one MediaProbe per line), as JSON. Doubles
// round-trip exactly (nlohmann writes the shortest form that reads back the same value) and
// picture samples travel packed as in the store, so a probe from a worker equals the probe the
// same analysis gives in-process.
#pragma once

#include <optional>
#include <string>

#include "records/media_facts.h"
#include "src/audit/recording_analysis.h"

namespace xk {

std::string SpecToWire(const AnalysisSpec& spec);
std::optional<AnalysisSpec> SpecFromWire(const std::string& text);

// One request: the file's absolute path and its name as shown, any bytes (hex-encoded).
std::string RequestToWire(const std::string& absolute, const std::string& shown);
bool RequestFromWire(const std::string& line, std::string* absolute, std::string* shown);

// One answer line (no line break inside).
std::string ProbeToWire(const MediaProbe& probe);
std::optional<MediaProbe> ProbeFromWire(const std::string& line);

}  // namespace xk
