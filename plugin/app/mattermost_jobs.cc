#include "plugin/app/mattermost_jobs.h"

#include <spdlog/spdlog.h>

#include "plugin/core/chat_command.h"
#include "plugin/core/hash.h"
#include "plugin/platforms/common/form.h"
#include "plugin/platforms/mattermost/action_context.h"
#include "plugin/platforms/mattermost/mattermost_inbound.h"

namespace ec::app {

namespace mm = platforms::mattermost;

std::string mattermost_dedup_key(std::string_view kind, std::string_view trigger_id,
                                 std::string_view body) {
  return std::string(kind) + ":" +
         (trigger_id.empty() ? sha256_hex(body) : std::string(trigger_id));
}

void run_mattermost_job(MattermostApp& app, const MattermostSettings& settings,
                        const IntakeJob& job) {
  auto dropped = [&](const std::string& why) {
    spdlog::error("mattermost: dropping intake job {} ({}): {}", job.id, job.kind, why);
  };
  if (job.kind == kMattermostCommandJob) {
    auto form = platforms::parse_form(job.payload);
    if (!form) return dropped(form.error().message);
    auto slash = mm::parse_slash_command(*form);
    if (!slash) return dropped(slash.error().message);
    auto command = parse_chat_command(mm::text_with_user_ids(*slash));
    if (!command) return dropped(command.error().message);
    return app.run_command(*slash, *command);
  }
  if (job.kind == kMattermostActionJob) {
    auto click = mm::parse_action_request(job.payload);
    if (!click) return dropped(click.error().message);
    auto ref = mm::verify_action_context(click->context, settings.action_secret);
    if (!ref) return dropped(ref.error().message);
    return app.run_action(*click, *ref);
  }
  if (job.kind == kMattermostDialogJob) {
    auto submission = mm::parse_dialog_submission(job.payload);
    if (!submission) return dropped(submission.error().message);
    auto state = mm::verify_dialog_state(submission->state, settings.action_secret);
    if (!state) return dropped(state.error().message);
    return app.run_dialog(*submission, *state);
  }
  dropped("unknown kind");
}

}  // namespace ec::app
