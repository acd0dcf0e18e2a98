// The /escalation grammar: every subcommand, explicit case ids, mentions, and usage errors that
// say what to type.
#include "plugin/core/chat_command.h"

#include <gtest/gtest.h>

namespace ec {
namespace {

ChatCommand parse_ok(std::string_view text) {
  auto parsed = parse_chat_command(text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << parsed.error().message;
  return parsed.value_or(ChatCommand{});
}

std::string parse_error(std::string_view text) {
  auto parsed = parse_chat_command(text);
  EXPECT_FALSE(parsed.has_value()) << text;
  if (parsed) return {};
  EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
  return parsed.error().message;
}

TEST(ChatCommand, EmptyTextIsHelp) {
  EXPECT_EQ(parse_ok("").verb, CommandVerb::Help);
  EXPECT_EQ(parse_ok("   ").verb, CommandVerb::Help);
  EXPECT_EQ(parse_ok("help").verb, CommandVerb::Help);
}

TEST(ChatCommand, OpenWithAndWithoutLead) {
  const ChatCommand plain = parse_ok("open 48213");
  EXPECT_EQ(plain.verb, CommandVerb::Open);
  EXPECT_EQ(plain.ticket, "48213");
  EXPECT_EQ(plain.lead, "");
  const ChatCommand led = parse_ok("OPEN ESC-1042 @U07LEAD01");
  EXPECT_EQ(led.ticket, "ESC-1042");
  EXPECT_EQ(led.lead, "U07LEAD01");
  EXPECT_EQ(led.subject, "");
}

TEST(ChatCommand, OpenWithASubject) {
  const ChatCommand named = parse_ok("open 48213 subject dario.mq+x@contractors.example");
  EXPECT_EQ(named.ticket, "48213");
  EXPECT_EQ(named.lead, "");
  EXPECT_EQ(named.subject, "dario.mq+x@contractors.example");
  const ChatCommand both = parse_ok("open 48213 @U07LEAD01 SUBJECT dmq");
  EXPECT_EQ(both.lead, "U07LEAD01");
  EXPECT_EQ(both.subject, "dmq");
  EXPECT_NE(parse_error("open 1 subject").find("subject"), std::string::npos);
  EXPECT_NE(parse_error("open 1 subject a b").find("subject"), std::string::npos);
  EXPECT_NE(parse_error("open 1 subject a/b").find("subject"), std::string::npos);
  EXPECT_NE(parse_error("open 1 @a subject x @b").find("Usage: open"), std::string::npos);
}

TEST(ChatCommand, OpenUsageErrors) {
  EXPECT_NE(parse_error("open").find("Usage: open <ticket> [@lead]"), std::string::npos);
  EXPECT_NE(parse_error("open 1 dana").find("mention"), std::string::npos);
  EXPECT_NE(parse_error("open 1 @a @b").find("only \"subject\""), std::string::npos);
  EXPECT_NE(parse_error("open a/b").find("ticket id"), std::string::npos);
}

TEST(ChatCommand, EverySubcommand) {
  EXPECT_EQ(parse_ok("summary").verb, CommandVerb::Summary);
  EXPECT_EQ(parse_ok("evidence").source, "");
  EXPECT_EQ(parse_ok("evidence Okta").source, "okta");
  EXPECT_EQ(parse_ok("compare").verb, CommandVerb::Compare);
  EXPECT_EQ(parse_ok("questions").question_action, QuestionAction::List);
  const ChatCommand add = parse_ok("questions add security  Was the   link shared?");
  EXPECT_EQ(add.question_action, QuestionAction::Add);
  EXPECT_EQ(add.owner, "security");
  EXPECT_EQ(add.text, "Was the   link shared?");
  const ChatCommand answer = parse_ok("questions answer q2 Yes, at 09:14");
  EXPECT_EQ(answer.question_action, QuestionAction::Answer);
  EXPECT_EQ(answer.question_id, "Q2");
  EXPECT_EQ(answer.text, "Yes, at 09:14");
  EXPECT_TRUE(answer.evidence.empty());
  EXPECT_EQ(parse_ok("questions assign ql3 security").question_id, "QL3");
  const ChatCommand cited = parse_ok("questions answer Q2 Yes, at 09:14 [E7, E9 E12]");
  EXPECT_EQ(cited.text, "Yes, at 09:14");
  EXPECT_EQ(cited.evidence, (std::vector<std::string>{"E7", "E9", "E12"}));
  const ChatCommand assign = parse_ok("questions assign Q3 engineering");
  EXPECT_EQ(assign.question_action, QuestionAction::Assign);
  EXPECT_EQ(assign.owner, "engineering");
  EXPECT_EQ(parse_ok("draft update").draft_kind, "update");
  EXPECT_EQ(parse_ok("draft Handoff").draft_kind, "handoff");
  EXPECT_EQ(parse_ok("draft holding").draft_kind, "holding");
  const ChatCommand rewrite = parse_ok("rewrite D1 plain");
  EXPECT_EQ(rewrite.draft_id, "D1");
  EXPECT_EQ(rewrite.tone, "plain");
  EXPECT_EQ(parse_ok("status").verb, CommandVerb::CaseStatus);
  EXPECT_EQ(parse_ok("timeline").verb, CommandVerb::Timeline);
  const ChatCommand reveal = parse_ok("reveal <EMAIL_1> customer asked which account");
  EXPECT_EQ(reveal.placeholder, "<EMAIL_1>");
  EXPECT_EQ(reveal.reason, "customer asked which account");
  EXPECT_EQ(parse_ok("reveal EMAIL_1 why").placeholder, "<EMAIL_1>");
}

TEST(ChatCommand, ExplicitCaseId) {
  const ChatCommand c = parse_ok("CASE-48213 status");
  EXPECT_EQ(c.case_id, "CASE-48213");
  EXPECT_EQ(c.verb, CommandVerb::CaseStatus);
  const ChatCommand r = parse_ok("CASE-48213 reveal <IP_2> legal hold review");
  EXPECT_EQ(r.reason, "legal hold review");
}

TEST(ChatCommand, UsageErrorsNameTheSubcommand) {
  EXPECT_NE(parse_error("draft").find("Usage: draft update|handoff|holding"), std::string::npos);
  EXPECT_NE(parse_error("draft final").find("update, handoff or holding"), std::string::npos);
  EXPECT_NE(parse_error("rewrite D1").find("Usage: rewrite <draft> <tone>"), std::string::npos);
  EXPECT_NE(parse_error("reveal <EMAIL_1>").find("reason"), std::string::npos);
  EXPECT_NE(parse_error("status now").find("takes no arguments"), std::string::npos);
  EXPECT_NE(parse_error("questions add ceo why").find("owner"), std::string::npos);
  EXPECT_NE(parse_error("questions answer 2 yes").find("Q2"), std::string::npos);
  EXPECT_NE(parse_error("questions answer QL yes").find("Q2"), std::string::npos);
  EXPECT_NE(parse_error("questions answer Q2 yes E7]").find("opening '['"), std::string::npos);
  EXPECT_NE(parse_error("questions answer Q2 yes []").find("names no evidence id"),
            std::string::npos);
  EXPECT_NE(parse_error("questions answer Q2 yes [E7;x]").find("not an evidence id"),
            std::string::npos);
  EXPECT_NE(parse_error("questions answer Q2 [E7]").find("needs the answer text"),
            std::string::npos);
  EXPECT_NE(parse_error("questions assign Q2 ceo").find("one owner"), std::string::npos);
  EXPECT_NE(parse_error("questions close Q1").find("unknown questions action"), std::string::npos);
  EXPECT_NE(parse_error("evidence a b").find("at most one source"), std::string::npos);
}

TEST(ChatCommand, UnknownSubcommandListsTheKnownOnes) {
  const std::string message = parse_error("approve D1");
  EXPECT_NE(message.find("unknown subcommand 'approve'"), std::string::npos);
  EXPECT_NE(message.find("open, summary, evidence"), std::string::npos);
}

TEST(ChatCommand, HelpListsEveryUsageLine) {
  const std::string help = chat_command_help("/escalation");
  for (const char* line : {"/escalation open <ticket> [@lead] [subject <login|email>]",
                           "/escalation summary",
                           "/escalation evidence [source]", "/escalation compare",
                           "/escalation questions", "/escalation draft update|handoff|holding",
                           "/escalation rewrite <draft> <tone>", "/escalation status",
                           "/escalation timeline", "/escalation reveal <placeholder> <reason>",
                           "/escalation help"}) {
    EXPECT_NE(help.find(line), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace ec
