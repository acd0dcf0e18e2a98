// The Slack intake jobs: what slack_routes.cc stores (the verified raw body, a kind and a
// de-duplication key) and how the IntakeWorker runs one (parse the stored body again, call
// SlackApp). Dedup keys: "event:<event_id>" (Slack retries events with the same id),
// "action:<click delivery key>" and "view:<view id>|<view hash>" (redelivered interactions), and
// "command:<trigger_id>" for slash commands (the body's SHA-256 when there is no trigger_id).
// Pure functions apart from what SlackApp does; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "plugin/app/slack_app.h"
#include "plugin/core/intake.h"

namespace ec::app {

inline constexpr char kSlackJobPlatform[] = "slack";
inline constexpr char kSlackCommandJob[] = "command";
inline constexpr char kSlackInteractionJob[] = "interaction";
inline constexpr char kSlackEventJob[] = "event";

std::string command_dedup_key(const platforms::slack::SlashCommand& slash, std::string_view body);

// Runs one stored Slack job. A body that no longer parses (it did when it was stored) or an
// unknown kind is logged and dropped.
void run_slack_job(SlackApp& app, const IntakeJob& job);

}  // namespace ec::app
