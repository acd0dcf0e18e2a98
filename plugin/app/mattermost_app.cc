#include "plugin/app/mattermost_app.h"

#include <spdlog/spdlog.h>

#include "plugin/app/slack_cards.h"
#include "plugin/platforms/mattermost/attachments.h"

namespace ec::app {
namespace {

using nlohmann::json;
namespace mm = platforms::mattermost;

}  // namespace

MattermostApp::MattermostApp(MattermostAppDeps deps)
    : d_(deps),
      turns_(deps.cases, deps.store, deps.clock, deps.config, *this, kMattermostPlatform,
             deps.settings.command) {}

void MattermostApp::run_command(const mm::SlashCommand& slash, const ChatCommand& command) {
  turns_.run({slash.user_id, slash.channel_id, slash.response_url}, command);
}

void MattermostApp::reply(const ChatContext& ctx, const std::string& text, ReplyVisibility v) {
  const std::string type = v == ReplyVisibility::InChannel ? "in_channel" : "ephemeral";
  if (d_.budget.take_use(ctx.response_url)) {
    auto sent = d_.api.post_response_url(ctx.response_url, mm::render_text_response(text, type));
    if (sent) return;
    spdlog::warn("mattermost: response_url failed ({}); using the REST API", sent.error().message);
  }
  if (ctx.channel.empty()) return spdlog::warn("mattermost: reply with no channel to post to");
  const std::string message = mm::render_text_response(text, type)["text"];
  auto posted = v == ReplyVisibility::InChannel
                    ? d_.api.create_post(ctx.channel, {{"message", message}})
                    : d_.api.create_ephemeral_post(ctx.user, ctx.channel, message);
  if (!posted) spdlog::warn("mattermost: reply failed: {}", posted.error().message);
}

std::string MattermostApp::mention(const std::string& user) const {
  auto found = d_.api.get_user(user);
  if (found && found->contains("username") && (*found)["username"].is_string()) {
    return "@" + (*found)["username"].get<std::string>();
  }
  return "user " + user;
}

Result<std::string> MattermostApp::escalation_channel(const ChatContext& ctx, const Case& c) {
  // One channel per case: a channel already bound to another case cannot take this one.
  auto tx = d_.store.begin();
  if (!tx) return std::unexpected(tx.error());
  auto bound = (*tx)->case_for_channel(kMattermostPlatform, ctx.channel);
  if (!bound) return std::unexpected(bound.error());
  if (bound->has_value() && **bound != c.id) {
    return make_error(ErrorCode::FailedPrecondition,
                      "this channel already works " + **bound + "; open " + c.ticket_ref +
                          " from a channel of its own");
  }
  return ctx.channel;
}

Result<json> MattermostApp::card_post(const std::string& case_id, const std::string& draft_id,
                                      std::optional<int> version) {
  auto c = d_.cases.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto card = load_draft_card(d_.store, case_id, draft_id, version,
                              recipient_for(*c, d_.settings.customer_channel));
  if (!card) return std::unexpected(card.error());
  return mm::render_card_post(*card, {d_.settings.actions_url(), d_.settings.action_secret},
                              d_.settings.command + " " + case_id + " status");
}

void MattermostApp::post_card(const ChatContext& ctx, const std::string& case_id,
                              const std::string& draft_id, std::optional<int> version) {
  auto post = card_post(case_id, draft_id, version);
  if (!post) return turns_.reply_error(ctx, post.error());
  auto created = d_.api.create_post(ctx.channel, std::move(*post));
  if (!created) turns_.reply_error(ctx, created.error());
}

void MattermostApp::refresh_card(const std::string& post_id, const std::string& case_id,
                                 const std::string& draft_id, std::optional<int> version) {
  auto post = card_post(case_id, draft_id, version);
  if (!post) return spdlog::warn("mattermost: refreshing card: {}", post.error().message);
  auto patched = d_.api.patch_post(post_id, *post);
  if (!patched) spdlog::warn("mattermost: patching card {}: {}", post_id, patched.error().message);
}

void MattermostApp::announce_escalation(const ChatContext& ctx, const Case& c,
                                        const Analysis& analysis) {
  const std::string channel =
      d_.settings.security_channel.empty() ? ctx.channel : d_.settings.security_channel;
  auto posted = d_.api.create_post(
      channel, mm::render_security_post(c.id, c.ticket_ref, analysis.decision.reasons(),
                                        {d_.settings.actions_url(), d_.settings.action_secret}));
  if (!posted) spdlog::warn("mattermost: announcing escalation: {}", posted.error().message);
}

void MattermostApp::run_action(const mm::ActionRequest& click, const CardActionRef& ref) {
  const ChatContext ctx{click.user_id, click.channel_id, ""};
  switch (ref.kind) {
    case CardActionKind::Approve: return approve(ctx, click, ref);
    case CardActionKind::Edit:
    case CardActionKind::Reveal: return open_dialog(ctx, click, ref);
    case CardActionKind::RequestChanges: return turns_.request_changes(ctx, ref);
    case CardActionKind::AcknowledgeSecurity: return turns_.acknowledge_security(ctx, ref.case_id);
  }
}

void MattermostApp::approve(const ChatContext& ctx, const mm::ActionRequest& click,
                            const CardActionRef& ref) {
  auto approval =
      d_.cases.approve(ref.case_id, ref.draft_id, ref.version, ctx.user, ref.content_hash);
  if (!approval) {
    turns_.reply_error(ctx, approval.error());
    // A stale version or a changed hash: show the current card. Anything else (not the lead,
    // security hold) leaves the card as it is.
    auto latest = latest_draft_version(d_.store, ref.case_id, ref.draft_id);
    if (approval.error().code == ErrorCode::FailedPrecondition && latest &&
        (latest->version != ref.version || latest->content_hash != ref.content_hash)) {
      refresh_card(click.post_id, ref.case_id, ref.draft_id);
    }
    return;
  }
  auto c = d_.cases.get_case(ref.case_id);
  if (!c) return turns_.reply_error(ctx, c.error());
  auto sent = d_.cases.send(ref.case_id, ref.draft_id, ref.version, ctx.user,
                            d_.settings.customer_channel, c->ticket_ref);
  if (!sent) turns_.reply_error(ctx, sent.error());
  refresh_card(click.post_id, ref.case_id, ref.draft_id, ref.version);
}

void MattermostApp::open_dialog(const ChatContext& ctx, const mm::ActionRequest& click,
                                const CardActionRef& ref) {
  auto latest = latest_draft_version(d_.store, ref.case_id, ref.draft_id);
  if (!latest) return turns_.reply_error(ctx, latest.error());
  if (ref.kind == CardActionKind::Edit && latest->version != ref.version) {
    reply(ctx, ":no_entry: " + ref.draft_id + " v" + std::to_string(ref.version) +
                   " is not the newest version (v" + std::to_string(latest->version) +
                   "); the card was refreshed.",
          ReplyVisibility::Ephemeral);
    return refresh_card(click.post_id, ref.case_id, ref.draft_id);
  }
  auto c = d_.cases.get_case(ref.case_id);
  if (!c) return turns_.reply_error(ctx, c.error());
  auto card = load_draft_card(d_.store, ref.case_id, ref.draft_id, ref.version,
                              recipient_for(*c, d_.settings.customer_channel));
  if (!card) return turns_.reply_error(ctx, card.error());
  const std::string state = mm::sign_dialog_state({ref, click.post_id, click.channel_id},
                                                  d_.settings.action_secret);
  Result<json> dialog = ref.kind == CardActionKind::Edit
                            ? mm::render_edit_dialog(*card, render_draft_text(*latest), state)
                            : Result<json>(mm::render_reveal_dialog(*card, state));
  if (!dialog) return turns_.reply_error(ctx, dialog.error());
  auto opened = d_.api.open_dialog(click.trigger_id, d_.settings.dialogs_url(), *dialog);
  if (!opened) turns_.reply_error(ctx, opened.error());
}

void MattermostApp::run_dialog(const mm::DialogSubmission& submission,
                               const mm::DialogState& state) {
  const ChatContext ctx{submission.user_id, state.channel_id, ""};
  const CardActionRef& ref = state.ref;
  if (submission.callback_id == mm::kEditCallback && ref.kind == CardActionKind::Edit) {
    auto next = d_.cases.edit_draft(ref.case_id, ref.draft_id,
                                    mm::edited_text_from(submission.submission), ctx.user);
    if (!next) return turns_.reply_error(ctx, next.error());
    if (state.post_id.empty()) return post_card(ctx, ref.case_id, ref.draft_id, next->version);
    return refresh_card(state.post_id, ref.case_id, ref.draft_id, next->version);
  }
  if (submission.callback_id == mm::kRevealCallback && ref.kind == CardActionKind::Reveal) {
    const auto field = [&](std::string_view name) {
      const auto it = submission.submission.find(std::string(name));
      return it == submission.submission.end() ? std::string() : it->second;
    };
    return turns_.reveal(ctx, ref.case_id, field(mm::kPlaceholderElement),
                         field(mm::kReasonElement));
  }
  spdlog::warn("mattermost: dialog {} does not match its signed action", submission.callback_id);
}

}  // namespace ec::app
