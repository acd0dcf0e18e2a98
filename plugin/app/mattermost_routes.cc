#include "plugin/app/mattermost_routes.h"

#include <spdlog/spdlog.h>

#include "plugin/app/mattermost_jobs.h"
#include "plugin/core/chat_command.h"
#include "plugin/core/hash.h"
#include "plugin/platforms/common/form.h"
#include "plugin/platforms/mattermost/action_context.h"
#include "plugin/platforms/mattermost/attachments.h"
#include "plugin/platforms/mattermost/mattermost_inbound.h"

namespace ec::app {
namespace {

using nlohmann::json;
namespace mm = platforms::mattermost;

void set_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(canonical_json(body), "application/json");
}

void refuse(httplib::Response& res, int status, const std::string& reason) {
  res.status = status;
  res.set_content(reason + "\n", "text/plain");
}

bool within_size(const MattermostRoutesDeps& d, const httplib::Request& req,
                 httplib::Response& res) {
  if (req.body.size() <= d.settings.max_body_bytes) return true;
  refuse(res, 413, "request body larger than " + std::to_string(d.settings.max_body_bytes) +
                       " bytes");
  return false;
}

// Stores the verified request as a durable job before the ack. False when it could not be stored
// (the caller then refuses, so the user tries again); a redelivery counts as stored.
bool take_in(const MattermostRoutesDeps& d, std::string_view kind, std::string_view trigger_id,
             const std::string& body) {
  IntakeJob job;
  job.platform = kMattermostJobPlatform;
  job.kind = std::string(kind);
  job.dedup_key = mattermost_dedup_key(kind, trigger_id, body);
  job.payload = body;
  job.received_at = d.clock.now();
  auto stored = d.intake.submit(std::move(job));
  if (!stored) {
    spdlog::error("mattermost: storing {} request: {}", kind, stored.error().message);
    return false;
  }
  return true;
}

std::optional<std::string_view> single_header(const httplib::Request& req, const char* name) {
  if (req.get_header_value_count(name) == 0) return std::nullopt;
  if (req.get_header_value_count(name) > 1) return std::string_view();  // repeated: no match
  return std::string_view(req.headers.find(name)->second);
}

void handle_command(const MattermostRoutesDeps& d, const httplib::Request& req,
                    httplib::Response& res) {
  if (!within_size(d, req, res)) return;
  auto form = platforms::parse_form(req.body);
  if (!form) return refuse(res, 400, form.error().message);
  if (auto verified = mm::verify_command_token(d.settings.command_token, *form,
                                               single_header(req, "Authorization"));
      !verified) {
    spdlog::debug("mattermost: refused {}: {}", req.path, verified.error().message);
    return refuse(res, 401, "invalid request");
  }
  auto slash = mm::parse_slash_command(*form);
  if (!slash) return refuse(res, 400, slash.error().message);
  auto command = parse_chat_command(mm::text_with_user_ids(*slash));
  if (!command) {
    return set_json(res, mm::render_text_response(command.error().message + "\n" +
                                                      chat_command_help(slash->command),
                                                  "ephemeral"));
  }
  if (command->verb == CommandVerb::Help) {
    return set_json(res, mm::render_text_response(chat_command_help(slash->command), "ephemeral"));
  }
  const bool stored = take_in(d, kMattermostCommandJob, slash->trigger_id, req.body);
  set_json(res, mm::render_text_response(stored ? "Working on `" + slash->command + " " +
                                                      slash->text + "`…"
                                                : "The service could not take the command in; "
                                                  "try again in a moment.",
                                         "ephemeral"));
}

void handle_action(const MattermostRoutesDeps& d, const httplib::Request& req,
                   httplib::Response& res) {
  if (!within_size(d, req, res)) return;
  auto click = mm::parse_action_request(req.body);
  if (!click) return refuse(res, 400, click.error().message);
  auto ref = mm::verify_action_context(click->context, d.settings.action_secret);
  if (!ref) {
    spdlog::warn("mattermost: refused a click by {} on post {}: {}", click->user_id,
                 click->post_id, ref.error().message);
    return set_json(res, {{"ephemeral_text", "This button was not issued by this service; "
                                             "nothing was done."}},
                    ref.error().code == ErrorCode::Unauthenticated ? 401 : 400);
  }
  if (!take_in(d, kMattermostActionJob, click->trigger_id, req.body)) {
    return refuse(res, 503, "could not take the click in; try again");
  }
  set_json(res, json::object());
}

// Input problems are answered in the dialog, synchronously (no side effect).
std::optional<json> dialog_input_errors(const mm::DialogSubmission& s) {
  if (s.callback_id == mm::kEditCallback &&
      mm::edited_text_from(s.submission).find_first_not_of(" \n\t") == std::string::npos) {
    return json{{std::string(mm::kEditElementPrefix) + "0", "The draft text cannot be empty."}};
  }
  if (s.callback_id == mm::kRevealCallback || s.callback_id == mm::kRequestChangesCallback) {
    const auto reason = s.submission.find(std::string(mm::kReasonElement));
    if (reason == s.submission.end() ||
        reason->second.find_first_not_of(" \n\t") == std::string::npos) {
      return json{{std::string(mm::kReasonElement), "Give a reason."}};
    }
  }
  return std::nullopt;
}

void handle_dialog(const MattermostRoutesDeps& d, const httplib::Request& req,
                   httplib::Response& res) {
  if (!within_size(d, req, res)) return;
  auto submission = mm::parse_dialog_submission(req.body);
  if (!submission) return refuse(res, 400, submission.error().message);
  if (submission->cancelled) {
    res.status = 200;
    return;
  }
  auto state = mm::verify_dialog_state(submission->state, d.settings.action_secret);
  if (!state) {
    spdlog::warn("mattermost: refused a dialog submission by {}: {}", submission->user_id,
                 state.error().message);
    return set_json(res, {{"error", "This dialog was not issued by this service."}},
                    state.error().code == ErrorCode::Unauthenticated ? 401 : 400);
  }
  if (auto errors = dialog_input_errors(*submission)) return set_json(res, {{"errors", *errors}});
  if (!take_in(d, kMattermostDialogJob, "", req.body)) {
    return refuse(res, 503, "could not take the submission in; try again");
  }
  res.status = 200;
}

}  // namespace

void register_mattermost_routes(httplib::Server& server, const MattermostRoutesDeps& deps) {
  const MattermostRoutesDeps* d = &deps;
  server.Post("/mattermost/commands", [d](const httplib::Request& req, httplib::Response& res) {
    handle_command(*d, req, res);
  });
  server.Post("/mattermost/actions", [d](const httplib::Request& req, httplib::Response& res) {
    handle_action(*d, req, res);
  });
  server.Post("/mattermost/dialogs", [d](const httplib::Request& req, httplib::Response& res) {
    handle_dialog(*d, req, res);
  });
}

}  // namespace ec::app
