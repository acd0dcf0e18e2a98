// The Slack Web API client against a loopback HTTPS fake of slack.com: JSON with a bearer token,
// ok:false as an error, 429 Retry-After, not_in_channel -> join and retry once, 5xx, and the
// token never in a URL or an error message.
#include "plugin/delivery/slack_web_api.h"

#include <gtest/gtest.h>

#include "plugin/net/httplib_client.h"
#include "tests/fakes/fake_slack.h"

namespace ec::delivery {
namespace {

using ec::testing::FakeSlack;
using ec::testing::ScriptedReply;
using nlohmann::json;

constexpr char kToken[] = "xoxb-secret-token-123";

class SlackWebApiTest : public ::testing::Test {
 protected:
  SlackWebApiTest() {
    net::HttplibClientOptions options;
    options.ca_file = slack_.ca_file().string();
    http_ = std::move(*net::HttplibClient::create(options));
    SlackWebApiOptions api;
    api.base_url = slack_.api_base_url();
    api.bot_token = kToken;
    api_ = std::make_unique<SlackWebApi>(*http_, api,
                                         [this](std::chrono::seconds s) { slept_.push_back(s); });
  }

  FakeSlack slack_;
  std::unique_ptr<net::HttplibClient> http_;
  std::unique_ptr<SlackWebApi> api_;
  std::vector<std::chrono::seconds> slept_;
};

TEST_F(SlackWebApiTest, PostsJsonWithBearerTokenAndReturnsTheAnswer) {
  auto posted = api_->post_message("C1", {{"text", "hello"}});
  ASSERT_TRUE(posted.has_value()) << posted.error().message;
  EXPECT_EQ(posted->value("channel", ""), "C1");
  EXPECT_FALSE(posted->value("ts", "").empty());
  const auto calls = slack_.calls("chat.postMessage");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].authorization, std::string("Bearer ") + kToken);
  EXPECT_EQ(calls[0].body["channel"], "C1");
  EXPECT_EQ(calls[0].path.find("xoxb"), std::string::npos);
  EXPECT_EQ(slack_.posted("C1").size(), 1u);
}

TEST_F(SlackWebApiTest, OkFalseIsAnErrorMappedByCode) {
  const std::pair<const char*, ErrorCode> cases[] = {
      {"channel_not_found", ErrorCode::NotFound},
      {"invalid_auth", ErrorCode::Unauthenticated},
      {"missing_scope", ErrorCode::PermissionDenied},
      {"ratelimited", ErrorCode::Unavailable},
      {"internal_error", ErrorCode::Unavailable},
      {"invalid_blocks", ErrorCode::InvalidArgument},
  };
  for (const auto& [error, code] : cases) {
    slack_.script("chat.update", {200, {}, std::string(R"({"ok":false,"error":")") + error + "\"}"});
    auto updated = api_->update_message("C1", "1.0", {{"text", "x"}});
    ASSERT_FALSE(updated.has_value()) << error;
    EXPECT_EQ(updated.error().code, code) << error;
    EXPECT_NE(updated.error().message.find(error), std::string::npos);
    EXPECT_EQ(updated.error().message.find(kToken), std::string::npos);
  }
}

TEST_F(SlackWebApiTest, HonoursRetryAfterOn429ThenSucceeds) {
  slack_.script("chat.postEphemeral", {429, {{"Retry-After", "2"}}, ""});
  auto posted = api_->post_ephemeral("C1", "U1", {{"text", "hi"}});
  ASSERT_TRUE(posted.has_value()) << posted.error().message;
  ASSERT_EQ(slept_.size(), 1u);
  EXPECT_EQ(slept_[0], std::chrono::seconds(2));
  EXPECT_EQ(slack_.calls("chat.postEphemeral").size(), 2u);
}

TEST_F(SlackWebApiTest, GivesUpAfterRepeated429OrTooLongARetryAfter) {
  for (int i = 0; i < 3; ++i) slack_.script("views.open", {429, {{"Retry-After", "1"}}, ""});
  auto opened = api_->open_view("trigger", {{"type", "modal"}});
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::Unavailable);
  EXPECT_EQ(slack_.calls("views.open").size(), 3u);  // first try + 2 retries
  slack_.script("views.open", {429, {{"Retry-After", "3600"}}, ""});
  auto later = api_->open_view("trigger", {{"type", "modal"}});
  ASSERT_FALSE(later.has_value());
  EXPECT_EQ(later.error().code, ErrorCode::Unavailable);
  EXPECT_NE(later.error().message.find("3600"), std::string::npos);
}

TEST_F(SlackWebApiTest, NotInChannelJoinsAndRetriesOnce) {
  slack_.set_not_member("C9");
  auto posted = api_->post_message("C9", {{"text", "hello"}});
  ASSERT_TRUE(posted.has_value()) << posted.error().message;
  EXPECT_EQ(slack_.calls("conversations.join").size(), 1u);
  EXPECT_EQ(slack_.calls("chat.postMessage").size(), 2u);
  // Still not in the channel after joining: one retry only, then the error.
  slack_.script("chat.postMessage", {200, {}, R"({"ok":false,"error":"not_in_channel"})"});
  slack_.script("chat.postMessage", {200, {}, R"({"ok":false,"error":"not_in_channel"})"});
  auto again = api_->post_message("C9", {{"text", "hello"}});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(slack_.calls("chat.postMessage").size(), 4u);
}

TEST_F(SlackWebApiTest, ServerErrorsAreUnavailableAndNotJsonIsPermanent) {
  slack_.script("conversations.create", {503, {}, "down"});
  auto created = api_->create_conversation("esc-1", false);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, ErrorCode::Unavailable);
  slack_.script("conversations.create", {200, {}, "<html>"});
  created = api_->create_conversation("esc-1", false);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, ErrorCode::InvalidArgument);
}

TEST_F(SlackWebApiTest, ResponseUrlPosts) {
  ASSERT_TRUE(api_->post_response_url(slack_.response_url("T1/1/x"), {{"text", "done"}}).has_value());
  const auto hooks = slack_.calls("hook");
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_EQ(hooks[0].authorization, "");  // no token to hooks
  slack_.script("hook", {404, {}, "used_url"});
  auto used = api_->post_response_url(slack_.response_url("T1/1/x"), {{"text", "again"}});
  ASSERT_FALSE(used.has_value());
  EXPECT_EQ(used.error().code, ErrorCode::FailedPrecondition);
}

}  // namespace
}  // namespace ec::delivery
