// MattermostApp: runs the turn behind each Mattermost request, off the request thread (the
// routes in mattermost_routes.cc verify, parse, enqueue and ack). Commands go to the shared
// ChatTurns, and so do the button clicks and dialog submissions; this unit is the Mattermost
// side of ChatReplies (replies through the command's response_url while it has uses left, else
// a bot post or an ephemeral post; cards as posts with attachments; card updates with
// PUT /api/v4/posts/{id}/patch) and opens the dialogs. Every rule (lead only, exact version,
// security hold, idempotent approval and send) is CaseService's and core's, checked at click
// time; the signed context only names what was clicked.
// Thread-safe: CaseService, the store and the API client are; each call works on its request.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "plugin/app/case_service.h"
#include "plugin/app/chat_turns.h"
#include "plugin/app/config.h"
#include "plugin/app/mattermost_settings.h"
#include "plugin/app/response_url_budget.h"
#include "plugin/core/chat_command.h"
#include "plugin/core/draft_card.h"
#include "plugin/core/store.h"
#include "plugin/delivery/mattermost_api.h"
#include "plugin/platforms/mattermost/action_context.h"
#include "plugin/platforms/mattermost/mattermost_inbound.h"

namespace ec::app {

inline constexpr char kMattermostPlatform[] = "mattermost";

struct MattermostAppDeps {
  CaseService& cases;
  Store& store;
  delivery::MattermostApi& api;
  ResponseUrlBudget& budget;
  const Clock& clock;
  const Config& config;
  const MattermostSettings& settings;
};

class MattermostApp final : public ChatReplies {
 public:
  explicit MattermostApp(MattermostAppDeps deps);
  MattermostApp(const MattermostApp&) = delete;
  MattermostApp& operator=(const MattermostApp&) = delete;

  void run_command(const platforms::mattermost::SlashCommand& slash, const ChatCommand& command);
  // A click whose context signature the route verified; `ref` is what it names.
  void run_action(const platforms::mattermost::ActionRequest& click, const CardActionRef& ref);
  // A dialog submission whose state signature the route verified.
  void run_dialog(const platforms::mattermost::DialogSubmission& submission,
                  const platforms::mattermost::DialogState& state);

  // ChatReplies
  void reply(const ChatContext& ctx, const std::string& text, ReplyVisibility v) override;
  void post_card(const ChatContext& ctx, const DraftCard& card) override;
  void refresh_card(const ChatContext& ctx, const DraftCard& card) override;
  [[nodiscard]] Result<std::string> escalation_channel(const ChatContext& ctx, const Case& c,
                                                       bool channel_taken) override;
  std::string mention(const std::string& user) const override;
  std::string channel_link(const std::string&) const override { return ""; }

 private:
  nlohmann::json card_post(const DraftCard& card) const;
  // Opens the Edit, Request changes or Reveal dialog for a click.
  void open_dialog(const ChatContext& ctx, const platforms::mattermost::ActionRequest& click,
                   const CardActionRef& ref);

  MattermostAppDeps d_;
  ChatTurns turns_;
};

}  // namespace ec::app
