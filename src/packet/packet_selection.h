// Which findings an evidence packet holds (packet_builder.h). Named by id: exactly those, open or
// resolved, in the order named, each once. Else the open findings of an institution, all of them
// or those of a half-year: a finding belongs to the half-year its start falls in, or, when it has
// none (a missing file, a short class), the half-year of the start of the run that first found it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "records/civil_time.h"
#include "records/store/audit_store.h"
#include "src/packet/packet_builder.h"

namespace xk {

// The findings `request` names, into `*selected`. Returns "" or the problem (an unknown id, no
// institution, a malformed period, nothing open to hand on).
std::string SelectFindings(store::AuditStore& store, const PacketRequest& request,
                           std::vector<store::StoredFinding>* selected);

// Causes first: each knock-on whose cause the packet holds moves to just after its cause; the
// rest keep their order.
void PlaceKnockOnsAfterCauses(std::vector<store::StoredFinding>* findings);

// The half-year "2022H1" as [start, end) instants in `zone`; nullopt when malformed.
std::optional<std::pair<Instant, Instant>> HalfYearBounds(const std::string& period, const TimeZone& zone);

}  // namespace xk
