// The "zendesk_sidebar" config block: a good block enables the sidebar with the key and lead
// mapping; a missing block leaves it off; bad values refuse to start naming the key.
#include "plugin/app/zendesk_sidebar_settings.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/fakes/temp_dir.h"
#include "tests/fakes/test_jwt.h"

namespace ec::app {
namespace {

using nlohmann::json;

class ZendeskSidebarSettingsTest : public ::testing::Test {
 protected:
  ZendeskSidebarSettingsTest() {
    std::ofstream(dir_ / "app.pem") << key_.public_pem();
    std::ofstream(dir_ / "not_a_key.pem") << "hello\n";
    config_.file = dir_ / "config.json";
    config_.base_dir = dir_.path();
  }
  Result<ZendeskSidebarSettings> load(const json& block) {
    config_.raw = {{"zendesk_sidebar", block}};
    return load_zendesk_sidebar_settings(config_);
  }
  json good() const {
    return {{"public_key", "app.pem"}, {"issuer", "acme.zendesk.com"},
            {"audience", "https://acme.zendesk.com/api/v2/apps/installations/1.json"},
            {"leads", {{"acme.zendesk.com/users/1", "U0LEAD"}}}, {"session_ttl_seconds", 900}};
  }
  void expect_error(const json& block, const std::string& field) {
    auto r = load(block);
    ASSERT_FALSE(r.has_value()) << block.dump();
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(r.error().message.find("zendesk_sidebar." + field), std::string::npos)
        << r.error().message;
  }

  testing::TempDir dir_;
  testing::TestRsaKey key_;
  Config config_;
};

TEST_F(ZendeskSidebarSettingsTest, AGoodBlockEnablesTheSidebar) {
  auto s = load(good());
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_TRUE(s->enabled);
  EXPECT_NE(s->public_key, nullptr);
  EXPECT_EQ(s->expect.issuer, "acme.zendesk.com");
  EXPECT_EQ(s->session_ttl, std::chrono::seconds(900));
  EXPECT_EQ(s->expect.leeway, std::chrono::seconds(60));
  EXPECT_EQ(s->acting_user("acme.zendesk.com/users/1"), "U0LEAD");
  EXPECT_EQ(s->acting_user("acme.zendesk.com/users/2"), "zendesk:acme.zendesk.com/users/2");
}

TEST_F(ZendeskSidebarSettingsTest, NoBlockLeavesItOff) {
  config_.raw = json::object();
  auto s = load_zendesk_sidebar_settings(config_);
  ASSERT_TRUE(s.has_value());
  EXPECT_FALSE(s->enabled);
}

TEST_F(ZendeskSidebarSettingsTest, BadValuesNameTheKey) {
  json b = good();
  b.erase("public_key");
  expect_error(b, "public_key");
  b = good();
  b["public_key"] = "missing.pem";
  expect_error(b, "public_key");
  b["public_key"] = "not_a_key.pem";
  expect_error(b, "public_key");
  b = good();
  b.erase("issuer");
  expect_error(b, "issuer");
  b = good();
  b["audience"] = "";
  expect_error(b, "audience");
  b = good();
  b["leads"] = {{"x", 5}};
  expect_error(b, "leads.x");
  b = good();
  b["session_ttl_seconds"] = 0;
  expect_error(b, "session_ttl_seconds");
  b = good();
  b["leeway_seconds"] = 3600;
  expect_error(b, "leeway_seconds");
  b = good();
  b["isuer"] = "typo";
  expect_error(b, "isuer");
  expect_error(json::array(), "");
}

}  // namespace
}  // namespace ec::app
