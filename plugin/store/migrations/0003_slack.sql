-- 0003: chat platform state. platform_events deduplicates deliveries (Slack's Events API retries
-- an event up to three times with the same event_id; interactivity redeliveries carry the same
-- ids); channel_bindings maps an escalation channel to its case (one channel per case).
-- Times are INTEGER milliseconds since the Unix epoch (UTC).

CREATE TABLE platform_events (
  platform     TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  PRIMARY KEY (platform, event_id)
);

CREATE TABLE channel_bindings (
  platform    TEXT NOT NULL,
  channel_id  TEXT NOT NULL,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  bound_at    INTEGER NOT NULL,
  PRIMARY KEY (platform, channel_id)
);
CREATE INDEX channel_bindings_by_case ON channel_bindings (case_id);
