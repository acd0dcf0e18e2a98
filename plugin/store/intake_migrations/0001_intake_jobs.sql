-- Intake database 0001: the durable intake (plugin/core/intake_store.h) in a SQLite file of its
-- own, next to the case database, so that storing a job before the ack never waits for a turn's
-- write lock or its WAL checkpoint. Same table as the case database's intake_jobs (migration
-- 0004 there, where jobs lived before; SqliteIntakeStore::open moves any rows left there).
-- Each verified inbound chat request (command, interaction, event) is stored before the platform
-- gets its 200; (platform, dedup_key) is unique so a redelivery stores nothing. A worker claims a
-- job by setting owner and lease_until (state running); a job whose lease ended without being
-- finished (its owner died) is claimed again. Finished jobs (done, failed) stay for
-- de-duplication until purged. Times are INTEGER milliseconds since the Unix epoch (UTC).

CREATE TABLE intake_jobs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  platform     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  dedup_key    TEXT NOT NULL,
  payload      TEXT NOT NULL,
  state        TEXT NOT NULL,
  owner        TEXT NOT NULL DEFAULT '',
  lease_until  INTEGER,
  attempts     INTEGER NOT NULL DEFAULT 0,
  received_at  INTEGER NOT NULL,
  finished_at  INTEGER,
  UNIQUE (platform, dedup_key)
);
CREATE INDEX intake_jobs_claimable ON intake_jobs (state, id);
CREATE INDEX intake_jobs_finished ON intake_jobs (finished_at) WHERE finished_at IS NOT NULL;
