#include "plugin/platforms/slack/slack_inbound.h"

#include "plugin/platforms/common/form.h"

namespace ec::platforms::slack {
namespace {

using nlohmann::json;

std::unexpected<Error> bad(std::string what) {
  return make_error(ErrorCode::InvalidArgument, std::move(what));
}

// A string at a JSON pointer, or "" when absent or not a string.
std::string str(const json& doc, const char* pointer) {
  const json::json_pointer ptr(pointer);
  if (!doc.contains(ptr)) return {};
  const json& v = doc.at(ptr);
  return v.is_string() ? v.get<std::string>() : std::string();
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

Result<json> parse_json(std::string_view text, std::string_view what) {
  if (text.size() > (1u << 20)) return bad(std::string(what) + ": too large");
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return bad(std::string(what) + ": not a JSON object");
  }
  return doc;
}

BlockActions to_block_actions(const json& p) {
  BlockActions a;
  a.team_id = str(p, "/team/id");
  a.user_id = str(p, "/user/id");
  a.channel_id = str(p, "/channel/id");
  if (a.channel_id.empty()) a.channel_id = str(p, "/container/channel_id");
  a.message_ts = str(p, "/container/message_ts");
  if (a.message_ts.empty()) a.message_ts = str(p, "/message/ts");
  a.response_url = str(p, "/response_url");
  a.trigger_id = str(p, "/trigger_id");
  if (p.contains("actions") && p["actions"].is_array()) {
    for (const json& act : p["actions"]) {
      if (!act.is_object()) continue;
      a.actions.push_back({str(act, "/action_id"), str(act, "/block_id"), str(act, "/value"),
                           str(act, "/action_ts")});
    }
  }
  return a;
}

ViewSubmission to_view_submission(const json& p) {
  ViewSubmission v;
  v.team_id = str(p, "/team/id");
  v.user_id = str(p, "/user/id");
  v.view_id = str(p, "/view/id");
  v.view_hash = str(p, "/view/hash");
  v.callback_id = str(p, "/view/callback_id");
  v.private_metadata = str(p, "/view/private_metadata");
  v.trigger_id = str(p, "/trigger_id");
  const json::json_pointer values("/view/state/values");
  if (p.contains(values) && p.at(values).is_object()) {
    for (const auto& [block_id, block] : p.at(values).items()) {
      if (!block.is_object()) continue;
      for (const auto& [action_id, input] : block.items()) {
        if (input.is_object() && input.contains("value") && input["value"].is_string()) {
          v.values[block_id + "." + action_id] = input["value"].get<std::string>();
        }
      }
    }
  }
  return v;
}

}  // namespace

std::string BlockActions::delivery_key() const {
  std::string key = team_id + "|" + channel_id + "|" + message_ts + "|" + user_id;
  for (const BlockAction& a : actions) key += "|" + a.action_id + "|" + a.action_ts;
  return key;
}

std::string unescape_command_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '<') {
      const std::size_t close = text.find('>', i);
      if (close != std::string_view::npos) {
        std::string_view inner = text.substr(i + 1, close - i - 1);
        const std::size_t bar = inner.find('|');
        std::string_view target = inner.substr(0, bar);
        if (!target.empty() && (target[0] == '@' || target[0] == '#')) {
          out += target;
        } else if (!target.empty() && target[0] == '!') {
          out += "@" + std::string(bar == std::string_view::npos ? target.substr(1)
                                                                  : inner.substr(bar + 1));
        } else if (target.starts_with("mailto:")) {
          out += target.substr(7);  // Slack links a typed email: keep the address
        } else {
          out += target;  // a link: keep the URL
        }
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  replace_all(out, "&lt;", "<");
  replace_all(out, "&gt;", ">");
  replace_all(out, "&amp;", "&");
  return out;
}

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

Result<SlashCommand> parse_slash_command(std::string_view raw_body) {
  auto form = parse_form(raw_body);
  if (!form) return std::unexpected(form.error());
  SlashCommand cmd;
  const auto field = [&](std::string_view name, std::string& out, bool required) -> Status {
    auto value = form_value(*form, name);
    if (!value && required) return bad("slash command: missing field " + std::string(name));
    out = value.value_or("");
    return ok_status();
  };
  EC_RETURN_IF_ERROR(field("team_id", cmd.team_id, false));
  EC_RETURN_IF_ERROR(field("channel_id", cmd.channel_id, true));
  EC_RETURN_IF_ERROR(field("user_id", cmd.user_id, true));
  EC_RETURN_IF_ERROR(field("command", cmd.command, true));
  EC_RETURN_IF_ERROR(field("text", cmd.text, false));
  EC_RETURN_IF_ERROR(field("response_url", cmd.response_url, false));
  EC_RETURN_IF_ERROR(field("trigger_id", cmd.trigger_id, false));
  if (cmd.user_id.empty() || cmd.channel_id.empty() || cmd.command.empty()) {
    return bad("slash command: empty user_id, channel_id or command");
  }
  cmd.text = unescape_command_text(cmd.text);
  return cmd;
}

Result<Interaction> parse_interaction(std::string_view raw_body) {
  auto form = parse_form(raw_body);
  if (!form) return std::unexpected(form.error());
  auto payload = form_value(*form, "payload");
  if (!payload) return bad("interactivity: missing form field payload");
  auto doc = parse_json(*payload, "interactivity payload");
  if (!doc) return std::unexpected(doc.error());
  const std::string type = str(*doc, "/type");
  if (str(*doc, "/user/id").empty()) return bad("interactivity payload: missing user.id");
  if (type == "block_actions") {
    BlockActions a = to_block_actions(*doc);
    if (a.actions.empty()) return bad("interactivity payload: block_actions without actions");
    return Interaction(std::move(a));
  }
  if (type == "view_submission") return Interaction(to_view_submission(*doc));
  if (type == "view_closed") {
    return Interaction(ViewClosed{str(*doc, "/user/id"), str(*doc, "/view/callback_id"),
                                  str(*doc, "/view/private_metadata")});
  }
  return bad("interactivity payload: unsupported type '" + type + "'");
}

Result<EventEnvelope> parse_event(std::string_view raw_body) {
  auto doc = parse_json(raw_body, "event body");
  if (!doc) return std::unexpected(doc.error());
  const std::string type = str(*doc, "/type");
  if (type == "url_verification") {
    const std::string challenge = str(*doc, "/challenge");
    if (challenge.empty()) return bad("url_verification: missing challenge");
    return EventEnvelope(UrlVerification{challenge});
  }
  if (type == "event_callback") {
    EventCallback e;
    e.team_id = str(*doc, "/team_id");
    e.event_id = str(*doc, "/event_id");
    if (e.event_id.empty()) return bad("event_callback: missing event_id");
    if (!doc->contains("event") || !(*doc)["event"].is_object()) {
      return bad("event_callback: missing event");
    }
    e.event = (*doc)["event"];
    e.type = str(e.event, "/type");
    return EventEnvelope(std::move(e));
  }
  return bad("event body: unsupported type '" + type + "'");
}

bool is_ssl_check(std::string_view raw_body) {
  auto form = parse_form(raw_body);
  return form && form_value(*form, "ssl_check") == std::optional<std::string>("1");
}

}  // namespace ec::platforms::slack
