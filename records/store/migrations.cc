#include "records/store/migrations.h"

#include <string>
#include <vector>

#include "schema_sql.h"

namespace xk::store {

namespace {

// Migration N turns a version N-1 file into version N; schema.sql is always the newest version
// whole. To change the schema: change schema.sql, add {N, "ALTER TABLE ..."} here and bump
// kCurrentSchemaVersion.
struct Migration {
  int to_version;
  std::string sql;
};

// Schema 8's finding_people as schema.sql creates it, then filled from the findings already stored.
constexpr const char* kFindingPeopleSql =
    "CREATE TABLE IF NOT EXISTS finding_people (person TEXT NOT NULL, finding_id TEXT NOT NULL,"
    " PRIMARY KEY (person, finding_id)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS finding_people_by_finding ON finding_people(finding_id);"
    "INSERT OR IGNORE INTO finding_people(person, finding_id)"
    " SELECT p.value, f.id FROM findings f,"
    "  json_each(CASE WHEN json_valid(f.json) THEN f.json ELSE '{}' END, '$.people') p WHERE p.type = 'text'"
    " UNION"
    " SELECT t.value, f.id FROM findings f,"
    "  json_each(CASE WHEN json_valid(f.json) THEN f.json ELSE '{}' END) t"
    "  WHERE t.key = 'trainee_id' AND t.type = 'text';";

// The statements of schema.sql that begin with `CREATE TRIGGER name` (up to their END;), so that
// a migration creates a trigger exactly as a new file has it.
std::string TriggerOfSchema(const std::string& name) {
  const std::string schema = kSchemaSql;
  const size_t begin = schema.find("CREATE TRIGGER " + name + " ");
  const size_t end = schema.find("END;", begin);
  if (begin == std::string::npos || end == std::string::npos) throw StoreError("schema.sql has no trigger " + name);
  return schema.substr(begin, end + 4 - begin);
}
std::vector<Migration> Migrations() {
  return {
      // 2: whether a recording's pictures were analysed from every frame, so that --thorough
      // analyses again what a keyframe run catalogued.
      {2, "ALTER TABLE media_files ADD COLUMN thorough INTEGER NOT NULL DEFAULT 0 CHECK (thorough IN (0, 1));"},
      // 3: the SHA-256 of each recording as catalogued, so that a packet can tell a file changed
      // since its audit.
      {3, "ALTER TABLE media_files ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';"},
      // 4: hostile archives. A recording's name as raw bytes when it is not UTF-8 (path holds the
      // name as shown), frames its index promised past the end of the file, and why a run failed.
      {4,
       "ALTER TABLE media_files ADD COLUMN path_bytes BLOB;"
       "ALTER TABLE media_files ADD COLUMN truncated_frames INTEGER NOT NULL DEFAULT 0 CHECK (truncated_frames >= 0);"
       "ALTER TABLE runs ADD COLUMN reason TEXT;"},
      // 5: 双随机 draws, their targets and the inspectors sent (schema.sql has the comments).
      {5,
       "CREATE TABLE draws (id INTEGER PRIMARY KEY, created TEXT NOT NULL,"
       " period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]H[12]'),"
       " seed TEXT NOT NULL CHECK (seed <> ''),"
       " ratio TEXT NOT NULL CHECK (ratio <> '' AND CAST(ratio AS REAL) BETWEEN 0 AND 1),"
       " min_targets INTEGER NOT NULL CHECK (min_targets >= 0), pool_size INTEGER NOT NULL CHECK (pool_size >= 0),"
       " pool_sha256 TEXT NOT NULL CHECK (length(pool_sha256) = 64), pool_text TEXT NOT NULL,"
       " archive TEXT NOT NULL, tool_version TEXT NOT NULL);"
       "CREATE INDEX draws_by_period ON draws(period);"
       "CREATE TABLE draw_targets (draw_id INTEGER NOT NULL REFERENCES draws(id),"
       " position INTEGER NOT NULL CHECK (position >= 1), institution TEXT NOT NULL,"
       " selection TEXT NOT NULL CHECK (selection IN ('drawn', 'priority')), reason TEXT NOT NULL DEFAULT '',"
       " rank_sha256 TEXT NOT NULL CHECK (length(rank_sha256) = 64),"
       " PRIMARY KEY (draw_id, institution), UNIQUE (draw_id, position)) WITHOUT ROWID;"
       "CREATE TABLE draw_inspectors (draw_id INTEGER NOT NULL, institution TEXT NOT NULL,"
       " slot INTEGER NOT NULL CHECK (slot IN (1, 2)), inspector_id TEXT NOT NULL, name TEXT NOT NULL,"
       " cert_no TEXT NOT NULL CHECK (cert_no <> ''), unit TEXT NOT NULL DEFAULT '',"
       " rank_sha256 TEXT NOT NULL CHECK (length(rank_sha256) = 64),"
       " PRIMARY KEY (draw_id, institution, slot), UNIQUE (draw_id, institution, inspector_id),"
       " FOREIGN KEY (draw_id, institution) REFERENCES draw_targets(draw_id, institution)) WITHOUT ROWID;"},
      // 6: the enforcement loop, append-only case events and their attachments (schema.sql has the
      // comments).
      {6,
       "CREATE TABLE case_events (id INTEGER PRIMARY KEY, finding_id TEXT NOT NULL REFERENCES findings(id),"
       " kind TEXT NOT NULL CHECK (kind IN ('handover', 'rectified', 'recheck', 'escalate', 'close')),"
       " recorded TEXT NOT NULL, officer TEXT NOT NULL CHECK (officer <> ''),"
       " corrects INTEGER REFERENCES case_events(id),"
       " event_date TEXT CHECK (event_date IS NULL OR event_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
       " deadline TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
       " handed_to TEXT NOT NULL DEFAULT '', doc_no TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',"
       " result TEXT CHECK (result IS NULL OR result IN ('pass', 'fail')), inspectors TEXT NOT NULL DEFAULT '');"
       "CREATE INDEX case_events_by_finding ON case_events(finding_id, id);"
       "CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events"
       " BEGIN SELECT RAISE(ABORT, 'case_events is append-only: record a correcting event'); END;"
       "CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events"
       " BEGIN SELECT RAISE(ABORT, 'case_events is append-only: record a correcting event'); END;"
       "CREATE TABLE case_attachments (event_id INTEGER NOT NULL REFERENCES case_events(id),"
       " position INTEGER NOT NULL CHECK (position >= 1), name TEXT NOT NULL, size INTEGER NOT NULL CHECK (size >= 0),"
       " sha256 TEXT NOT NULL CHECK (length(sha256) = 64), PRIMARY KEY (event_id, position)) WITHOUT ROWID;"
       "CREATE TRIGGER case_attachments_no_update BEFORE UPDATE ON case_attachments"
       " BEGIN SELECT RAISE(ABORT, 'case_attachments is append-only'); END;"
       "CREATE TRIGGER case_attachments_no_delete BEFORE DELETE ON case_attachments"
       " BEGIN SELECT RAISE(ABORT, 'case_attachments is append-only'); END;"},
      // 7: the workbench's findings list in its order, covering its filters (schema.sql has the why).
      {7,
       "CREATE INDEX IF NOT EXISTS findings_in_list_order"
       " ON findings(institution, rule, subject, id, severity, resolved_run, start_time, summary_zh);"},
      // 8: the list filtered by rule or severity from an index alone, and who each finding names
      // (schema.sql has the why).
      {8,
       "CREATE INDEX IF NOT EXISTS findings_by_rule ON findings(rule, resolved_run, institution, subject, id);"
       "CREATE INDEX IF NOT EXISTS findings_by_severity"
       " ON findings(severity, resolved_run, institution, rule, subject, id);" +
           std::string(kFindingPeopleSql) + "DROP TRIGGER IF EXISTS finding_people_on_insert;" +
           TriggerOfSchema("finding_people_on_insert") + "DROP TRIGGER IF EXISTS finding_people_on_update;" +
           TriggerOfSchema("finding_people_on_update") + "DROP TRIGGER IF EXISTS finding_people_on_delete;" +
           TriggerOfSchema("finding_people_on_delete")},
      // 9: what each recording's picture samples were measured with (sampling version and
      // thresholds), so that a catalogued recording is analysed again when either changed. Rows of
      // earlier files read '' and are analysed again once.
      {9, "ALTER TABLE media_files ADD COLUMN measured_with TEXT NOT NULL DEFAULT '';"},
  };
}

int ReadVersion(Database& db) {
  Statement has_meta(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
  has_meta.Step();
  if (has_meta.Int(0) == 0) return 0;
  Statement version(db, "SELECT value FROM meta WHERE key='schema_version'");
  if (!version.Step()) return 0;
  return std::stoi(version.Text(0));
}

}  // namespace

int MigrateToCurrent(Database& db) {
  // A current file is only read: no write lock, so readers beside a running audit (the
  // workbench's pages, `case list`) never wait for it.
  if (ReadVersion(db) == kCurrentSchemaVersion) return kCurrentSchemaVersion;
  Transaction transaction(db);
  int version = ReadVersion(db);
  if (version > kCurrentSchemaVersion) {
    throw StoreError("数据库 " + db.path() + " 的结构版本为 " + std::to_string(version) + "，比本程序支持的版本 " +
                     std::to_string(kCurrentSchemaVersion) +
                     " 新：请使用更新版本的 xunkao，或另指定 --db。 (database schema version " +
                     std::to_string(version) +
                     " is newer than this xunkao supports: " + std::to_string(kCurrentSchemaVersion) + ")");
  }
  if (version == 0) {
    db.Execute(kSchemaSql);
  } else {
    for (const auto& migration : Migrations()) {
      if (migration.to_version > version) db.Execute(migration.sql);
    }
  }
  if (version != kCurrentSchemaVersion) {
    Statement set(db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?1)");
    set.Bind(1, std::to_string(kCurrentSchemaVersion)).Run();
  }
  transaction.Commit();
  return version;
}

}  // namespace xk::store
