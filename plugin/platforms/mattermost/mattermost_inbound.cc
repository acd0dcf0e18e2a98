#include "plugin/platforms/mattermost/mattermost_inbound.h"

#include <vector>

#include "plugin/core/hash.h"

namespace ec::platforms::mattermost {
namespace {

using nlohmann::json;

std::string str(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<json> parse_object(std::string_view body, std::string_view what) {
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return make_error(ErrorCode::InvalidArgument,
                      "mattermost " + std::string(what) + ": body is not a JSON object");
  }
  return parsed;
}

}  // namespace

Status verify_command_token(std::string_view expected, const FormFields& form,
                            std::optional<std::string_view> authorization) {
  if (expected.empty()) return make_error(ErrorCode::Unauthenticated, "no command token configured");
  bool seen = false;
  if (const auto field = form_value(form, "token")) {
    if (!constant_time_equals(*field, expected)) {
      return make_error(ErrorCode::Unauthenticated, "mattermost command: token field does not match");
    }
    seen = true;
  }
  if (authorization) {
    constexpr std::string_view kScheme = "Token ";
    if (authorization->substr(0, kScheme.size()) != kScheme ||
        !constant_time_equals(authorization->substr(kScheme.size()), expected)) {
      return make_error(ErrorCode::Unauthenticated,
                        "mattermost command: Authorization header does not match");
    }
    seen = true;
  }
  if (!seen) return make_error(ErrorCode::Unauthenticated, "mattermost command: no token");
  return ok_status();
}

Result<SlashCommand> parse_slash_command(const FormFields& form) {
  SlashCommand c;
  auto get = [&](std::string_view name) { return form_value(form, name).value_or(""); };
  c.team_id = get("team_id");
  c.channel_id = get("channel_id");
  c.channel_name = get("channel_name");
  c.user_id = get("user_id");
  c.user_name = get("user_name");
  c.command = get("command");
  c.text = get("text");
  c.trigger_id = get("trigger_id");
  c.response_url = get("response_url");
  std::vector<std::string> names;
  std::vector<std::string> ids;
  for (const auto& [name, value] : form) {
    if (name == "user_mentions") names.push_back(value);
    if (name == "user_mentions_ids") ids.push_back(value);
  }
  if (names.size() != ids.size()) {
    return make_error(ErrorCode::InvalidArgument,
                      "mattermost command: user_mentions and user_mentions_ids differ in length");
  }
  for (std::size_t i = 0; i < names.size(); ++i) c.user_mentions[names[i]] = ids[i];
  for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"user_id", &c.user_id},
                                    {"channel_id", &c.channel_id},
                                    {"command", &c.command}}) {
    if (value->empty()) {
      return make_error(ErrorCode::InvalidArgument,
                        std::string("mattermost command: missing field ") + name);
    }
  }
  return c;
}

std::string text_with_user_ids(const SlashCommand& command) {
  std::string out;
  const std::string& text = command.text;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '@' && (i == 0 || text[i - 1] == ' ')) {
      std::size_t end = text.find(' ', i);
      if (end == std::string::npos) end = text.size();
      const auto it = command.user_mentions.find(text.substr(i + 1, end - i - 1));
      if (it != command.user_mentions.end()) {
        out += "@" + it->second;
        i = end;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

Result<ActionRequest> parse_action_request(std::string_view body) {
  auto o = parse_object(body, "action");
  if (!o) return std::unexpected(o.error());
  ActionRequest a;
  a.user_id = str(*o, "user_id");
  a.user_name = str(*o, "user_name");
  a.channel_id = str(*o, "channel_id");
  a.team_id = str(*o, "team_id");
  a.post_id = str(*o, "post_id");
  a.trigger_id = str(*o, "trigger_id");
  a.type = str(*o, "type");
  if (a.user_id.empty()) return make_error(ErrorCode::InvalidArgument, "mattermost action: missing user_id");
  if (a.post_id.empty()) return make_error(ErrorCode::InvalidArgument, "mattermost action: missing post_id");
  if (const auto it = o->find("context"); it != o->end() && !it->is_null()) {
    if (!it->is_object()) {
      return make_error(ErrorCode::InvalidArgument, "mattermost action: context is not an object");
    }
    a.context = *it;
  }
  return a;
}

Result<DialogSubmission> parse_dialog_submission(std::string_view body) {
  auto o = parse_object(body, "dialog submission");
  if (!o) return std::unexpected(o.error());
  DialogSubmission d;
  d.callback_id = str(*o, "callback_id");
  d.state = str(*o, "state");
  d.user_id = str(*o, "user_id");
  d.channel_id = str(*o, "channel_id");
  d.team_id = str(*o, "team_id");
  if (const auto it = o->find("cancelled"); it != o->end() && it->is_boolean()) {
    d.cancelled = it->get<bool>();
  }
  if (d.user_id.empty()) {
    return make_error(ErrorCode::InvalidArgument, "mattermost dialog submission: missing user_id");
  }
  if (d.callback_id.empty()) {
    return make_error(ErrorCode::InvalidArgument, "mattermost dialog submission: missing callback_id");
  }
  if (const auto it = o->find("submission"); it != o->end() && !it->is_null()) {
    if (!it->is_object()) {
      return make_error(ErrorCode::InvalidArgument,
                        "mattermost dialog submission: submission is not an object");
    }
    for (const auto& [name, value] : it->items()) {
      if (value.is_null()) continue;
      d.submission[name] = value.is_string() ? value.get<std::string>() : value.dump();
    }
  }
  return d;
}

}  // namespace ec::platforms::mattermost
