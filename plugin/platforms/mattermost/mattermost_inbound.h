// Mattermost's inbound wire formats for an external integration: the custom slash command (form
// body, verified by its token in the `token` field and/or "Authorization: Token <token>"), the
// interactive button callback (JSON PostActionIntegrationRequest) and the interactive dialog
// submission (JSON SubmitDialogRequest). Mattermost signs neither callback: their trust comes
// from our own HMAC inside `context` / `state` (action_context.h). Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/core/result.h"
#include "plugin/platforms/common/form.h"

namespace ec::platforms::mattermost {

struct SlashCommand {
  std::string team_id;
  std::string channel_id;
  std::string channel_name;
  std::string user_id;
  std::string user_name;
  std::string command;        // with the leading slash: "/escalation"
  std::string text;
  std::string trigger_id;
  std::string response_url;   // <SiteURL>/hooks/commands/<id>
  // The server's map of @-mentions in `text` to user ids (repeated fields user_mentions and
  // user_mentions_ids, pairwise).
  std::map<std::string, std::string> user_mentions;
};

// `text` with each "@name" the server resolved replaced by "@<user id>", so that the shared
// grammar's "@lead" names the same id that later clicks carry.
std::string text_with_user_ids(const SlashCommand& command);

// Checks the command token in constant time. The form field `token` and the header
// "Authorization: Token <t>" are both accepted; each one present must match, and at least one
// must be. Unauthenticated otherwise (the message never contains a token).
[[nodiscard]] Status verify_command_token(std::string_view expected, const FormFields& form,
                                          std::optional<std::string_view> authorization);

// The command's fields. InvalidArgument naming the first missing required field
// (user_id, channel_id, command), or for user_mentions and user_mentions_ids of different
// lengths.
[[nodiscard]] Result<SlashCommand> parse_slash_command(const FormFields& form);

// A button click as the Mattermost server forwards it.
struct ActionRequest {
  std::string user_id;
  std::string user_name;
  std::string channel_id;
  std::string team_id;
  std::string post_id;
  std::string trigger_id;
  std::string type;            // "button" or "select"
  nlohmann::json context = nlohmann::json::object();
};

// InvalidArgument for a body that is not a JSON object, or lacks user_id or post_id.
[[nodiscard]] Result<ActionRequest> parse_action_request(std::string_view body);

struct DialogSubmission {
  std::string callback_id;
  std::string state;
  std::string user_id;
  std::string channel_id;
  std::string team_id;
  bool cancelled = false;
  // Element name -> value; booleans and numbers are written as JSON text.
  std::map<std::string, std::string> submission;
};

// InvalidArgument for a body that is not a JSON object, lacks user_id or callback_id, or whose
// `submission` is not an object.
[[nodiscard]] Result<DialogSubmission> parse_dialog_submission(std::string_view body);

}  // namespace ec::platforms::mattermost
