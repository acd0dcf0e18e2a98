// The chat command grammar shared by every chat surface (Slack's /escalation, Mattermost's slash
// command, the Zendesk sidebar's command box): parses the text after the command name into a
// typed ChatCommand, with usage errors that tell the user what to type instead. The platform
// layer undoes its own escaping first (Slack turns "<@U1|dana>" into "@U1"). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/result.h"

namespace ec {

enum class CommandVerb {
  Open, Summary, Evidence, Compare, Questions, Draft, Rewrite, CaseStatus, Timeline, Reveal, Help
};
std::string_view command_verb_name(CommandVerb verb);

enum class QuestionAction { List, Add, Answer, Assign };

struct ChatCommand {
  CommandVerb verb = CommandVerb::Help;
  // A case named explicitly ("CASE-48213 status"); empty: the case bound to the channel.
  std::string case_id;
  std::string ticket;          // open
  std::string lead;            // open: user id from "@U123"; empty: the caller leads
  // open: the person under investigation (login, email or IdP id) from "subject <value>";
  // empty: the surface derives it from the ticket (CaseService::subject_for_ticket).
  std::string subject;
  std::string source;          // evidence: one source kind, empty for all
  QuestionAction question_action = QuestionAction::List;
  std::string question_id;     // questions answer|assign
  std::string owner;           // questions add|assign: support|engineering|security
  std::string text;            // questions add|answer: free text
  std::vector<std::string> evidence;  // questions answer: ids from a trailing "[E7, E9]"
  std::string draft_kind;      // draft: "update", "handoff" or "holding" (the holding statement)
  std::string draft_id;        // rewrite
  std::string tone;            // rewrite
  std::string placeholder;     // reveal: "<EMAIL_1>" (angle brackets added when typed bare)
  std::string reason;          // reveal
};

// Grammar of `open`:  open <ticket> [@lead] [subject <login|email|id>]
//   "open 48213", "open 48213 @U0LEAD", "open 48213 subject dario.mq@example.com",
//   "open 48213 @U0LEAD subject dmq". The word "subject" is a keyword in that position only.
// Parses `text` (may be empty: help). InvalidArgument with a message that names the problem and
// the usage line of the subcommand, e.g. "open needs a ticket id. Usage: open <ticket> [@lead]
// [subject <login|email>]".
// An unknown subcommand lists the known ones.
[[nodiscard]] Result<ChatCommand> parse_chat_command(std::string_view text);

// Usage lines for every subcommand, each prefixed with `command` ("/escalation"), one per line.
std::string chat_command_help(std::string_view command);

}  // namespace ec
