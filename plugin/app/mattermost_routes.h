// The Mattermost HTTP endpoints: POST /mattermost/commands, /mattermost/actions and
// /mattermost/dialogs. Each handler is thin and answers at once: bound the body (413); verify
// (the command token in constant time, else 401; our HMAC in the button context or dialog
// state, else 401 and nothing else happens); parse (400 with the reason); queue the turn on the
// WorkPool; and ack (a command gets {"response_type":"ephemeral","text":"Working on ..."}, a
// click an empty PostActionIntegrationResponse, a dialog an empty 200 that closes it, or
// {"errors":{...}} for an input to fix). A full queue is 503 for clicks and dialogs and a
// "busy" ephemeral for commands.
// Thread-safe: handlers run on httplib's pool and share only thread-safe collaborators.
#pragma once

#include <httplib.h>

#include "plugin/app/mattermost_app.h"
#include "plugin/app/mattermost_settings.h"
#include "plugin/app/work_pool.h"

namespace ec::app {

struct MattermostRoutesDeps {
  const MattermostSettings& settings;
  WorkPool& pool;
  MattermostApp& app;
};

// Registers the three routes; `deps` must outlive the server.
void register_mattermost_routes(httplib::Server& server, const MattermostRoutesDeps& deps);

}  // namespace ec::app
