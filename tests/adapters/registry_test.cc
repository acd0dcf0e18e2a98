#include "adapters/registry.h"

#include <gtest/gtest.h>

#include "adapters/okta/config.h"
#include "tests/adapters/adapter_test_util.h"

namespace ec::adapters {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::load_json;
using ec::adapters::testing::scenario_sources;
using ec::testing::scenario_dir;

TEST(Registry, RegistersEveryBuiltinKindOnce) {
  SourceRegistry registry;
  register_builtin_sources(registry);
  EXPECT_EQ(registry.kinds(),
            (std::vector<std::string>{"cloudfront", "cloudtrail", "entra_id", "markdown_dir",
                                      "okta", "product_access_log", "s3_access_log",
                                      "zendesk"}));
  const Status again = okta::register_okta(registry);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::AlreadyExists);
}

TEST(RegistryDeathTest, RegisteringTheBuiltinsTwiceAborts) {
  SourceRegistry registry;
  register_builtin_sources(registry);
  EXPECT_DEATH(register_builtin_sources(registry), "registered twice");
}

TEST(Registry, BuildsEverySourceOfBothScenarioConfigs) {
  SourceRegistry registry;
  register_builtin_sources(registry);
  for (const std::string scenario : {"contractor_after_deprovision", "benign_no_access"}) {
    const nlohmann::json sources = scenario_sources(scenario);
    const auto build = [&](const nlohmann::json& block, const std::string& label) {
      auto built = registry.build(block, context_for(scenario_dir(scenario), label));
      EXPECT_TRUE(built.has_value())
          << scenario << " " << label << ": " << (built ? "" : built.error().to_string());
      return built;
    };
    auto tickets = build(sources["tickets"], "sources.tickets");
    ASSERT_TRUE(tickets.has_value());
    EXPECT_NE(tickets->tickets, nullptr);
    auto identity = build(sources["identity"], "sources.identity");
    ASSERT_TRUE(identity.has_value());
    ASSERT_NE(identity->identity, nullptr);
    auto subject = identity->identity->resolve_subject(
        load_json(scenario_dir(scenario) / "config.json")["case"]["subject"].get<std::string>());
    ASSERT_TRUE(subject.has_value());
    for (auto* built : {&*tickets, &*identity}) {
      EXPECT_TRUE(built->evidence->collect(*subject, TimeWindow{}).has_value());
    }
    EXPECT_TRUE(build(sources["attachments"][0], "sources.attachments[0]").has_value());
    EXPECT_TRUE(build(sources["access"][0], "sources.access[0]").has_value());
    EXPECT_TRUE(build(sources["knowledge"], "sources.knowledge").has_value());
  }
}

TEST(Registry, UnknownKindNamesTheConfigKey) {
  SourceRegistry registry;
  register_builtin_sources(registry);
  auto built = registry.build({{"kind", "gcs_audit_log"}, {"path", "gcs/"}},
                              context_for(scenario_dir(), "sources.attachments[1]"));
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(built.error().message.rfind("sources.attachments[1].kind", 0), 0u);
}

}  // namespace
}  // namespace ec::adapters
