// The Slack HTTP endpoints: POST /slack/commands, /slack/interactivity, /slack/events.
// Each handler is thin and answers at once: bound the body (413), answer Slack's ssl_check probe
// (empty 200), verify the v0 signature over the raw body (401, nothing else happens), parse
// (400 with the reason), store the verified body as a durable intake job with its dedup key
// (slack_jobs.h) BEFORE acking, wake the IntakeWorker, and ack (an ephemeral "working on it" for
// commands, an empty 200 for buttons, the challenge for url_verification). A redelivery (same
// event_id, same click, same view submission) stores nothing and is acked the same way. When the
// job cannot be stored, interactivity and events get 503 (Slack retries) and commands a "busy"
// ephemeral: nothing is acked that is not durable. A refused signature is counted in
// deps.metrics (surface "slack").
// Thread-safe: handlers run on httplib's pool and share only thread-safe collaborators.
#pragma once

#include <httplib.h>

#include "plugin/app/intake_writer.h"
#include "plugin/app/service_metrics.h"
#include "plugin/app/slack_settings.h"
#include "plugin/core/store.h"
#include "plugin/core/time.h"

namespace ec::app {

struct SlackRoutesDeps {
  const SlackSettings& settings;
  const Clock& clock;
  IntakeWriter& intake;  // stores the job durably and wakes the worker
  ServiceMetrics* metrics = nullptr;  // verification failures go here when set
};

// Registers the three routes; `deps` must outlive the server.
void register_slack_routes(httplib::Server& server, const SlackRoutesDeps& deps);

}  // namespace ec::app
