// The Mattermost intake jobs: what mattermost_routes.cc stores before it acknowledges (the
// verified raw body, a kind and a de-duplication key) and how the IntakeWorker runs one (parse
// the stored body again, check our signature on a click's context or a dialog's state again,
// call MattermostApp). Dedup keys: "command:<trigger_id>", "action:<trigger_id>" and
// "dialog:<SHA-256 of the body>" (the body's SHA-256 when a request has no trigger id).
// Pure functions apart from what MattermostApp does; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "plugin/app/mattermost_app.h"
#include "plugin/app/mattermost_settings.h"
#include "plugin/core/intake.h"

namespace ec::app {

inline constexpr char kMattermostJobPlatform[] = "mattermost";
inline constexpr char kMattermostCommandJob[] = "command";
inline constexpr char kMattermostActionJob[] = "action";
inline constexpr char kMattermostDialogJob[] = "dialog";

// "<kind>:<trigger_id>", or "<kind>:<SHA-256 of body>" without one.
std::string mattermost_dedup_key(std::string_view kind, std::string_view trigger_id,
                                 std::string_view body);

// Runs one stored Mattermost job. A body that no longer parses or verifies (it did when it was
// stored), or an unknown kind, is logged and dropped.
void run_mattermost_job(MattermostApp& app, const MattermostSettings& settings,
                        const IntakeJob& job);

}  // namespace ec::app
