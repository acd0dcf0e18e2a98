-- 0001: the initial schema. Times are INTEGER milliseconds since the Unix epoch (UTC); JSON
-- columns hold canonical JSON text; enum columns hold the core name functions' spellings.
-- Migrations are append-only: never edit a released file, add 0002_... instead.

CREATE TABLE cases (
  id                        TEXT PRIMARY KEY NOT NULL,
  ticket_ref                TEXT NOT NULL,
  customer                  TEXT NOT NULL,
  subject_query             TEXT NOT NULL,
  severity                  TEXT NOT NULL,
  lead                      TEXT NOT NULL,
  state                     TEXT NOT NULL,
  security_acknowledged_by  TEXT NOT NULL DEFAULT '',
  security_acknowledged_at  INTEGER,
  created_at                INTEGER NOT NULL,
  updated_at                INTEGER NOT NULL
);
CREATE INDEX cases_by_ticket ON cases (ticket_ref, created_at);

CREATE TABLE evidence (
  case_id   TEXT NOT NULL REFERENCES cases (id),
  id        TEXT NOT NULL,
  position  INTEGER NOT NULL,
  json      TEXT NOT NULL,
  PRIMARY KEY (case_id, id)
);

CREATE TABLE findings (
  case_id    TEXT NOT NULL REFERENCES cases (id),
  id         TEXT NOT NULL,
  position   INTEGER NOT NULL,
  statement  TEXT NOT NULL,
  status     TEXT NOT NULL,
  owner      TEXT NOT NULL,
  evidence   TEXT NOT NULL,  -- JSON array of evidence ids
  PRIMARY KEY (case_id, id)
);

CREATE TABLE questions (
  case_id          TEXT NOT NULL REFERENCES cases (id),
  id               TEXT NOT NULL,
  question         TEXT NOT NULL,
  owner            TEXT NOT NULL,
  state            TEXT NOT NULL,
  blocking         INTEGER NOT NULL,
  answer           TEXT NOT NULL,
  answer_evidence  TEXT NOT NULL,  -- JSON array of evidence ids
  PRIMARY KEY (case_id, id)
);

CREATE TABLE analysis (
  case_id  TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
  json     TEXT NOT NULL
);

CREATE TABLE draft_versions (
  case_id       TEXT NOT NULL REFERENCES cases (id),
  draft_id      TEXT NOT NULL,
  version       INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  statements    TEXT NOT NULL,  -- JSON array of statements
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  content_hash  TEXT NOT NULL,
  UNIQUE (case_id, draft_id, version)
);
CREATE TRIGGER draft_versions_no_update BEFORE UPDATE ON draft_versions
BEGIN
  SELECT RAISE(ABORT, 'draft versions are immutable');
END;

CREATE TABLE approvals (
  id            INTEGER PRIMARY KEY,
  case_id       TEXT NOT NULL,
  draft_id      TEXT NOT NULL,
  version       INTEGER NOT NULL,
  content_hash  TEXT NOT NULL,
  approver      TEXT NOT NULL,
  approved_at   INTEGER NOT NULL,
  lint_verdict  TEXT NOT NULL,
  UNIQUE (case_id, draft_id, version, content_hash),
  FOREIGN KEY (case_id, draft_id, version)
    REFERENCES draft_versions (case_id, draft_id, version)
);

CREATE TABLE turns (
  case_id  TEXT NOT NULL REFERENCES cases (id),
  seq      INTEGER NOT NULL,
  time     INTEGER NOT NULL,
  actor    TEXT NOT NULL,
  role     TEXT NOT NULL,
  action   TEXT NOT NULL,
  request  TEXT NOT NULL,
  output   TEXT NOT NULL,  -- JSON
  PRIMARY KEY (case_id, seq)
);

-- The audit trail. seq is the rowid: 1, 2, 3, ... assigned by the store from the chain head.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  case_id    TEXT NOT NULL,
  time       INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  payload    TEXT NOT NULL,  -- canonical JSON
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key  TEXT NOT NULL UNIQUE,
  case_id          TEXT NOT NULL,
  channel          TEXT NOT NULL,
  recipient        TEXT NOT NULL,
  payload          TEXT NOT NULL,  -- JSON
  state            TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER,
  last_error       TEXT NOT NULL DEFAULT '',
  delivery_ref     TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  delivered_at     INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_case ON outbox (case_id, id);

CREATE TABLE vault (
  case_id        TEXT NOT NULL REFERENCES cases (id),
  placeholder    TEXT NOT NULL,
  kind           TEXT NOT NULL,
  raw_value      TEXT NOT NULL,
  revealed       INTEGER NOT NULL DEFAULT 0,
  revealed_by    TEXT NOT NULL DEFAULT '',
  reveal_reason  TEXT NOT NULL DEFAULT '',
  revealed_at    INTEGER,
  PRIMARY KEY (case_id, placeholder)
);
