#include "plugin/app/slack_routes.h"

#include <spdlog/spdlog.h>

#include <variant>

#include "plugin/app/slack_jobs.h"
#include "plugin/core/chat_command.h"
#include "plugin/core/hash.h"
#include "plugin/platforms/slack/block_kit.h"
#include "plugin/platforms/slack/slack_inbound.h"
#include "plugin/platforms/slack/slack_signature.h"

namespace ec::app {
namespace {

using nlohmann::json;
namespace sk = platforms::slack;

void set_json(httplib::Response& res, const json& body) {
  res.status = 200;
  res.set_content(canonical_json(body), "application/json");
}

void refuse(httplib::Response& res, int status, const std::string& reason) {
  res.status = status;
  res.set_content(reason + "\n", "text/plain");
}

std::optional<std::string_view> single_header(const httplib::Request& req, std::string_view name) {
  const std::string key(name);
  if (req.get_header_value_count(key) != 1) return std::nullopt;  // missing or repeated
  const auto it = req.headers.find(key);
  return std::string_view(it->second);
}

std::string_view verification_reason_of(sk::SignatureFailure failure) {
  switch (failure) {
    case sk::SignatureFailure::NoSecret: return verification_reason::kUnconfigured;
    case sk::SignatureFailure::MissingHeader: return verification_reason::kMissing;
    case sk::SignatureFailure::Malformed: return verification_reason::kMalformed;
    case sk::SignatureFailure::Stale: return verification_reason::kStale;
    case sk::SignatureFailure::Mismatch: return verification_reason::kMismatch;
  }
  return verification_reason::kMismatch;
}

// Size, ssl_check and signature. False when the response is already decided.
bool admit(const SlackRoutesDeps& d, const httplib::Request& req, httplib::Response& res,
           bool allow_ssl_check) {
  if (req.body.size() > d.settings.max_body_bytes) {
    refuse(res, 413, "request body larger than " + std::to_string(d.settings.max_body_bytes) +
                         " bytes");
    return false;
  }
  if (allow_ssl_check && sk::is_ssl_check(req.body)) {
    res.status = 200;
    return false;
  }
  auto refused = sk::check_slack_signature(
      d.settings.signing_secret, single_header(req, sk::kTimestampHeader),
      single_header(req, sk::kSignatureHeader), req.body, d.clock.now());
  if (refused) {
    spdlog::debug("slack: refused {}: {}", req.path, refused->reason);
    if (d.metrics != nullptr) {
      d.metrics->record_verification_failure("slack", verification_reason_of(refused->failure));
    }
    refuse(res, 401, "invalid request");
    return false;
  }
  return true;
}

// Stores the verified request as a durable job. False when it could not be stored (the caller
// then refuses, so Slack retries or the user tries again); a redelivery counts as stored.
bool take_in(const SlackRoutesDeps& d, std::string_view kind, std::string dedup_key,
             const std::string& body) {
  IntakeJob job;
  job.platform = kSlackJobPlatform;
  job.kind = std::string(kind);
  job.dedup_key = std::move(dedup_key);
  job.payload = body;
  job.received_at = d.clock.now();
  auto stored = d.intake.submit(std::move(job));
  if (!stored) {
    spdlog::error("slack: storing {} request: {}", kind, stored.error().message);
    return false;
  }
  return true;
}

void handle_command(const SlackRoutesDeps& d, const httplib::Request& req, httplib::Response& res) {
  if (!admit(d, req, res, true)) return;
  auto slash = sk::parse_slash_command(req.body);
  if (!slash) return refuse(res, 400, slash.error().message);
  auto command = parse_chat_command(slash->text);
  if (!command) {
    return set_json(res, sk::render_text_message(command.error().message + "\n" +
                                                     chat_command_help(slash->command),
                                                 "ephemeral"));
  }
  if (command->verb == CommandVerb::Help) {
    return set_json(res, sk::render_text_message(chat_command_help(slash->command), "ephemeral"));
  }
  const bool queued = take_in(d, kSlackCommandJob, command_dedup_key(*slash, req.body), req.body);
  set_json(res, sk::render_text_message(
                    queued ? "Working on `" + slash->command + " " + slash->text + "`…"
                           : "The service is busy; try again in a moment.",
                    "ephemeral"));
}

void handle_interactivity(const SlackRoutesDeps& d, const httplib::Request& req,
                          httplib::Response& res) {
  if (!admit(d, req, res, false)) return;
  auto interaction = sk::parse_interaction(req.body);
  if (!interaction) return refuse(res, 400, interaction.error().message);
  if (auto* click = std::get_if<sk::BlockActions>(&*interaction)) {
    if (!take_in(d, kSlackInteractionJob, "action:" + click->delivery_key(), req.body)) {
      return refuse(res, 503, "busy");
    }
    res.status = 200;
    return;
  }
  if (auto* view = std::get_if<sk::ViewSubmission>(&*interaction)) {
    // Input errors are answered in the modal, synchronously (no side effect).
    if (view->callback_id == sk::kEditCallback && sk::edited_text_from(view->values).empty()) {
      return set_json(res, {{"response_action", "errors"},
                            {"errors", {{std::string(sk::kEditBlockPrefix) + "0",
                                         "The draft text cannot be empty."}}}});
    }
    if (view->callback_id == sk::kRevealCallback ||
        view->callback_id == sk::kRequestChangesCallback) {
      const auto reason = view->values.find(std::string(sk::kReasonBlock) + "." +
                                            std::string(sk::kTextInputAction));
      if (reason == view->values.end() || reason->second.find_first_not_of(" \n\t") == std::string::npos) {
        return set_json(res, {{"response_action", "errors"},
                              {"errors", {{std::string(sk::kReasonBlock), "Give a reason."}}}});
      }
    }
    if (!take_in(d, kSlackInteractionJob, "view:" + view->view_id + "|" + view->view_hash,
                 req.body)) {
      return refuse(res, 503, "busy");
    }
    res.status = 200;
    return;
  }
  res.status = 200;  // view_closed: nothing to do
}

void handle_events(const SlackRoutesDeps& d, const httplib::Request& req, httplib::Response& res) {
  if (!admit(d, req, res, false)) return;
  auto envelope = sk::parse_event(req.body);
  if (!envelope) return refuse(res, 400, envelope.error().message);
  if (auto* challenge = std::get_if<sk::UrlVerification>(&*envelope)) {
    return set_json(res, {{"challenge", challenge->challenge}});
  }
  const auto& event = std::get<sk::EventCallback>(*envelope);
  if (!take_in(d, kSlackEventJob, "event:" + event.event_id, req.body)) {
    return refuse(res, 503, "busy");
  }
  res.status = 200;
}

}  // namespace

void register_slack_routes(httplib::Server& server, const SlackRoutesDeps& deps) {
  const SlackRoutesDeps* d = &deps;
  server.Post("/slack/commands", [d](const httplib::Request& req, httplib::Response& res) {
    handle_command(*d, req, res);
  });
  server.Post("/slack/interactivity", [d](const httplib::Request& req, httplib::Response& res) {
    handle_interactivity(*d, req, res);
  });
  server.Post("/slack/events", [d](const httplib::Request& req, httplib::Response& res) {
    handle_events(*d, req, res);
  });
}

}  // namespace ec::app
