// The 双随机 draw in the workbench: the list of draws with the form that makes one, a draw with its
// targets and inspectors, its public list (the same page and CSV `xunkao draw` writes, the ranking
// recomputed from what the draw stored) and its verification against the archive as it is now.
// Making and verifying go through src/cycle/draw_making, as the command does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "records/store/audit_store.h"
#include "src/cycle/draw_making.h"
#include "src/serve/sessions.h"

namespace xk::serve {

// Every draw, newest first, and for an officer the form that makes one.
std::string DrawsBody(store::AuditStore& store, const Session& session);

// One draw: its seed, pool hash and targets with their inspectors (names, units and certificate
// numbers, never ID numbers), and links to its public list and its verification.
std::optional<std::string> DrawBody(store::AuditStore& store, int64_t id);

// The public list of a stored draw, as a whole page and as CSV. `archive` names the institutions
// ("" = the archive the draw read).
std::optional<std::string> DrawPublicHtml(store::AuditStore& store, int64_t id, const std::string& archive);
std::optional<std::string> DrawPublicCsv(store::AuditStore& store, int64_t id, const std::string& archive);

// The verification's result as a page body; nullopt when the store has no such draw.
std::optional<std::string> DrawVerificationBody(store::AuditStore& store, int64_t id, const std::string& archive);

// Why a draw made from the form was refused, with what the archive's files said, as a page body.
std::string DrawRefusalBody(const MadeDraw& made);

}  // namespace xk::serve
