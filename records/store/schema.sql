-- The xunkao store: one SQLite file (WAL, foreign_keys=ON). This file is the canonical schema of
-- the newest version; records/store/migrations.cc brings older files up to it step by step.
-- Times are ISO 8601 text with their offset unless named *_epoch (seconds since 1970 UTC).

-- Key/value facts about the file itself; 'schema_version' says which migrations have run.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,  -- e.g. 'schema_version'
  value TEXT NOT NULL
);

-- One row per `xunkao audit` run, written when it starts and completed when it ends. A run left
-- 'running' by a killed process is marked 'interrupted' by the next run.
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  started        TEXT NOT NULL,                  -- local time with offset
  finished       TEXT,                           -- NULL until the run ends
  status         TEXT NOT NULL DEFAULT 'running'
                 CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
  archive        TEXT NOT NULL,                  -- absolute path of the archive audited
  tool_version   TEXT NOT NULL,
  files_scanned  INTEGER NOT NULL DEFAULT 0 CHECK (files_scanned >= 0),   -- recordings seen
  files_analysed INTEGER NOT NULL DEFAULT 0 CHECK (files_analysed >= 0),  -- recordings opened
  reason         TEXT,                           -- why a 'failed' run failed; NULL otherwise
  policy_json    TEXT                            -- thresholds in force, for the record
);

-- Every finding ever made, one row per stable id (rule + institution + subject). Its life:
-- first_run found it, last_run last found it, resolved_run no longer found it (NULL while open).
CREATE TABLE findings (
  id           TEXT PRIMARY KEY,                 -- 16 hex digits of SHA-256(rule|institution|subject)
  rule         TEXT NOT NULL,                    -- e.g. 'TRN-HOURS-SHORT'
  severity     TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  institution  TEXT NOT NULL,                    -- code of the institution the finding belongs to
  subject      TEXT NOT NULL,                    -- what the finding is about (class, session, file…)
  start_time   TEXT,                             -- when the fact happened (ISO 8601), if timed
  end_time     TEXT,
  measured     REAL,
  required     REAL,
  unit         TEXT,
  summary_zh   TEXT NOT NULL,
  first_run    INTEGER NOT NULL REFERENCES runs(id),
  last_run     INTEGER NOT NULL REFERENCES runs(id),
  resolved_run INTEGER REFERENCES runs(id),
  json         TEXT NOT NULL,                    -- the whole finding as in findings.json
  CHECK (last_run >= first_run)
);
CREATE INDEX findings_by_institution ON findings(institution, resolved_run);
-- The workbench's list in its order (institution, rule, subject, id), with the columns its filters
-- read: a page, a deep page, the count and a search text walk this index, not the findings' JSON
-- (schema 7).
CREATE INDEX findings_in_list_order ON findings(institution, rule, subject, id, severity, resolved_run, start_time, summary_zh);

-- The list filtered by a rule or a severity, in its order after that filter: the count and a
-- page's ids are read from these alone (schema 8).
CREATE INDEX findings_by_rule ON findings(rule, resolved_run, institution, subject, id);
CREATE INDEX findings_by_severity ON findings(severity, resolved_run, institution, rule, subject, id);

-- Who each finding names: its trainee_id and every ID in its people, as written in its JSON, so
-- that a person's findings are found without reading every finding's JSON (schema 8). Kept by
-- the triggers below whatever writes the findings; a JSON text that is not valid names no one.
-- The triggers insert a set (UNION): an upsert's conflict policy overrides a trigger's OR IGNORE,
-- so an ID named twice must not be inserted twice.
CREATE TABLE finding_people (
  person     TEXT NOT NULL,  -- an ID number as the archive wrote it
  finding_id TEXT NOT NULL,  -- findings(id); the triggers keep the two together
  PRIMARY KEY (person, finding_id)
) WITHOUT ROWID;
CREATE INDEX finding_people_by_finding ON finding_people(finding_id);
CREATE TRIGGER finding_people_on_insert AFTER INSERT ON findings BEGIN
  DELETE FROM finding_people WHERE finding_id = new.id;
  INSERT OR IGNORE INTO finding_people(person, finding_id)
    SELECT value, new.id FROM json_each(CASE WHEN json_valid(new.json) THEN new.json ELSE '{}' END, '$.people')
      WHERE type = 'text'
    UNION
    SELECT value, new.id FROM json_each(CASE WHEN json_valid(new.json) THEN new.json ELSE '{}' END)
      WHERE key = 'trainee_id' AND type = 'text';
END;
CREATE TRIGGER finding_people_on_update AFTER UPDATE OF json ON findings BEGIN
  DELETE FROM finding_people WHERE finding_id = new.id;
  INSERT OR IGNORE INTO finding_people(person, finding_id)
    SELECT value, new.id FROM json_each(CASE WHEN json_valid(new.json) THEN new.json ELSE '{}' END, '$.people')
      WHERE type = 'text'
    UNION
    SELECT value, new.id FROM json_each(CASE WHEN json_valid(new.json) THEN new.json ELSE '{}' END)
      WHERE key = 'trainee_id' AND type = 'text';
END;
CREATE TRIGGER finding_people_on_delete AFTER DELETE ON findings BEGIN
  DELETE FROM finding_people WHERE finding_id = old.id;
END;

-- Which findings each run reported and how: 'new' (not open before this run) or 'persisting'.
CREATE TABLE run_findings (
  run_id     INTEGER NOT NULL REFERENCES runs(id),
  finding_id TEXT NOT NULL REFERENCES findings(id),
  status     TEXT NOT NULL CHECK (status IN ('new', 'persisting')),
  PRIMARY KEY (run_id, finding_id)
) WITHOUT ROWID;

-- Problems met while loading the archive in a run (bad rows, bad values, bad encodings).
CREATE TABLE load_issues (
  run_id     INTEGER NOT NULL REFERENCES runs(id),
  file       TEXT NOT NULL,   -- archive-relative
  line       INTEGER NOT NULL CHECK (line >= 0),  -- 0 = the whole file
  column     TEXT NOT NULL,
  message_zh TEXT NOT NULL,
  message_en TEXT NOT NULL
);
CREATE INDEX load_issues_by_run ON load_issues(run_id);

-- Institutions each run audited, and the half-year (e.g. '2026H2') it counts for in the
-- twice-yearly inspection table.
CREATE TABLE audited_institutions (
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  institution TEXT NOT NULL,
  period      TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]H[12]'),
  PRIMARY KEY (run_id, institution)
) WITHOUT ROWID;

-- The hours of each class as the last run computed them (for reports and packets).
CREATE TABLE class_hours (
  run_id         INTEGER NOT NULL REFERENCES runs(id),
  institution    TEXT NOT NULL,
  class_id       TEXT NOT NULL,
  required_hours REAL,            -- syllabus minimum; NULL when no syllabus row applies
  declared_hours REAL,
  backed_hours   REAL NOT NULL,   -- what the timetable's times hold
  credited_hours REAL NOT NULL,   -- claimed hours capped at backed hours
  practical_hours REAL NOT NULL,  -- backed practical hours
  mock_hours     REAL NOT NULL,   -- mock-exam time, in offline 学时
  PRIMARY KEY (run_id, institution, class_id)
) WITHOUT ROWID;

-- The media catalog: one row per recording file, keyed by archive-relative path. A file whose
-- size and mtime are unchanged is never opened again.
CREATE TABLE media_files (
  path           TEXT PRIMARY KEY,  -- as shown: valid UTF-8 (a GBK name decoded, other bytes as \xNN)
  path_bytes     BLOB,              -- the name's exact bytes on disk when they differ from path, else NULL
  institution    TEXT NOT NULL,
  room           TEXT NOT NULL,
  camera         TEXT NOT NULL,
  size           INTEGER NOT NULL CHECK (size >= 0),
  mtime_epoch    INTEGER NOT NULL,
  name_start_epoch INTEGER,        -- start from recordings.csv or the file name
  name_start_origin TEXT NOT NULL DEFAULT '',  -- 'index' | 'name' | ''
  claimed_end_epoch INTEGER,
  unreadable     TEXT NOT NULL DEFAULT 'none'
                 CHECK (unreadable IN ('none', 'empty', 'not_video', 'truncated_mp4', 'corrupt', 'missing')),
  reason         TEXT NOT NULL DEFAULT '',
  container      TEXT NOT NULL DEFAULT '',
  codec          TEXT NOT NULL DEFAULT '',
  width          INTEGER NOT NULL DEFAULT 0,
  height         INTEGER NOT NULL DEFAULT 0,
  fps            REAL NOT NULL DEFAULT 0,
  creation_epoch INTEGER,          -- container creation_time (UTC)
  duration       REAL NOT NULL DEFAULT 0,   -- seconds
  frames         INTEGER NOT NULL DEFAULT 0,
  from_index     INTEGER NOT NULL DEFAULT 0 CHECK (from_index IN (0, 1)),
  covered_json   TEXT NOT NULL DEFAULT '[]',  -- [[start,end],...] seconds from the file's start
  analysed       INTEGER NOT NULL DEFAULT 0 CHECK (analysed IN (0, 1)),
  thorough       INTEGER NOT NULL DEFAULT 0 CHECK (thorough IN (0, 1)),  -- every frame decoded
  sha256         TEXT NOT NULL DEFAULT '',  -- of the whole file when catalogued ('' = not hashed)
  truncated_frames INTEGER NOT NULL DEFAULT 0 CHECK (truncated_frames >= 0),  -- indexed frames past end of file
  measured_with  TEXT NOT NULL DEFAULT '',  -- sampling version and thresholds of the samples ('' = before schema 9)
  samples        BLOB,             -- picture statistics, packed (records/store/media_store.cc; 'XKS3': motion, distance to the reference)
  catalogued_run INTEGER REFERENCES runs(id)
);

-- Evidence packets written, for the inspection table.
CREATE TABLE packets (
  id          INTEGER PRIMARY KEY,
  created     TEXT NOT NULL,
  path        TEXT NOT NULL,
  institution TEXT,                -- NULL for a packet of chosen findings across institutions
  period      TEXT,
  finding_ids TEXT NOT NULL        -- JSON array
);

-- 双随机 draws (`xunkao draw`): one row per draw of the institutions to inspect in a half-year.
-- Written once with its targets and never changed: `xunkao draw --verify` recomputes a draw from
-- its seed and the current pool and compares. README "Random draw" documents the ranking.
CREATE TABLE draws (
  id           INTEGER PRIMARY KEY,
  created      TEXT NOT NULL,                  -- when the draw was made, local time with offset
  period       TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]H[12]'),  -- e.g. '2022H2'
  seed         TEXT NOT NULL CHECK (seed <> ''),  -- hashed with every code; by default = created
  ratio        TEXT NOT NULL CHECK (ratio <> '' AND CAST(ratio AS REAL) BETWEEN 0 AND 1),  -- share of the pool, as given ('0.3')
  min_targets  INTEGER NOT NULL CHECK (min_targets >= 0),  -- --min: at least this many drawn
  pool_size    INTEGER NOT NULL CHECK (pool_size >= 0),    -- institutions in institutions.csv
  pool_sha256  TEXT NOT NULL CHECK (length(pool_sha256) = 64),  -- SHA-256 of pool_text, hex
  pool_text    TEXT NOT NULL,                  -- the pool's canonical text (README "Random draw")
  archive      TEXT NOT NULL,                  -- absolute path of the archive the pool was read from
  tool_version TEXT NOT NULL
);
CREATE INDEX draws_by_period ON draws(period);

-- The institutions a draw chose, in the order of its public list (rank_sha256 ascending).
CREATE TABLE draw_targets (
  draw_id     INTEGER NOT NULL REFERENCES draws(id),
  position    INTEGER NOT NULL CHECK (position >= 1),  -- 1-based place in the public list
  institution TEXT NOT NULL,                           -- institution code
  selection   TEXT NOT NULL CHECK (selection IN ('drawn', 'priority')),  -- by lot, or a priority target
  reason      TEXT NOT NULL DEFAULT '',                -- why a priority target is one; '' when drawn
  rank_sha256 TEXT NOT NULL CHECK (length(rank_sha256) = 64),  -- SHA-256 of 'seed|code', hex
  PRIMARY KEY (draw_id, institution),
  UNIQUE (draw_id, position)
) WITHOUT ROWID;

-- The two inspectors sent to each target, as the roster described them at the draw.
CREATE TABLE draw_inspectors (
  draw_id      INTEGER NOT NULL,
  institution  TEXT NOT NULL,
  slot         INTEGER NOT NULL CHECK (slot IN (1, 2)),  -- first or second inspector
  inspector_id TEXT NOT NULL,                 -- resident ID number as in bureau/inspectors.csv
  name         TEXT NOT NULL,
  cert_no      TEXT NOT NULL CHECK (cert_no <> ''),  -- law-enforcement certificate number
  unit         TEXT NOT NULL DEFAULT '',
  rank_sha256  TEXT NOT NULL CHECK (length(rank_sha256) = 64),  -- SHA-256 of 'seed|code|inspector_id', hex
  PRIMARY KEY (draw_id, institution, slot),
  UNIQUE (draw_id, institution, inspector_id),     -- never the same person twice on one target
  FOREIGN KEY (draw_id, institution) REFERENCES draw_targets(draw_id, institution)
) WITHOUT ROWID;

-- The enforcement loop (`xunkao case`): every step an officer took on a finding, appended and
-- never changed (triggers refuse UPDATE and DELETE). A mistake is put right by a new event that
-- names the one it corrects; the case state is derived from the events (src/cycle/case_state).
-- One command's events are written in one transaction: a killed command leaves all or none.
CREATE TABLE case_events (
  id         INTEGER PRIMARY KEY,
  finding_id TEXT NOT NULL REFERENCES findings(id),
  kind       TEXT NOT NULL CHECK (kind IN ('handover', 'rectified', 'recheck', 'escalate', 'close')),
  recorded   TEXT NOT NULL,                     -- when it was stored, local time with offset
  officer    TEXT NOT NULL CHECK (officer <> ''),
  corrects   INTEGER REFERENCES case_events(id),  -- the event this one replaces (--correct), else NULL
  event_date TEXT CHECK (event_date IS NULL OR event_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                                                -- rectified: date done; recheck: date re-checked
  deadline   TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                                                -- handover: rectify by this date
  handed_to  TEXT NOT NULL DEFAULT '',          -- handover: who must rectify
  doc_no     TEXT NOT NULL DEFAULT '',          -- handover, escalate: the document's number
  note       TEXT NOT NULL DEFAULT '',          -- rectified: what was done; close: why
  result     TEXT CHECK (result IS NULL OR result IN ('pass', 'fail')),  -- recheck
  inspectors TEXT NOT NULL DEFAULT ''           -- recheck: inspector IDs, ';'-separated
);
CREATE INDEX case_events_by_finding ON case_events(finding_id, id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
  BEGIN SELECT RAISE(ABORT, 'case_events is append-only: record a correcting event'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
  BEGIN SELECT RAISE(ABORT, 'case_events is append-only: record a correcting event'); END;

-- Files reported with a rectification, copied into the store's folder under their SHA-256
-- (<db>-attachments/<sha256>) before the event is written. Append-only like the events.
CREATE TABLE case_attachments (
  event_id INTEGER NOT NULL REFERENCES case_events(id),
  position INTEGER NOT NULL CHECK (position >= 1),
  name     TEXT NOT NULL,                       -- the file's name as given (shown, valid UTF-8)
  size     INTEGER NOT NULL CHECK (size >= 0),
  sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
  PRIMARY KEY (event_id, position)
) WITHOUT ROWID;
CREATE TRIGGER case_attachments_no_update BEFORE UPDATE ON case_attachments
  BEGIN SELECT RAISE(ABORT, 'case_attachments is append-only'); END;
CREATE TRIGGER case_attachments_no_delete BEFORE DELETE ON case_attachments
  BEGIN SELECT RAISE(ABORT, 'case_attachments is append-only'); END;
