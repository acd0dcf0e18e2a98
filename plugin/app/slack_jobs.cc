#include "plugin/app/slack_jobs.h"

#include <spdlog/spdlog.h>

#include <variant>

#include "plugin/core/chat_command.h"
#include "plugin/core/hash.h"
#include "plugin/platforms/slack/slack_inbound.h"

namespace ec::app {

namespace sk = platforms::slack;

std::string command_dedup_key(const sk::SlashCommand& slash, std::string_view body) {
  return "command:" + (slash.trigger_id.empty() ? sha256_hex(body) : slash.trigger_id);
}

void run_slack_job(SlackApp& app, const IntakeJob& job) {
  auto dropped = [&](const std::string& why) {
    spdlog::error("slack: dropping intake job {} ({}): {}", job.id, job.kind, why);
  };
  if (job.kind == kSlackCommandJob) {
    auto slash = sk::parse_slash_command(job.payload);
    if (!slash) return dropped(slash.error().message);
    auto command = parse_chat_command(slash->text);
    if (!command) return dropped(command.error().message);
    return app.run_command(*slash, *command);
  }
  if (job.kind == kSlackInteractionJob) {
    auto interaction = sk::parse_interaction(job.payload);
    if (!interaction) return dropped(interaction.error().message);
    if (auto* click = std::get_if<sk::BlockActions>(&*interaction)) return app.run_block_actions(*click);
    if (auto* view = std::get_if<sk::ViewSubmission>(&*interaction)) {
      return app.run_view_submission(*view);
    }
    return;
  }
  if (job.kind == kSlackEventJob) {
    auto envelope = sk::parse_event(job.payload);
    if (!envelope) return dropped(envelope.error().message);
    if (auto* event = std::get_if<sk::EventCallback>(&*envelope)) return app.run_event(*event);
    return;
  }
  dropped("unknown kind");
}

}  // namespace ec::app
