// The "mattermost" config block: off without it, off (with the variable named) without a
// secret, and errors naming the file and field for malformed values.
#include <gtest/gtest.h>

#include <map>

#include "plugin/app/mattermost_settings.h"

namespace ec::app {
namespace {

using nlohmann::json;

Config config_with(const json& block) {
  Config c;
  c.file = "/etc/ec/config.json";
  c.base_dir = "/etc/ec";
  c.raw = {{"mattermost", block}};
  return c;
}

SecretLookup secrets(std::map<std::string, std::string> values) {
  return [values](std::string_view name) -> std::optional<std::string> {
    const auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

const json kBlock = {{"api_base_url", "https://chat.example.com/"},
                     {"public_base_url", "https://copilot.example.com"},
                     {"ca_file", "certs/ca.pem"}};
const std::map<std::string, std::string> kAll = {
    {"MATTERMOST_COMMAND_TOKEN", "cmdtoken"},
    {"MATTERMOST_BOT_TOKEN", "bottoken"},
    {"MATTERMOST_ACTION_SECRET", "0123456789abcdef0123"}};

TEST(MattermostSettings, EnabledWithTheBlockAndAllThreeSecrets) {
  auto s = load_mattermost_settings(config_with(kBlock), secrets(kAll));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_TRUE(s->enabled);
  EXPECT_EQ(s->api_base_url, "https://chat.example.com");
  EXPECT_EQ(s->actions_url(), "https://copilot.example.com/mattermost/actions");
  EXPECT_EQ(s->dialogs_url(), "https://copilot.example.com/mattermost/dialogs");
  EXPECT_EQ(s->response_url_prefix(), "https://chat.example.com/hooks/commands/");
  EXPECT_EQ(s->ca_file, "/etc/ec/certs/ca.pem");
  EXPECT_EQ(s->bot_token, "bottoken");
}

TEST(MattermostSettings, DisabledWithoutTheBlockOrASecretNamingWhy) {
  Config none;
  auto off = load_mattermost_settings(none, secrets(kAll));
  ASSERT_TRUE(off);
  EXPECT_FALSE(off->enabled);
  EXPECT_NE(off->disabled_reason.find("no \"mattermost\" block"), std::string::npos);
  for (const char* missing :
       {"MATTERMOST_COMMAND_TOKEN", "MATTERMOST_BOT_TOKEN", "MATTERMOST_ACTION_SECRET"}) {
    auto partial = kAll;
    partial.erase(missing);
    auto s = load_mattermost_settings(config_with(kBlock), secrets(partial));
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->enabled);
    EXPECT_NE(s->disabled_reason.find(missing), std::string::npos) << s->disabled_reason;
    EXPECT_EQ(s->disabled_reason.find("bottoken"), std::string::npos);
  }
  auto weak = kAll;
  weak["MATTERMOST_ACTION_SECRET"] = "short";
  EXPECT_FALSE(load_mattermost_settings(config_with(kBlock), secrets(weak))->enabled);
  json renamed = kBlock;
  renamed["bot_token_env"] = "MM_BOT";
  auto other = kAll;
  other["MM_BOT"] = other["MATTERMOST_BOT_TOKEN"];
  other.erase("MATTERMOST_BOT_TOKEN");
  EXPECT_TRUE(load_mattermost_settings(config_with(renamed), secrets(other))->enabled);
}

TEST(MattermostSettings, MalformedValuesNameFileAndField) {
  const auto error_for = [](json block) {
    auto s = load_mattermost_settings(config_with(block), secrets(kAll));
    return s ? std::string() : s.error().message;
  };
  json no_public = kBlock;
  no_public.erase("public_base_url");
  EXPECT_EQ(error_for(no_public),
            "/etc/ec/config.json: mattermost.public_base_url: missing (expected an https:// URL)");
  json plain_http = kBlock;
  plain_http["api_base_url"] = "http://chat.example.com";
  EXPECT_EQ(error_for(plain_http),
            "/etc/ec/config.json: mattermost.api_base_url: expected an https:// URL");
  json workers = kBlock;
  workers["workers"] = 0;
  EXPECT_EQ(error_for(workers),
            "/etc/ec/config.json: mattermost.workers: expected an integer in 1..64");
  json nice = kBlock;
  nice["worker_nice"] = 20;
  EXPECT_EQ(error_for(nice),
            "/etc/ec/config.json: mattermost.worker_nice: expected an integer in 0..19");
  json command = kBlock;
  command["command"] = "escalation";
  EXPECT_NE(error_for(command).find("mattermost.command"), std::string::npos);
  EXPECT_EQ(error_for(json::array()), "/etc/ec/config.json: mattermost: expected an object");
}

}  // namespace
}  // namespace ec::app
