#include "src/cycle/draw_sources.h"

#include <set>

#include "records/archive_loader.h"
#include "records/store/draw_store.h"

namespace xk {

DrawSources GatherDrawSources(const std::filesystem::path& archive, const AuditPolicy& policy, store::Database& db,
                              const std::string& period, std::optional<int64_t> before_draw) {
  DrawSources sources;
  ArchiveModel model;
  LoadInstitutions(archive, policy, &model);
  LoadBureauFolder(archive, policy, &model);
  if (!model.missing_files.empty()) sources.missing = model.missing_files.front().file;

  sources.input.period = period;
  std::set<std::string> pool;
  for (const auto& institution : model.institutions) {
    sources.input.pool.push_back(institution.code);
    pool.insert(institution.code);
  }
  sources.input.roster = std::move(model.inspectors);
  for (const auto& target : model.priority_targets) {
    if (!pool.count(target.code)) {
      sources.priority_outside_pool.push_back(target.code);
      continue;
    }
    sources.input.priority[target.code] = target.reason.empty() ? "列入重点检查对象名单" : target.reason;
  }
  for (const auto& [code, count] : store::OpenHighFindingsByInstitution(db)) {
    if (!pool.count(code)) continue;
    auto [entry, inserted] = sources.input.priority.emplace(code, kOpenHighFindingsReason);
    if (!inserted) entry->second += std::string("；") + kOpenHighFindingsReason;
  }
  for (const auto& code : store::InstitutionsDrawnInPeriod(db, period, before_draw)) {
    if (pool.count(code)) sources.input.checked.insert(code);
  }
  sources.institutions = std::move(model.institutions);
  sources.issues = std::move(model.issues);
  return sources;
}

}  // namespace xk
