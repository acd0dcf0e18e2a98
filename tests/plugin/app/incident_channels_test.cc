// The "pagerduty" and "jira" config blocks: parsed fields, secrets from the environment lookup
// (a missing one disables the channel, never an unauthenticated mode), and errors naming the field.
#include "plugin/app/incident_channels.h"

#include <gtest/gtest.h>

#include <map>

#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

class NullHttp final : public HttpClient {
 public:
  Result<HttpResponse> send(const HttpRequest&) override {
    return make_error(ErrorCode::Unavailable, "not used");
  }
};

Config config_with(const nlohmann::json& raw) {
  Config config;
  config.file = "/etc/copilot/config.json";
  config.raw = raw;
  return config;
}

SecretLookup secrets(std::map<std::string, std::string, std::less<>> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

const nlohmann::json kJira = {{"base_url", "https://acme.atlassian.net"},
                              {"email", "sec-bot@acme.example"},
                              {"project", "SEC"},
                              {"issue_type", "Incident"},
                              {"labels", {"escalation", "customer-data"}},
                              {"priority", {{"critical", "P1"}}}};

TEST(IncidentChannelsConfig, ParsesBothBlocksWithSecretsFromTheEnvironment) {
  const auto config = config_with({{"pagerduty", {{"component", "s3://support-attachments"},
                                                  {"routing_key_env", "PD_KEY"}}},
                                   {"jira", kJira}});
  const auto lookup = secrets({{"PD_KEY", "routing-key"}, {"JIRA_API_TOKEN", "jira-token"}});
  auto pd = pagerduty_config(config, lookup);
  ASSERT_TRUE(pd.has_value()) << pd.error().message;
  ASSERT_TRUE(pd->has_value());
  EXPECT_EQ((*pd)->routing_key, "routing-key");
  EXPECT_EQ((*pd)->component, "s3://support-attachments");
  EXPECT_EQ((*pd)->events_url, "https://events.pagerduty.com/v2/enqueue");
  auto jira = jira_config(config, lookup);
  ASSERT_TRUE(jira.has_value()) << jira.error().message;
  ASSERT_TRUE(jira->has_value());
  EXPECT_EQ((*jira)->api_token, "jira-token");
  EXPECT_EQ((*jira)->project_key, "SEC");
  EXPECT_EQ((*jira)->labels, (std::vector<std::string>{"escalation", "customer-data"}));
  EXPECT_EQ((*jira)->priority_by_severity.at("critical"), "P1");
  EXPECT_EQ((*jira)->priority_by_severity.at("high"), "High");

  NullHttp http;
  ec::testing::FakeClock clock(make_utc(2025, 1, 1, 0, 0, 0));
  auto channels = build_incident_channels(config, http, clock, lookup);
  ASSERT_TRUE(channels.has_value());
  ASSERT_EQ(channels->size(), 2U);
  EXPECT_EQ((*channels)[0]->name(), "pagerduty");
  EXPECT_EQ((*channels)[1]->name(), "jira");
}

TEST(IncidentChannelsConfig, AMissingSecretDisablesTheChannel) {
  const auto config = config_with({{"pagerduty", nlohmann::json::object()}, {"jira", kJira}});
  NullHttp http;
  ec::testing::FakeClock clock(make_utc(2025, 1, 1, 0, 0, 0));
  auto channels = build_incident_channels(config, http, clock, secrets({}));
  ASSERT_TRUE(channels.has_value());
  EXPECT_TRUE(channels->empty());
}

TEST(IncidentChannelsConfig, AbsentBlocksBuildNothing) {
  NullHttp http;
  ec::testing::FakeClock clock(make_utc(2025, 1, 1, 0, 0, 0));
  auto channels = build_incident_channels(config_with(nlohmann::json::object()), http, clock,
                                          secrets({{"PAGERDUTY_ROUTING_KEY", "k"}}));
  ASSERT_TRUE(channels.has_value());
  EXPECT_TRUE(channels->empty());
}

TEST(IncidentChannelsConfig, MalformedBlocksNameTheFileAndField) {
  const auto lookup = secrets({{"PAGERDUTY_ROUTING_KEY", "k"}, {"JIRA_API_TOKEN", "t"}});
  const std::pair<nlohmann::json, const char*> cases[] = {
      {{{"pagerduty", "yes"}}, "pagerduty"},
      {{{"pagerduty", {{"events_url", 5}}}}, "pagerduty.events_url"},
      {{{"jira", {{"base_url", "https://x"}, {"email", "a@b"}}}}, "jira.project"},
      {{{"jira", {{"base_url", "https://x"}, {"email", "a@b"}, {"project", "S"},
                  {"labels", {"has space"}}}}},
       "jira.labels"},
      {{{"jira", {{"base_url", "https://x"}, {"email", "a@b"}, {"project", "S"},
                  {"priority", {{"urgent", "P1"}}}}}},
       "jira.priority.urgent"},
  };
  NullHttp http;
  ec::testing::FakeClock clock(make_utc(2025, 1, 1, 0, 0, 0));
  for (const auto& [raw, field] : cases) {
    auto built = build_incident_channels(config_with(raw), http, clock, lookup);
    ASSERT_FALSE(built.has_value()) << raw.dump();
    EXPECT_EQ(built.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(built.error().message.find("/etc/copilot/config.json"), std::string::npos);
    EXPECT_NE(built.error().message.find(field), std::string::npos) << built.error().message;
  }
}

}  // namespace
}  // namespace ec::app
