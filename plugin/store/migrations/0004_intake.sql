-- 0004: durable intake and the chat state that must be shared by every replica.
-- intake_jobs: each verified inbound chat request (command, interaction, event), stored before
-- the platform gets its 200; (platform, dedup_key) is unique so a redelivery stores nothing.
-- A worker claims a job by setting owner and lease_until (state running); a job whose lease ended
-- without being finished (its owner died) is claimed again. Finished jobs are kept as done.
-- response_url_uses: how often each Slack response_url was used (5 uses in 30 minutes), keyed by
-- the URL's SHA-256 (the URL itself is a bearer capability and is not stored).
-- draft_change_requests: "Request changes" recorded on one exact draft version (and hash); that
-- version can no longer be approved. A new version has none.
-- Times are INTEGER milliseconds since the Unix epoch (UTC).

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

CREATE TABLE response_url_uses (
  url_hash     TEXT PRIMARY KEY NOT NULL,
  first_use_at INTEGER NOT NULL,
  uses         INTEGER NOT NULL
);
CREATE INDEX response_url_uses_by_age ON response_url_uses (first_use_at);

CREATE TABLE draft_change_requests (
  case_id       TEXT NOT NULL REFERENCES cases (id),
  draft_id      TEXT NOT NULL,
  version       INTEGER NOT NULL,
  content_hash  TEXT NOT NULL,
  requested_by  TEXT NOT NULL,
  reason        TEXT NOT NULL,
  requested_at  INTEGER NOT NULL,
  PRIMARY KEY (case_id, draft_id, version, requested_by, requested_at)
);
