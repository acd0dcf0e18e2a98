// ChatTurns: the platform-neutral half of a chat surface (Slack, Mattermost). For a parsed
// /escalation command it finds the case (named, or bound to the channel), runs the turn on
// CaseService and words the result; for a card's button or form it runs the click through the
// same CaseService rules (lead only, exact version, security hold, idempotent approval and
// send). The surface (ChatReplies) only delivers: replies, cards and card refreshes, and the
// channel a new case is worked in. Security escalations are announced through the outbox by
// CaseService, never by a surface.
// Thread-safe: CaseService and the store are; each call works on its own request.
#pragma once

#include <optional>
#include <string>

#include "plugin/app/case_service.h"
#include "plugin/app/config.h"
#include "plugin/core/chat_command.h"
#include "plugin/core/draft_card.h"
#include "plugin/core/store.h"

namespace ec::app {

// The `evidence [source]` reply of every chat surface: one line per evidence item of the stored
// analysis (id, source, time, summary), optionally only one source's.
std::string evidence_lines(const nlohmann::json& analysis, const std::string& source);

enum class ReplyVisibility { Ephemeral, InChannel };

struct ChatContext {
  std::string user;          // platform user id of the caller
  std::string channel;       // where the command or click came from
  std::string response_url;  // where replies to this request may go, if anywhere
  std::string message;       // the clicked card (Slack ts, Mattermost post id); "" for commands
};

// What a platform supplies to ChatTurns. Implementations report their own delivery failures
// (log them); ChatTurns never retries.
class ChatReplies {
 public:
  virtual ~ChatReplies() = default;
  virtual void reply(const ChatContext& ctx, const std::string& text, ReplyVisibility v) = 0;
  // Posts `card` as a new message in ctx.channel.
  virtual void post_card(const ChatContext& ctx, const DraftCard& card) = 0;
  // Shows `card` in place of the clicked card ctx.message (a new message when there is none).
  virtual void refresh_card(const ChatContext& ctx, const DraftCard& card) = 0;
  // The channel a newly opened case is worked in: ctx.channel unless it already works another
  // case (Slack then creates a private channel; Mattermost refuses).
  [[nodiscard]] virtual Result<std::string> escalation_channel(const ChatContext& ctx,
                                                               const Case& c,
                                                               bool channel_taken) = 0;
  // How a user id is written so the platform shows the user ("<@U1>", "@dana").
  virtual std::string mention(const std::string& user) const = 0;
  // How a channel id is written in a reply ("<#C1>"); "" where the platform has no such link.
  virtual std::string channel_link(const std::string& channel) const = 0;
};

struct ChatSurfaceNames {
  std::string platform;          // names channel bindings in the store ("slack")
  std::string command;           // the slash command as users type it ("/escalation")
  std::string customer_channel;  // the outbox channel approved customer updates go to
};

class ChatTurns {
 public:
  // All references must outlive this object.
  ChatTurns(CaseService& cases, Store& store, const Clock& clock, const Config& config,
            ChatReplies& out, ChatSurfaceNames names);
  ChatTurns(const ChatTurns&) = delete;
  ChatTurns& operator=(const ChatTurns&) = delete;

  // Runs one command to completion (slow: call off the request thread).
  void run(const ChatContext& ctx, const ChatCommand& command);

  // Replies with the error; Internal and DataLoss are logged and shown as a generic line.
  void reply_error(const ChatContext& ctx, const Error& error);
  void say(const ChatContext& ctx, const std::string& text,
           ReplyVisibility v = ReplyVisibility::Ephemeral);

  // The card of a draft (newest version unless `version`), with the recipient the Approve
  // confirm dialog names.
  [[nodiscard]] Result<DraftCard> card(const std::string& case_id, const std::string& draft_id,
                                       std::optional<int> version = std::nullopt);
  // What an Edit, Request changes or Reveal form about `ref` shows: the card of its version and
  // the draft's text (placeholders, not values). Edit and Request changes need `ref` to be the
  // newest version; otherwise this says so, refreshes the clicked card and returns nullopt.
  struct DraftForm {
    DraftCard card;
    std::string text;
  };
  [[nodiscard]] std::optional<DraftForm> form_for(const ChatContext& ctx,
                                                  const CardActionRef& ref);

  // A click on Approve & send: approves and sends the exact version, then refreshes the card.
  // A stale version or changed hash refreshes the card too; any other refusal (not the lead,
  // security hold) leaves it as it is.
  void approve(const ChatContext& ctx, const CardActionRef& ref);
  // The edit form's submission: a new version, re-linted; the card shows it.
  void edit(const ChatContext& ctx, const std::string& case_id, const std::string& draft_id,
            const std::string& text);
  // The Request changes form's submission: recorded on the exact version; the card shows it.
  void request_changes(const ChatContext& ctx, const CardActionRef& ref,
                       const std::string& reason);
  // The lead reveals a placeholder (from the command or a form).
  void reveal(const ChatContext& ctx, const std::string& case_id, std::string placeholder,
              const std::string& reason);
  // A click on Acknowledge (security announcement).
  void acknowledge_security(const ChatContext& ctx, const std::string& case_id);

 private:
  [[nodiscard]] Result<std::string> resolve_case(const ChatContext& ctx, const ChatCommand& c);
  // A case never gathered is gathered first (storing the findings approval checks drafts
  // against; an escalation is announced through the outbox) without storing drafts of its own,
  // so the drafting turn that follows makes exactly one version.
  [[nodiscard]] Status ensure_gathered(const ChatContext& ctx, const std::string& case_id);
  void open(const ChatContext& ctx, const ChatCommand& command);
  void evidence(const ChatContext& ctx, const std::string& case_id, const ChatCommand& command);
  void summary(const ChatContext& ctx, const std::string& case_id);
  void compare(const ChatContext& ctx, const std::string& case_id);
  void status(const ChatContext& ctx, const std::string& case_id);
  void timeline(const ChatContext& ctx, const std::string& case_id);
  void questions(const ChatContext& ctx, const std::string& case_id, const ChatCommand& command);
  void draft(const ChatContext& ctx, const std::string& case_id, const ChatCommand& command);
  void rewrite(const ChatContext& ctx, const std::string& case_id, const ChatCommand& command);
  // Posts a drafting turn's card and, when the composer dropped statements or fell back, says
  // so to the caller.
  void show_outcome(const ChatContext& ctx, const std::string& case_id,
                    const DraftOutcome& outcome);
  // Refreshes the clicked card (newest version unless `version`); failures are logged.
  void refresh(const ChatContext& ctx, const std::string& case_id, const std::string& draft_id,
               std::optional<int> version = std::nullopt);

  CaseService& cases_;
  Store& store_;
  const Clock& clock_;
  const Config& config_;
  ChatReplies& out_;
  const ChatSurfaceNames names_;
};

}  // namespace ec::app
