#include "records/store/draw_store.h"

namespace xk::store {

namespace {

constexpr const char* kDrawColumns =
    "SELECT id, created, period, seed, ratio, min_targets, pool_size, pool_sha256, pool_text, archive, tool_version "
    "FROM draws ";

DrawRecord ReadDraw(Statement& row) {
  DrawRecord draw;
  row.ReadColumns(&draw.id, &draw.created, &draw.period, &draw.seed, &draw.ratio, &draw.min_targets, &draw.pool_size,
                  &draw.pool_sha256, &draw.pool_text, &draw.archive, &draw.tool_version);
  return draw;
}

void ReadTargets(Database& db, DrawRecord* draw) {
  Statement targets(db,
                    "SELECT institution, selection, reason, rank_sha256 FROM draw_targets WHERE draw_id=?1 "
                    "ORDER BY position");
  Statement inspectors(db,
                       "SELECT inspector_id, name, cert_no, unit, rank_sha256 FROM draw_inspectors "
                       "WHERE draw_id=?1 AND institution=?2 ORDER BY slot");
  targets.Bind(1, draw->id);
  while (targets.Step()) {
    DrawTargetRow target{targets.Text(0), targets.Text(1), targets.Text(2), targets.Text(3), {}};
    inspectors.BindAll(draw->id, target.institution);
    while (inspectors.Step()) {
      target.inspectors.push_back(DrawInspectorRow{inspectors.Text(0), inspectors.Text(1), inspectors.Text(2),
                                                   inspectors.Text(3), inspectors.Text(4)});
    }
    inspectors.Reset();
    draw->targets.push_back(std::move(target));
  }
}

}  // namespace

int64_t SaveDraw(Database& db, const DrawRecord& draw) {
  Statement insert(db,
                   "INSERT INTO draws(created, period, seed, ratio, min_targets, pool_size, pool_sha256, pool_text, "
                   "archive, tool_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  insert
      .BindAll(draw.created, draw.period, draw.seed, draw.ratio, draw.min_targets, draw.pool_size, draw.pool_sha256,
               draw.pool_text, draw.archive, draw.tool_version)
      .Run();
  const int64_t id = db.LastInsertId();
  Statement target(db,
                   "INSERT INTO draw_targets(draw_id, position, institution, selection, reason, rank_sha256) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  Statement inspector(db,
                      "INSERT INTO draw_inspectors(draw_id, institution, slot, inspector_id, name, cert_no, unit, "
                      "rank_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  int position = 0;
  for (const auto& t : draw.targets) {
    target.BindAll(id, ++position, t.institution, t.selection, t.reason, t.rank_sha256).Run();
    int slot = 0;
    for (const auto& i : t.inspectors) {
      inspector.BindAll(id, t.institution, ++slot, i.inspector_id, i.name, i.cert_no, i.unit, i.rank_sha256).Run();
    }
  }
  return id;
}

std::optional<DrawRecord> LoadDraw(Database& db, int64_t id) {
  Statement query(db, std::string(kDrawColumns) + "WHERE id=?1");
  query.Bind(1, id);
  if (!query.Step()) return std::nullopt;
  DrawRecord draw = ReadDraw(query);
  ReadTargets(db, &draw);
  return draw;
}

std::vector<DrawRecord> ListDraws(Database& db) {
  Statement query(db, std::string(kDrawColumns) + "ORDER BY id");
  std::vector<DrawRecord> out = query.ReadRows(ReadDraw);
  for (auto& draw : out) ReadTargets(db, &draw);
  return out;
}

std::set<std::string> InstitutionsDrawnInPeriod(Database& db, const std::string& period,
                                                std::optional<int64_t> before_id) {
  std::set<std::string> out;
  Statement query(db,
                  "SELECT DISTINCT t.institution FROM draw_targets t JOIN draws d ON d.id = t.draw_id "
                  "WHERE d.period=?1 AND (?2 IS NULL OR d.id < ?2)");
  query.BindAll(period, before_id);
  while (query.Step()) out.insert(query.Text(0));
  return out;
}

std::map<std::string, int> OpenHighFindingsByInstitution(Database& db) {
  std::map<std::string, int> out;
  Statement query(db,
                  "SELECT institution, count(*) FROM findings WHERE resolved_run IS NULL AND severity='high' "
                  "GROUP BY institution");
  while (query.Step()) out[query.Text(0)] = static_cast<int>(query.Int(1));
  return out;
}

}  // namespace xk::store
