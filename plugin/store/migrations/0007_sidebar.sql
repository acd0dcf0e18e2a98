-- 0007: Zendesk ticket sidebar sessions. One row per verified signed-URL load; the cookie holds
-- the session id, this table only its SHA-256 (id_hash). csrf_token is what the page must send
-- back in X-CSRF-Token. Sessions live here, not in process memory, so replicas sharing the
-- database accept each other's sessions. Times are INTEGER milliseconds since the Unix epoch.

CREATE TABLE sidebar_sessions (
  id_hash       TEXT PRIMARY KEY,
  csrf_token    TEXT NOT NULL,
  zendesk_user  TEXT NOT NULL,
  acting_user   TEXT NOT NULL,
  ticket_ref    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);
CREATE INDEX sidebar_sessions_by_expiry ON sidebar_sessions (expires_at);
