#include "plugin/app/mattermost_app.h"

#include <spdlog/spdlog.h>

#include "plugin/platforms/mattermost/attachments.h"

namespace ec::app {
namespace {

using nlohmann::json;
namespace mm = platforms::mattermost;

}  // namespace

MattermostApp::MattermostApp(MattermostAppDeps deps)
    : d_(deps),
      turns_(deps.cases, deps.store, deps.clock, deps.config, *this,
             {kMattermostPlatform, deps.settings.command, deps.settings.customer_channel}) {}

void MattermostApp::run_command(const mm::SlashCommand& slash, const ChatCommand& command) {
  turns_.run({slash.user_id, slash.channel_id, slash.response_url, ""}, command);
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

Result<std::string> MattermostApp::escalation_channel(const ChatContext& ctx, const Case& c,
                                                      bool channel_taken) {
  if (channel_taken) {
    return make_error(ErrorCode::FailedPrecondition,
                      "this channel already works another case; open " + c.ticket_ref +
                          " from a channel of its own");
  }
  return ctx.channel;
}

json MattermostApp::card_post(const DraftCard& card) const {
  return mm::render_card_post(card, {d_.settings.actions_url(), d_.settings.action_secret},
                              d_.settings.command + " " + card.case_id + " status");
}

void MattermostApp::post_card(const ChatContext& ctx, const DraftCard& card) {
  auto created = d_.api.create_post(ctx.channel, card_post(card));
  if (!created) turns_.reply_error(ctx, created.error());
}

void MattermostApp::refresh_card(const ChatContext& ctx, const DraftCard& card) {
  if (ctx.message.empty()) return post_card(ctx, card);
  auto patched = d_.api.patch_post(ctx.message, card_post(card));
  if (!patched) spdlog::warn("mattermost: patching card {}: {}", ctx.message, patched.error().message);
}

void MattermostApp::run_action(const mm::ActionRequest& click, const CardActionRef& ref) {
  const ChatContext ctx{click.user_id, click.channel_id, "", click.post_id};
  switch (ref.kind) {
    case CardActionKind::Approve: return turns_.approve(ctx, ref);
    case CardActionKind::Edit:
    case CardActionKind::RequestChanges:
    case CardActionKind::Reveal: return open_dialog(ctx, click, ref);
    case CardActionKind::AcknowledgeSecurity: return turns_.acknowledge_security(ctx, ref.case_id);
  }
}

void MattermostApp::open_dialog(const ChatContext& ctx, const mm::ActionRequest& click,
                                const CardActionRef& ref) {
  auto form = turns_.form_for(ctx, ref);
  if (!form) return;
  const std::string state = mm::sign_dialog_state({ref, click.post_id, click.channel_id},
                                                  d_.settings.action_secret);
  Result<json> dialog =
      ref.kind == CardActionKind::Edit ? mm::render_edit_dialog(form->card, form->text, state)
      : ref.kind == CardActionKind::RequestChanges
          ? Result<json>(mm::render_request_changes_dialog(form->card, state))
          : Result<json>(mm::render_reveal_dialog(form->card, state));
  if (!dialog) return turns_.reply_error(ctx, dialog.error());
  auto opened = d_.api.open_dialog(click.trigger_id, d_.settings.dialogs_url(), *dialog);
  if (!opened) turns_.reply_error(ctx, opened.error());
}

void MattermostApp::run_dialog(const mm::DialogSubmission& submission,
                               const mm::DialogState& state) {
  const ChatContext ctx{submission.user_id, state.channel_id, "", state.post_id};
  const CardActionRef& ref = state.ref;
  const auto field = [&](std::string_view name) {
    const auto it = submission.submission.find(std::string(name));
    return it == submission.submission.end() ? std::string() : it->second;
  };
  if (submission.callback_id == mm::kEditCallback && ref.kind == CardActionKind::Edit) {
    return turns_.edit(ctx, ref.case_id, ref.draft_id, mm::edited_text_from(submission.submission));
  }
  if (submission.callback_id == mm::kRequestChangesCallback &&
      ref.kind == CardActionKind::RequestChanges) {
    return turns_.request_changes(ctx, ref, field(mm::kReasonElement));
  }
  if (submission.callback_id == mm::kRevealCallback && ref.kind == CardActionKind::Reveal) {
    return turns_.reveal(ctx, ref.case_id, field(mm::kPlaceholderElement),
                         field(mm::kReasonElement));
  }
  spdlog::warn("mattermost: dialog {} does not match its signed action", submission.callback_id);
}

}  // namespace ec::app
