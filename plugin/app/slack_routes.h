// The Slack HTTP endpoints: POST /slack/commands, /slack/interactivity, /slack/events.
// Each handler is thin and answers at once: bound the body (413), answer Slack's ssl_check probe
// (empty 200), verify the v0 signature over the raw body (401, nothing else happens), parse
// (400 with the reason), queue the turn on the WorkPool, and ack (an ephemeral "working on it"
// for commands, an empty 200 for buttons, the challenge for url_verification). A full queue is
// 503 for interactivity and events (Slack retries; the event is not marked seen) and a
// "busy" ephemeral for commands. A refused signature is counted in deps.metrics (surface
// "slack"). Event ids and button deliveries are de-duplicated in the store
// by the job itself, so a retry queued while its first delivery waits runs no second time.
// Thread-safe: handlers run on httplib's pool and share only thread-safe collaborators.
#pragma once

#include <httplib.h>

#include "plugin/app/service_metrics.h"
#include "plugin/app/slack_app.h"
#include "plugin/app/slack_settings.h"
#include "plugin/app/work_pool.h"
#include "plugin/core/store.h"
#include "plugin/core/time.h"

namespace ec::app {

struct SlackRoutesDeps {
  const SlackSettings& settings;
  const Clock& clock;
  WorkPool& pool;
  SlackApp& app;
  Store& store;
  ServiceMetrics* metrics = nullptr;  // verification failures go here when set
};

// Registers the three routes; `deps` must outlive the server.
void register_slack_routes(httplib::Server& server, const SlackRoutesDeps& deps);

}  // namespace ec::app
