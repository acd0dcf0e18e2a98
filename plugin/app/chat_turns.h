// ChatTurns: the platform-neutral half of a chat surface. For a parsed /escalation command it
// finds the case (named, or bound to the channel), runs the turn on CaseService and words the
// result; the surface (ChatReplies) only delivers: replies, cards, the security notice, and the
// channel a new case is worked in. Every rule is CaseService's and core's.
// Used by the Mattermost surface; Slack's SlackApp still holds its own copy of these turns and
// moves onto this unit once the durable-intake change to slack_app.cc has landed.
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
  std::string user;      // platform user id of the caller
  std::string channel;   // where the command or click came from
  std::string response_url;  // where replies to this request may go, if anywhere
};

// What a platform supplies to ChatTurns. Implementations report their own delivery failures
// (log them); ChatTurns never retries.
class ChatReplies {
 public:
  virtual ~ChatReplies() = default;
  virtual void reply(const ChatContext& ctx, const std::string& text, ReplyVisibility v) = 0;
  // Posts the card of the draft (newest version unless `version`) to ctx.channel.
  virtual void post_card(const ChatContext& ctx, const std::string& case_id,
                         const std::string& draft_id, std::optional<int> version) = 0;
  virtual void announce_escalation(const ChatContext& ctx, const Case& c,
                                   const Analysis& analysis) = 0;
  // The channel a newly opened case is worked in (Slack creates one; others use ctx.channel).
  [[nodiscard]] virtual Result<std::string> escalation_channel(const ChatContext& ctx,
                                                               const Case& c) = 0;
  // How a user id is written so the platform shows the user ("<@U1>", "@dana").
  virtual std::string mention(const std::string& user) const = 0;
};

class ChatTurns {
 public:
  // `platform` names channel bindings in the store ("mattermost"); `command` is the slash
  // command as users type it ("/escalation"). All references must outlive this object.
  ChatTurns(CaseService& cases, Store& store, const Clock& clock, const Config& config,
            ChatReplies& out, std::string platform, std::string command);
  ChatTurns(const ChatTurns&) = delete;
  ChatTurns& operator=(const ChatTurns&) = delete;

  // Runs one command to completion (slow: call off the request thread).
  void run(const ChatContext& ctx, const ChatCommand& command);

  // Replies with the error; Internal and DataLoss are logged and shown as a generic line.
  void reply_error(const ChatContext& ctx, const Error& error);
  // The lead reveals a placeholder (from the command or a dialog).
  void reveal(const ChatContext& ctx, const std::string& case_id, std::string placeholder,
              const std::string& reason);
  // A click on Request changes: says so in the channel.
  void request_changes(const ChatContext& ctx, const CardActionRef& ref);
  // A click on Acknowledge (security notice).
  void acknowledge_security(const ChatContext& ctx, const std::string& case_id);

 private:
  [[nodiscard]] Result<std::string> resolve_case(const ChatContext& ctx, const ChatCommand& c);
  [[nodiscard]] Status ensure_gathered(const ChatContext& ctx, const std::string& case_id);
  void say(const ChatContext& ctx, const std::string& text,
           ReplyVisibility v = ReplyVisibility::Ephemeral);
  void open(const ChatContext& ctx, const ChatCommand& command);
  void evidence(const ChatContext& ctx, const std::string& case_id, const ChatCommand& command);
  void summary(const ChatContext& ctx, const std::string& case_id);
  void compare(const ChatContext& ctx, const std::string& case_id);
  void status(const ChatContext& ctx, const std::string& case_id);
  void timeline(const ChatContext& ctx, const std::string& case_id);
  void questions(const ChatContext& ctx, const std::string& case_id, const ChatCommand& command);
  void draft(const ChatContext& ctx, const std::string& case_id, const ChatCommand& command);
  void rewrite(const ChatContext& ctx, const std::string& case_id, const ChatCommand& command);
  void show_outcome(const ChatContext& ctx, const std::string& case_id,
                    const DraftOutcome& outcome);

  CaseService& cases_;
  Store& store_;
  const Clock& clock_;
  const Config& config_;
  ChatReplies& out_;
  const std::string platform_;
  const std::string command_;
};

}  // namespace ec::app
