// SlackApp: runs the turn behind each Slack request, off the request thread (the routes in
// slack_routes.cc verify, parse, enqueue and ack). It finds the case (named in the command or
// bound to the channel), calls CaseService, and posts the result: replies through
// SlackResponder, cards with chat.postMessage / chat.update (or response_url with
// replace_original), modals with views.open. Every rule (lead only, exact version, security
// hold, idempotent approval and send) is CaseService's and core's, checked at click time; the
// button's value only names what was clicked.
// Thread-safe: CaseService and the store are; each call works on its own request.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "plugin/app/case_service.h"
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

class SlackApp {
 public:
  explicit SlackApp(SlackAppDeps deps) : d_(deps) {}
  SlackApp(const SlackApp&) = delete;
  SlackApp& operator=(const SlackApp&) = delete;

  void run_command(const platforms::slack::SlashCommand& slash, const ChatCommand& command);
  void run_block_actions(const platforms::slack::BlockActions& actions);
  void run_view_submission(const platforms::slack::ViewSubmission& view);
  void run_event(const platforms::slack::EventCallback& event);

 private:
  struct Ctx {
    SlackReplyTarget target;
    std::string user;
    std::string channel;
  };

  void reply_text(const Ctx& ctx, const std::string& text, bool in_channel = false);
  void reply_error(const Ctx& ctx, const Error& error);
  [[nodiscard]] Result<std::string> resolve_case(const Ctx& ctx, const ChatCommand& command);

  void open(const Ctx& ctx, const ChatCommand& command);
  // `evidence`: gathers (CaseService enqueues the announcement of a new security escalation)
  // and lists the stored evidence.
  void evidence(const Ctx& ctx, const std::string& case_id, const ChatCommand& command);
  void summary(const Ctx& ctx, const std::string& case_id);
  void compare(const Ctx& ctx, const std::string& case_id);
  void status(const Ctx& ctx, const std::string& case_id);
  void timeline(const Ctx& ctx, const std::string& case_id);
  void questions(const Ctx& ctx, const std::string& case_id, const ChatCommand& command);
  // A case never gathered is gathered first (storing the findings approval checks drafts
  // against; an escalation is announced through the outbox) without storing drafts of its own, so
  // the first `draft update` makes exactly one version; later drafts use the stored findings.
  [[nodiscard]] Status ensure_gathered(const Ctx& ctx, const std::string& case_id);
  void draft(const Ctx& ctx, const std::string& case_id, const ChatCommand& command);
  void rewrite(const Ctx& ctx, const std::string& case_id, const ChatCommand& command);
  void reveal(const Ctx& ctx, const std::string& case_id, const ChatCommand& command);
  // Posts a drafting turn's card and, when the composer dropped statements or fell back, says
  // so to the caller.
  void show_outcome(const Ctx& ctx, const std::string& case_id, const DraftOutcome& outcome);

  // Posts the card of the draft (newest version unless `version`) to the channel.
  void post_card(const Ctx& ctx, const std::string& case_id, const std::string& draft_id,
                 std::optional<int> version = std::nullopt);
  // Re-renders the card (newest version unless `version`) in place of the clicked message.
  void refresh_card(const platforms::slack::BlockActions& click, const std::string& case_id,
                    const std::string& draft_id, std::optional<int> version = std::nullopt);

  void approve(const Ctx& ctx, const platforms::slack::BlockActions& click,
               const CardActionRef& ref);
  void open_modal(const Ctx& ctx, const platforms::slack::BlockActions& click,
                  const CardActionRef& ref);
  [[nodiscard]] Result<nlohmann::json> card_message(const std::string& case_id,
                                                    const std::string& draft_id,
                                                    std::optional<int> version);

  SlackAppDeps d_;
};

}  // namespace ec::app
