// Slack's inbound payloads, parsed after verification: slash commands (form fields),
// interactivity (form field `payload` holding JSON: block_actions, view_submission,
// view_closed) and the Events API envelope (url_verification, event_callback). Only the fields
// the service uses are kept. Pure functions; thread-safe. Errors are InvalidArgument naming the
// field; nothing here throws.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/result.h"

namespace ec::platforms::slack {

struct SlashCommand {
  std::string team_id;
  std::string channel_id;
  std::string user_id;
  std::string command;       // "/escalation"
  std::string text;          // unescaped: "<@U1|dana>" -> "@U1", "&lt;" -> "<"
  std::string response_url;
  std::string trigger_id;
};

struct BlockAction {
  std::string action_id;
  std::string block_id;
  std::string value;
  std::string action_ts;
};

struct BlockActions {
  std::string team_id;
  std::string user_id;
  std::string channel_id;      // empty for actions inside a modal
  std::string message_ts;      // the message carrying the buttons
  std::string response_url;
  std::string trigger_id;
  std::vector<BlockAction> actions;
  // A key that is the same for a redelivery of this click and differs for another click.
  [[nodiscard]] std::string delivery_key() const;
};

struct ViewSubmission {
  std::string team_id;
  std::string user_id;
  std::string view_id;
  std::string view_hash;
  std::string callback_id;
  std::string private_metadata;
  // state.values flattened: "<block_id>.<action_id>" -> the input's value (text inputs only).
  std::map<std::string, std::string> values;
  std::string trigger_id;
};

struct ViewClosed {
  std::string user_id;
  std::string callback_id;
  std::string private_metadata;
};

using Interaction = std::variant<BlockActions, ViewSubmission, ViewClosed>;

struct UrlVerification {
  std::string challenge;
};

struct EventCallback {
  std::string team_id;
  std::string event_id;
  std::string type;            // the inner event's type: "app_mention", "member_joined_channel"
  nlohmann::json event;        // the inner event as sent
};

using EventEnvelope = std::variant<UrlVerification, EventCallback>;

// Undoes Slack's escaping of command text: "<@U123|dana>" and "<@U123>" become "@U123",
// "<#C1|name>" becomes "#C1", "<https://x|x>" becomes "https://x", then &lt; &gt; &amp;.
std::string unescape_command_text(std::string_view text);

// Escapes & < > for mrkdwn and plain text we send (Slack's three control characters).
std::string escape_text(std::string_view text);

// From the decoded form of a slash command. InvalidArgument when a required field is missing.
[[nodiscard]] Result<SlashCommand> parse_slash_command(std::string_view raw_body);

// From the raw interactivity body (form with `payload`). InvalidArgument when the form has no
// payload, the JSON does not parse, or the type is unknown.
[[nodiscard]] Result<Interaction> parse_interaction(std::string_view raw_body);

// From the raw Events API body (JSON).
[[nodiscard]] Result<EventEnvelope> parse_event(std::string_view raw_body);

// Is this form body Slack's ssl_check probe ("ssl_check=1")?
bool is_ssl_check(std::string_view raw_body);

}  // namespace ec::platforms::slack
