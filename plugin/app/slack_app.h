// SlackApp: runs the turn behind each Slack request, off the request thread (the routes in
// slack_routes.cc verify, parse, store the intake job and ack; slack_jobs.cc hands each job
// here). Commands and clicks go to the shared ChatTurns; this unit is the Slack side of
// ChatReplies: replies through SlackResponder (response_url while it has uses, else the Web
// API), cards with chat.postMessage, card refreshes with chat.update (or response_url with
// replace_original), a private channel per case with conversations.create, modals with
// views.open. Every rule is CaseService's and core's, checked at click time; the button's value
// only names what was clicked.
// Thread-safe: CaseService, the store and the Web API client are; each call works on its request.
#pragma once

#include <string>

#include "plugin/app/case_service.h"
#include "plugin/app/chat_turns.h"
#include "plugin/app/config.h"
#include "plugin/app/slack_responder.h"
#include "plugin/app/slack_settings.h"
#include "plugin/core/chat_command.h"
#include "plugin/core/draft_card.h"
#include "plugin/core/store.h"
#include "plugin/delivery/slack_web_api.h"
#include "plugin/platforms/slack/slack_inbound.h"

namespace ec::app {

inline constexpr char kSlackPlatform[] = "slack";

struct SlackAppDeps {
  CaseService& cases;
  Store& store;
  delivery::SlackWebApi& api;
  SlackResponder& responder;
  const Clock& clock;
  const Config& config;
  const SlackSettings& settings;
};

class SlackApp final : public ChatReplies {
 public:
  explicit SlackApp(SlackAppDeps deps);
  SlackApp(const SlackApp&) = delete;
  SlackApp& operator=(const SlackApp&) = delete;

  void run_command(const platforms::slack::SlashCommand& slash, const ChatCommand& command);
  void run_block_actions(const platforms::slack::BlockActions& actions);
  void run_view_submission(const platforms::slack::ViewSubmission& view);
  void run_event(const platforms::slack::EventCallback& event);

  // ChatReplies
  void reply(const ChatContext& ctx, const std::string& text, ReplyVisibility v) override;
  void post_card(const ChatContext& ctx, const DraftCard& card) override;
  void refresh_card(const ChatContext& ctx, const DraftCard& card) override;
  [[nodiscard]] Result<std::string> escalation_channel(const ChatContext& ctx, const Case& c,
                                                       bool channel_taken) override;
  std::string mention(const std::string& user) const override { return "<@" + user + ">"; }
  std::string channel_link(const std::string& channel) const override {
    return "<#" + channel + ">";
  }

 private:
  // Opens the Edit, Request changes or Reveal modal for a click.
  void open_modal(const ChatContext& ctx, const platforms::slack::BlockActions& click,
                  const CardActionRef& ref);
  nlohmann::json card_message(const DraftCard& card) const;

  SlackAppDeps d_;
  ChatTurns turns_;
};

}  // namespace ec::app
