// Parsing Slack's inbound payloads after verification: commands, interactivity, events, and the
// malformed inputs that must become InvalidArgument (400) instead of exceptions.
#include "plugin/platforms/slack/slack_inbound.h"

#include <gtest/gtest.h>

#include <variant>

namespace ec::platforms::slack {
namespace {

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

TEST(SlackInbound, SlashCommandFieldsAndUnescapedText) {
  const std::string body =
      "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T04Q3KX9A&team_domain=acme-support"
      "&channel_id=C05ESC4L8&channel_name=support-escalations&user_id=U07LEAD01&user_name=dana"
      "&command=%2Fescalation&text=open+48213+%3C%40U07LEAD01%7Cdana%3E+%26lt%3BEMAIL_1%26gt%3B"
      "&api_app_id=A06BOT123&is_enterprise_install=false"
      "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT04Q3KX9A%2F7712345678%2FqL9x"
      "&trigger_id=7712345678.4155556677.8e3c";
  auto cmd = parse_slash_command(body);
  ASSERT_TRUE(cmd.has_value()) << cmd.error().message;
  EXPECT_EQ(cmd->channel_id, "C05ESC4L8");
  EXPECT_EQ(cmd->user_id, "U07LEAD01");
  EXPECT_EQ(cmd->command, "/escalation");
  EXPECT_EQ(cmd->text, "open 48213 @U07LEAD01 <EMAIL_1>");
  EXPECT_EQ(cmd->response_url, "https://hooks.slack.com/commands/T04Q3KX9A/7712345678/qL9x");
}

TEST(SlackInbound, SlashCommandMissingFields) {
  for (const char* body : {"user_id=U1&command=%2Fe", "channel_id=C1&command=%2Fe",
                           "channel_id=C1&user_id=U1", "channel_id=&user_id=U1&command=%2Fe",
                           "channel_id=C1&user_id=U1&command=%zz",
                           "channel_id=C1&user_id=U1&command="}) {
    auto cmd = parse_slash_command(body);
    ASSERT_FALSE(cmd.has_value()) << body;
    EXPECT_EQ(cmd.error().code, ErrorCode::InvalidArgument);
  }
}

TEST(SlackInbound, UnescapeCommandText) {
  EXPECT_EQ(unescape_command_text("<@U1|dana> <@U2> <#C1|general> <https://x.example|x> <!here>"),
            "@U1 @U2 #C1 https://x.example @here");
  EXPECT_EQ(unescape_command_text("a &amp;lt; b &lt;c&gt;"), "a &lt; b <c>");
  EXPECT_EQ(escape_text("<EMAIL_1> & co"), "&lt;EMAIL_1&gt; &amp; co");
}

TEST(SlackInbound, BlockActions) {
  const std::string payload = R"({"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},
    "channel":{"id":"C1"},"container":{"type":"message","message_ts":"1767225611.004200","channel_id":"C1"},
    "response_url":"https://hooks.slack.com/actions/T1/1/x","trigger_id":"tr",
    "actions":[{"type":"button","action_id":"ec_approve","block_id":"b","value":"v","action_ts":"1767225640.1"}]})";
  auto parsed = parse_interaction("payload=" + url_encode(payload));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const auto& a = std::get<BlockActions>(*parsed);
  EXPECT_EQ(a.user_id, "U1");
  EXPECT_EQ(a.channel_id, "C1");
  EXPECT_EQ(a.message_ts, "1767225611.004200");
  ASSERT_EQ(a.actions.size(), 1u);
  EXPECT_EQ(a.actions[0].action_id, "ec_approve");
  EXPECT_EQ(a.actions[0].value, "v");
  EXPECT_NE(a.delivery_key().find("1767225640.1"), std::string::npos);
}

TEST(SlackInbound, ViewSubmissionAndClosed) {
  const std::string payload = R"({"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},
    "view":{"id":"V1","hash":"h1","callback_id":"ec_edit_draft","private_metadata":"{\"case\":\"CASE-1\"}",
      "state":{"values":{"draft_text_0":{"text":{"type":"plain_text_input","value":"Hello"}},
                         "sev":{"pick":{"type":"static_select","selected_option":{"value":"x"}}}}}}})";
  auto parsed = parse_interaction("payload=" + url_encode(payload));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const auto& v = std::get<ViewSubmission>(*parsed);
  EXPECT_EQ(v.view_id, "V1");
  EXPECT_EQ(v.callback_id, "ec_edit_draft");
  EXPECT_EQ(v.values.at("draft_text_0.text"), "Hello");
  EXPECT_EQ(v.values.count("sev.pick"), 0u);
  auto closed = parse_interaction(
      "payload=" + url_encode(R"({"type":"view_closed","user":{"id":"U1"},"view":{"callback_id":"c"}})"));
  ASSERT_TRUE(closed.has_value());
  EXPECT_TRUE(std::holds_alternative<ViewClosed>(*closed));
}

TEST(SlackInbound, MalformedInteractionsAreInvalidArgument) {
  const std::string deep(10000, '[');
  for (const std::string& body :
       {std::string("nopayload=1"), std::string("payload=%7Bnot+json"), "payload=" + deep,
        std::string("payload=%5B1%5D"), "payload=" + url_encode(R"({"type":"block_actions","user":{"id":"U1"}})"),
        "payload=" + url_encode(R"({"type":"shortcut","user":{"id":"U1"}})"),
        "payload=" + url_encode(R"({"type":"block_actions","actions":[{"action_id":"a"}]})")}) {
    auto parsed = parse_interaction(body);
    ASSERT_FALSE(parsed.has_value()) << body.substr(0, 80);
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
  }
}

TEST(SlackInbound, Events) {
  auto challenge = parse_event(R"({"token":"t","challenge":"3eZbrw1aB","type":"url_verification"})");
  ASSERT_TRUE(challenge.has_value());
  EXPECT_EQ(std::get<UrlVerification>(*challenge).challenge, "3eZbrw1aB");
  auto callback = parse_event(
      R"({"type":"event_callback","team_id":"T1","event_id":"Ev08MFMKH6","event":{"type":"app_mention","channel":"C1"}})");
  ASSERT_TRUE(callback.has_value());
  EXPECT_EQ(std::get<EventCallback>(*callback).event_id, "Ev08MFMKH6");
  EXPECT_EQ(std::get<EventCallback>(*callback).type, "app_mention");
  for (const char* bad : {"", "{", "[]", R"({"type":"url_verification"})",
                          R"({"type":"event_callback","event":{}})",
                          R"({"type":"event_callback","event_id":"E1"})", R"({"type":"app_rate_limited"})"}) {
    auto parsed = parse_event(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
  }
}

TEST(SlackInbound, SslCheck) {
  EXPECT_TRUE(is_ssl_check("ssl_check=1&token=x"));
  EXPECT_FALSE(is_ssl_check("ssl_check=0"));
  EXPECT_FALSE(is_ssl_check("text=ssl_check%3D1"));
}

}  // namespace
}  // namespace ec::platforms::slack
