#include "plugin/app/slack_app.h"

#include <spdlog/spdlog.h>

#include <cctype>

#include "plugin/core/hash.h"
#include "plugin/platforms/slack/block_kit.h"

namespace ec::app {
namespace {

using nlohmann::json;
namespace sk = platforms::slack;

// Escalation channels are private (they carry sensitive findings).
// "esc-<ticket>" in Slack's channel-name alphabet (lower-case letters, digits, - and _), <= 80.
std::string channel_name_for(const std::string& ticket) {
  std::string name = "esc-";
  for (const char raw : ticket) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(raw)));
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '-';
  }
  return name.substr(0, 80);
}

// A modal field's value ("<block_id>.<action_id>"), "" when absent.
std::string modal_value(const sk::ViewSubmission& view, std::string_view block) {
  const auto it = view.values.find(std::string(block) + "." + std::string(sk::kTextInputAction));
  return it == view.values.end() ? std::string() : it->second;
}

}  // namespace

SlackApp::SlackApp(SlackAppDeps deps)
    : d_(deps),
      turns_(deps.cases, deps.store, deps.clock, deps.config, *this,
             {kSlackPlatform, deps.settings.command, deps.settings.customer_channel}) {}

void SlackApp::reply(const ChatContext& ctx, const std::string& text, ReplyVisibility v) {
  json message =
      sk::render_text_message(text, v == ReplyVisibility::InChannel ? "in_channel" : "ephemeral");
  // A reply to a button click must never take the card's place (refresh_card() replaces it).
  message["replace_original"] = false;
  auto sent = d_.responder.reply({ctx.response_url, ctx.channel, ctx.user}, std::move(message));
  if (!sent) spdlog::warn("slack: reply failed: {}", sent.error().message);
}

json SlackApp::card_message(const DraftCard& card) const {
  return sk::render_card_message(card, d_.settings.command + " " + card.case_id + " status");
}

void SlackApp::post_card(const ChatContext& ctx, const DraftCard& card) {
  auto posted = d_.api.post_message(ctx.channel, card_message(card));
  if (!posted) turns_.reply_error(ctx, posted.error());
}

void SlackApp::refresh_card(const ChatContext& ctx, const DraftCard& card) {
  const json message = card_message(card);
  if (ctx.message.empty()) return post_card(ctx, card);
  if (!ctx.channel.empty()) {
    auto updated = d_.api.update_message(ctx.channel, ctx.message, message);
    if (updated) return;
    spdlog::warn("slack: chat.update failed ({}); trying response_url", updated.error().message);
  }
  json replace = message;
  replace["replace_original"] = true;
  if (d_.responder.take_use(ctx.response_url)) {
    if (auto sent = d_.api.post_response_url(ctx.response_url, replace); !sent) {
      spdlog::warn("slack: response_url: {}", sent.error().message);
    }
  }
}

Result<std::string> SlackApp::escalation_channel(const ChatContext& ctx, const Case& c,
                                                 bool channel_taken) {
  if (!channel_taken) return ctx.channel;
  auto created = d_.api.create_conversation(channel_name_for(c.ticket_ref), true);
  if (!created) return std::unexpected(created.error());
  std::string channel = created->value("/channel/id"_json_pointer, std::string());
  std::string users = c.lead;
  if (ctx.user != c.lead) users += "," + ctx.user;
  if (auto invited = d_.api.invite(channel, users); !invited) {
    spdlog::warn("slack: inviting to {}: {}", channel, invited.error().message);
  }
  return channel;
}

void SlackApp::run_command(const sk::SlashCommand& slash, const ChatCommand& command) {
  turns_.run({slash.user_id, slash.channel_id, slash.response_url, ""}, command);
}

void SlackApp::run_block_actions(const sk::BlockActions& click) {
  const ChatContext ctx{click.user_id, click.channel_id, click.response_url, click.message_ts};
  for (const sk::BlockAction& action : click.actions) {
    auto kind = sk::action_kind_for(action.action_id);
    auto ref = parse_action_ref(action.value);
    if (!kind || !ref || ref->kind != *kind) {
      spdlog::warn("slack: ignoring an action we did not issue ({})", action.action_id);
      continue;
    }
    switch (*kind) {
      case CardActionKind::Approve: turns_.approve(ctx, *ref); break;
      case CardActionKind::Edit:
      case CardActionKind::RequestChanges:
      case CardActionKind::Reveal: open_modal(ctx, click, *ref); break;
      case CardActionKind::AcknowledgeSecurity:
        turns_.acknowledge_security(ctx, ref->case_id);
        break;
    }
  }
}

void SlackApp::open_modal(const ChatContext& ctx, const sk::BlockActions& click,
                          const CardActionRef& ref) {
  auto form = turns_.form_for(ctx, ref);
  if (!form) return;
  // What the submission acts on; Slack hands it back verbatim in private_metadata.
  const json metadata = {{"case", ref.case_id}, {"draft", ref.draft_id}, {"version", ref.version},
                         {"hash", ref.content_hash}, {"channel", click.channel_id},
                         {"ts", click.message_ts}};
  const std::string meta = canonical_json(metadata);
  Result<json> view =
      ref.kind == CardActionKind::Edit ? sk::render_edit_modal(form->card, form->text, meta)
      : ref.kind == CardActionKind::RequestChanges
          ? Result<json>(sk::render_request_changes_modal(form->card, meta))
          : Result<json>(sk::render_reveal_modal(form->card, meta));
  if (!view) return turns_.reply_error(ctx, view.error());
  auto opened = d_.api.open_view(click.trigger_id, *view);
  if (!opened) turns_.reply_error(ctx, opened.error());
}

void SlackApp::run_view_submission(const sk::ViewSubmission& view) {
  const json meta = json::parse(view.private_metadata, nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) {
    spdlog::warn("slack: view submission without our metadata ({})", view.callback_id);
    return;
  }
  const std::string case_id = meta.value("case", "");
  const std::string draft_id = meta.value("draft", "");
  const std::string channel = meta.value("channel", "");
  const ChatContext ctx{view.user_id, channel, "", meta.value("ts", "")};
  if (view.callback_id == sk::kEditCallback) {
    return turns_.edit(ctx, case_id, draft_id, sk::edited_text_from(view.values));
  }
  if (view.callback_id == sk::kRequestChangesCallback) {
    const CardActionRef ref{CardActionKind::RequestChanges, case_id, draft_id,
                            meta.value("version", 0), meta.value("hash", "")};
    return turns_.request_changes(ctx, ref, modal_value(view, sk::kReasonBlock));
  }
  if (view.callback_id == sk::kRevealCallback) {
    return turns_.reveal(ctx, case_id, modal_value(view, sk::kPlaceholderBlock),
                         modal_value(view, sk::kReasonBlock));
  }
  spdlog::warn("slack: view submission {} is not one of ours", view.callback_id);
}

void SlackApp::run_event(const sk::EventCallback& event) {
  if (event.type == "app_mention") {
    const std::string channel = event.event.value("channel", "");
    if (channel.empty()) return;
    auto posted = d_.api.post_message(
        channel, sk::render_text_message(chat_command_help(d_.settings.command), "in_channel"));
    if (!posted) spdlog::warn("slack: answering a mention: {}", posted.error().message);
  }
}

}  // namespace ec::app
