#include "src/packet/packet_selection.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "records/csv/values.h"
#include "records/half_year.h"

namespace xk {

std::optional<std::pair<Instant, Instant>> HalfYearBounds(const std::string& period, const TimeZone& zone) {
  const std::optional<HalfYear> half = HalfYear::Parse(period);
  if (!half) return std::nullopt;
  return std::make_pair(ToInstant(half->FirstDay(), 0, zone), ToInstant(half->EndDay(), 0, zone));
}

std::string SelectFindings(store::AuditStore& store, const PacketRequest& request,
                           std::vector<store::StoredFinding>* selected) {
  if (!request.finding_ids.empty()) {
    std::set<std::string> seen;
    for (const auto& id : request.finding_ids) {
      if (!seen.insert(id).second) continue;
      auto stored = store.FindingById(id);
      if (!stored) return fmt::format("no finding with id {} in {}", id, store.db().path());
      selected->push_back(std::move(*stored));
    }
    return "";
  }
  if (!request.institution) return "name the findings (--finding ID) or an institution (--institution CODE)";
  std::optional<std::pair<Instant, Instant>> bounds;
  if (request.period) {
    bounds = HalfYearBounds(*request.period, request.zone);
    if (!bounds) return fmt::format("period \"{}\" is not a half-year like 2022H1 or 2022H2", *request.period);
  }
  std::map<int64_t, std::optional<Instant>> run_started;
  for (auto& stored : store.OpenFindings(request.institution)) {
    if (bounds) {
      std::optional<Instant> when = stored.finding.start;
      if (!when) {
        auto cached = run_started.find(stored.first_run);
        if (cached == run_started.end()) {
          auto run = store.Run(stored.first_run);
          cached =
              run_started.emplace(stored.first_run, run ? ParseIsoInstant(run->started, request.zone) : std::nullopt)
                  .first;
        }
        when = cached->second;
      }
      if (!when || *when < bounds->first || *when >= bounds->second) continue;
    }
    selected->push_back(std::move(stored));
  }
  if (selected->empty()) {
    return fmt::format("no open findings for institution {}{}", *request.institution,
                       request.period ? " in " + *request.period : std::string());
  }
  return "";
}

void PlaceKnockOnsAfterCauses(std::vector<store::StoredFinding>* findings) {
  std::set<std::string> held;
  for (const auto& stored : *findings) held.insert(stored.id);
  std::map<std::string, std::vector<size_t>> knock_ons;  // cause id -> positions of its knock-ons
  std::vector<size_t> roots;
  for (size_t i = 0; i < findings->size(); ++i) {
    const store::StoredFinding& stored = (*findings)[i];
    if (stored.finding.cause && *stored.finding.cause != stored.id && held.count(*stored.finding.cause)) {
      knock_ons[*stored.finding.cause].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  std::vector<size_t> order;
  std::vector<bool> placed(findings->size(), false);
  std::vector<size_t> pending(roots.rbegin(), roots.rend());  // depth first, causes in their order
  while (!pending.empty()) {
    const size_t i = pending.back();
    pending.pop_back();
    if (placed[i]) continue;
    placed[i] = true;
    order.push_back(i);
    const auto& following = knock_ons[(*findings)[i].id];
    for (auto it = following.rbegin(); it != following.rend(); ++it) pending.push_back(*it);
  }
  for (size_t i = 0; i < findings->size(); ++i) {
    if (!placed[i]) order.push_back(i);  // a cycle of causes: kept, in its order
  }
  std::vector<store::StoredFinding> ordered;
  ordered.reserve(findings->size());
  for (size_t i : order) ordered.push_back(std::move((*findings)[i]));
  *findings = std::move(ordered);
}

}  // namespace xk
