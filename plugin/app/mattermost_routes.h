// The Mattermost HTTP endpoints: POST /mattermost/commands, /mattermost/actions and
// /mattermost/dialogs. Each handler is thin and answers at once: bound the body (413); verify
// (the command token in constant time, else 401; our HMAC in the button context or dialog
// state, else 401 and nothing else happens); parse (400 with the reason); store the verified
// request as a durable intake job (mattermost_jobs.h; the IntakeWorker runs the turn); and ack
// (a command gets {"response_type":"ephemeral","text":"Working on ..."}, a click an empty
// PostActionIntegrationResponse, a dialog an empty 200 that closes it, or {"errors":{...}} for
// an input to fix). A request that cannot be stored is 503 for clicks and dialogs and an
// ephemeral "try again" for commands: nothing is acknowledged that is not durable.
// Thread-safe: handlers run on httplib's pool and share only thread-safe collaborators.
#pragma once

#include <httplib.h>

#include "plugin/app/intake_writer.h"
#include "plugin/app/mattermost_settings.h"
#include "plugin/core/time.h"

namespace ec::app {

struct MattermostRoutesDeps {
  const MattermostSettings& settings;
  const Clock& clock;
  IntakeWriter& intake;
};

// Registers the three routes; `deps` must outlive the server.
void register_mattermost_routes(httplib::Server& server, const MattermostRoutesDeps& deps);

}  // namespace ec::app
