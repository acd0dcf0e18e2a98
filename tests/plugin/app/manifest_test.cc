// `manifest slack --base-url`: the output is an app manifest Slack would accept, checked against
// the manifest fields and limits of the reference (node-slack-sdk's manifest types).
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "plugin/app/commands.h"

namespace ec::app {
namespace {

using nlohmann::json;

json slack_manifest(const std::string& base_url) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_manifest("slack", base_url, out, err), 0) << err.str();
  return json::parse(out.str());
}

std::size_t chars(const json& v) {
  std::size_t n = 0;
  for (const unsigned char c : v.get<std::string>()) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(SlackManifest, ValidatesAgainstTheManifestFields) {
  const json m = slack_manifest("https://copilot.example.com/");
  EXPECT_EQ(m["_metadata"]["major_version"], 1);
  const json& info = m["display_information"];
  EXPECT_LE(chars(info["name"]), 35u);
  EXPECT_LE(chars(info["description"]), 140u);
  EXPECT_LE(chars(info["long_description"]), 4000u);
  EXPECT_TRUE(std::regex_match(info["background_color"].get<std::string>(), std::regex("#[0-9a-fA-F]{6}")));
  const json& bot = m["features"]["bot_user"];
  EXPECT_LE(chars(bot["display_name"]), 80u);
  EXPECT_TRUE(std::regex_match(bot["display_name"].get<std::string>(), std::regex("[a-z0-9._-]+")));
  ASSERT_EQ(m["features"]["slash_commands"].size(), 1u);
  const json& cmd = m["features"]["slash_commands"][0];
  EXPECT_EQ(cmd["command"], "/escalation");
  EXPECT_LE(chars(cmd["command"]), 32u);
  EXPECT_EQ(cmd["url"], "https://copilot.example.com/slack/commands");
  EXPECT_LE(chars(cmd["description"]), 2000u);
  EXPECT_LE(chars(cmd["usage_hint"]), 1000u);
  EXPECT_TRUE(cmd["should_escape"].get<bool>());  // mentions arrive as <@U..|name>
  for (const char* sub : {"open", "summary", "evidence", "compare", "questions", "draft",
                          "rewrite", "status", "timeline", "reveal", "help"}) {
    EXPECT_NE(cmd["usage_hint"].get<std::string>().find(sub), std::string::npos) << sub;
  }
  const json& settings = m["settings"];
  EXPECT_TRUE(settings["interactivity"]["is_enabled"].get<bool>());
  EXPECT_EQ(settings["interactivity"]["request_url"], "https://copilot.example.com/slack/interactivity");
  EXPECT_EQ(settings["event_subscriptions"]["request_url"], "https://copilot.example.com/slack/events");
  EXPECT_EQ(settings["event_subscriptions"]["bot_events"], json::array({"app_mention"}));
  EXPECT_FALSE(settings["socket_mode_enabled"].get<bool>());
  // The least scopes the features use, each for a reason (docs/slack.md).
  const std::set<std::string> expected = {"app_mentions:read", "channels:history", "channels:join",
                                          "chat:write", "commands", "groups:history", "groups:write"};
  const auto scopes = m["oauth_config"]["scopes"]["bot"].get<std::set<std::string>>();
  EXPECT_EQ(scopes, expected);
  // Only keys the manifest schema knows at the top level.
  for (const auto& [key, value] : m.items()) {
    EXPECT_TRUE(key == "_metadata" || key == "display_information" || key == "features" ||
                key == "oauth_config" || key == "settings") << key;
  }
}

// `manifest mattermost`: the fields of Mattermost's Command model (POST /api/v4/commands) with
// the service's URLs, and the bot account steps.
TEST(MattermostManifest, PrintsTheSlashCommandAndBotSteps) {
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(run_manifest("mattermost", "https://copilot.example.com/", out, err), 0) << err.str();
  EXPECT_EQ(out.str().find("{{base_url}}"), std::string::npos);
  const json m = json::parse(out.str());
  const json& cmd = m["slash_command"];
  EXPECT_EQ(cmd["trigger"], "escalation");
  EXPECT_EQ(cmd["url"], "https://copilot.example.com/mattermost/commands");
  EXPECT_EQ(cmd["method"], "P");  // model.CommandMethodPost
  EXPECT_TRUE(cmd["auto_complete"].get<bool>());
  EXPECT_NE(cmd["auto_complete_hint"].get<std::string>().find("open <ticket> [@lead]"),
            std::string::npos);
  // Command.IsValid limits: trigger 1..128 without leading slash or spaces, display_name <= 64,
  // description <= 128.
  EXPECT_TRUE(std::regex_match(cmd["trigger"].get<std::string>(), std::regex("[^/ ][^ ]{0,127}")));
  EXPECT_LE(chars(cmd["display_name"]), 64u);
  EXPECT_LE(chars(cmd["description"]), 128u);
  EXPECT_EQ(m["interactive_urls"]["actions"], "https://copilot.example.com/mattermost/actions");
  EXPECT_EQ(m["interactive_urls"]["dialogs"], "https://copilot.example.com/mattermost/dialogs");
  const std::string steps = m["bot_account_steps"].dump();
  for (const char* env : {"MATTERMOST_BOT_TOKEN", "MATTERMOST_COMMAND_TOKEN", "MATTERMOST_ACTION_SECRET"}) {
    EXPECT_NE(steps.find(env), std::string::npos) << env;
  }
}

}  // namespace
}  // namespace ec::app
