// The findings list (filters by institution, rule, severity, case state, half-year, person and a
// search text, 50 a page through the store's SearchFindings, the page's case states from one query) and one finding
// with its numbers, basis, evidence, people, its video evidence and its case events as a timeline.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "records/audit_config.h"
#include "records/store/audit_store.h"
#include "src/serve/findings_list_cache.h"
#include "src/serve/sessions.h"

namespace xk::serve {

inline constexpr int64_t kFindingsPerPage = 50;

// The list page's body. `query` holds the request's parameters: institution, rule, severity,
// state (a CaseStateName, or overdue), period (2024H1), person, q (search), all=1 (also resolved
// ones), page (1-based). What the cache keeps of the list is used while the store is unchanged.
std::string FindingsListBody(store::AuditStore& store, const std::map<std::string, std::string>& query,
                             const AuditConfig& config, Date today, FindingsListCache& cache);

// One finding's body, with the case forms when `session` may record events; nullopt when the
// store has no such finding. `media_html` gives the HTML of the finding's video evidence (stills,
// timeline, clips: finding_media.h), shown after its facts.
std::optional<std::string> FindingBody(store::AuditStore& store, const std::string& id, const AuditConfig& config,
                                       Date today, const Session& session,
                                       const std::function<std::string(const store::StoredFinding&)>& media_html);

}  // namespace xk::serve
