#include "plugin/app/config.h"

#include <gtest/gtest.h>

#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

using ec::testing::TempDir;
using ec::testing::write_file;

TEST(Config, BundledScenarioLoadsWithRelativePaths) {
  auto config = load_config(ec::testing::scenario_dir() / "config.json");
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->case_config->ticket, "48213");
  EXPECT_EQ(config->base_dir, ec::testing::scenario_dir());
  EXPECT_EQ(config->correlation.clock_skew, std::chrono::seconds{120});
}

TEST(Config, EmbeddedDefaultsListenLocallyWithSqliteUnderData) {
  auto config = default_config();
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->listen_host, "127.0.0.1");
  EXPECT_EQ(config->listen_port, 8080);
  EXPECT_EQ(config->database.filename(), "copilot.db");
}

TEST(Config, ErrorsNameTheFileAndTheField) {
  TempDir dir;
  const auto file = dir / "c.json";
  const std::pair<const char*, const char*> cases[] = {
      {R"({"listen": "nope", "sources": {}})", "listen"},
      {R"({"listen": "127.0.0.1:99999", "sources": {}})", "listen"},
      {R"({"database": "postgres://x", "sources": {}})", "database"},
      {R"({"intake_database": 5, "sources": {}})", "intake_database"},
      {R"({"intake_database": "", "sources": {}})", "intake_database"},
      {R"({"database": "a.db", "intake_database": "sqlite:./a.db", "sources": {}})",
       "intake_database"},
      {R"({"case": {"ticket": "1", "subject": "s"}, "sources": {}})", "case.lead"},
      {R"({"correlation": {"clock_skew_seconds": -1}, "sources": {}})",
       "correlation.clock_skew_seconds"},
      {R"({"listen": "127.0.0.1:1"})", "sources"},
      {R"([1, 2])", "top level"},
  };
  for (const auto& [text, field] : cases) {
    write_file(file, text);
    auto config = load_config(file);
    ASSERT_FALSE(config.has_value()) << text;
    EXPECT_EQ(config.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(config.error().message.find(file.string()), std::string::npos) << text;
    EXPECT_NE(config.error().message.find(field), std::string::npos)
        << text << " -> " << config.error().message;
  }
}

TEST(Config, TheHoldingStatementMustMakeNoClaimAboutExposure) {
  // The bundled default passes the same checks approval applies.
  EXPECT_TRUE(copilot::holding_statement_problems(copilot::kDefaultHoldingStatement).empty())
      << copilot::holding_statement_problems(copilot::kDefaultHoldingStatement).front();
  TempDir dir;
  const auto file = dir / "c.json";
  write_file(file, R"({"sources": {}, "holding_statement": "Thanks for ticket {ticket}.\n## Who owns each next step\n- Support will post the next update within a day."})");
  auto good = load_config(file);
  ASSERT_TRUE(good.has_value()) << good.error().message;
  EXPECT_NE(good->holding_statement.find("{ticket}"), std::string::npos);
  for (const char* bad : {
           R"({"sources": {}, "holding_statement": "Thank you. No data was accessed."})",
           R"({"sources": {}, "holding_statement": "Your invoices were never exposed."})",
           R"({"sources": {}, "holding_statement": "We are reviewing it [F1]."})",
           R"({"sources": {}, "holding_statement": "  "})",
           R"({"sources": {}, "holding_statement": 5})"}) {
    write_file(file, bad);
    auto config = load_config(file);
    ASSERT_FALSE(config.has_value()) << bad;
    EXPECT_EQ(config.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(config.error().message.find("holding_statement"), std::string::npos)
        << config.error().message;
  }
}

TEST(Config, DatabaseUrlResolvesAgainstTheConfigFolder) {
  auto path = parse_database_url("sqlite:./data/x.db", "/srv/copilot");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->string(), "/srv/copilot/data/x.db");
  EXPECT_EQ(parse_database_url("sqlite:/abs/y.db", "/srv")->string(), "/abs/y.db");
}

TEST(Config, TheIntakeDatabaseIsDerivedFromTheDatabaseUnlessNamed) {
  TempDir dir;
  const auto file = dir / "c.json";
  write_file(file, R"({"database": "sqlite:./db/cases.db", "sources": {}})");
  auto derived = load_config(file);
  ASSERT_TRUE(derived.has_value()) << derived.error().message;
  EXPECT_TRUE(derived->intake_database.empty());
  EXPECT_EQ(intake_database_path(*derived), (dir / "db" / "cases-intake.db").lexically_normal());
  write_file(file, R"({"database": "sqlite:./db/cases.db", "intake_database": "fast/intake.db",
                      "sources": {}})");
  auto named = load_config(file);
  ASSERT_TRUE(named.has_value()) << named.error().message;
  EXPECT_EQ(intake_database_path(*named), (dir / "fast" / "intake.db").lexically_normal());
  auto defaults = default_config();
  ASSERT_TRUE(defaults.has_value());
  EXPECT_EQ(intake_database_path(*defaults).filename(), "copilot-intake.db");
}

TEST(Config, PolicyRuleFileIsLoadedRelativeToTheConfig) {
  TempDir dir;
  write_file(dir / "rules.json", R"({"version": "acme-3", "rules": [{"id": "any-attempt",
    "description": "d", "severity": "low", "when": {"signal": "attempts"}, "reason": "{count}"}]})");
  write_file(dir / "c.json", R"({"sources": {}, "policy": {"rules": "rules.json"}})");
  auto config = load_config(dir / "c.json");
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->policy.version, "acme-3");
  ASSERT_EQ(config->policy.rules.size(), 1U);
  EXPECT_EQ(config->policy.rules[0].id, "any-attempt");
}

TEST(Config, WithoutAPolicyBlockTheDefaultRulesApply) {
  TempDir dir;
  write_file(dir / "c.json", R"({"sources": {}})");
  auto config = load_config(dir / "c.json");
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->policy.version, default_policy_rules().version);
}

TEST(Config, ABadRuleFileRefusesToLoadNamingFileRuleAndField) {
  TempDir dir;
  write_file(dir / "rules.json", R"({"version": "acme-3", "rules": [{"id": "any-attempt",
    "description": "d", "severity": "low", "when": {"signal": "attempt"}, "reason": "{count}"}]})");
  write_file(dir / "c.json", R"({"sources": {}, "policy": {"rules": "rules.json"}})");
  auto config = load_config(dir / "c.json");
  ASSERT_FALSE(config.has_value());
  EXPECT_NE(config.error().message.find("c.json"), std::string::npos);
  EXPECT_NE(config.error().message.find("rules.json"), std::string::npos);
  EXPECT_NE(config.error().message.find("rule 'any-attempt': when.signal"), std::string::npos)
      << config.error().message;

  write_file(dir / "c2.json", R"({"sources": {}, "policy": {"rules": "missing.json"}})");
  auto missing = load_config(dir / "c2.json");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("policy.rules"), std::string::npos);
}

}  // namespace
}  // namespace ec::app
