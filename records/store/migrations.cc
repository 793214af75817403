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
  const char* sql;
};
const std::vector<Migration> kMigrations = {
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
};

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
    for (const auto& migration : kMigrations) {
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
