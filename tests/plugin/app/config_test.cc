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

TEST(Config, DatabaseUrlResolvesAgainstTheConfigFolder) {
  auto path = parse_database_url("sqlite:./data/x.db", "/srv/copilot");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->string(), "/srv/copilot/data/x.db");
  EXPECT_EQ(parse_database_url("sqlite:/abs/y.db", "/srv")->string(), "/abs/y.db");
}

}  // namespace
}  // namespace ec::app
