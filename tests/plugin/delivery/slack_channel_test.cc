// The Slack outbound channel through the real outbox worker and SQLite store: a message is
// posted once, and a crash after Slack accepted it but before the store recorded it still
// yields one message after the restart (the key is found in the channel's metadata).
#include "plugin/delivery/slack_channel.h"

#include <gtest/gtest.h>

#include "plugin/delivery/outbox_worker.h"
#include "plugin/net/httplib_client.h"
#include "tests/fakes/fake_slack.h"
#include "tests/plugin/delivery/outbox_fixture.h"

namespace ec::delivery {
namespace {

using ec::testing::FakeSlack;

class SlackChannelTest : public ec::testing::OutboxTest {
 protected:
  SlackChannelTest() {
    net::HttplibClientOptions options;
    options.ca_file = slack_.ca_file().string();
    http_ = std::move(*net::HttplibClient::create(options));
    SlackWebApiOptions api;
    api.base_url = slack_.api_base_url();
    api.bot_token = "xoxb-test";
    api_ = std::make_unique<SlackWebApi>(*http_, api, [](std::chrono::seconds) {});
  }

  OutboxMessage slack_message(const std::string& key) {
    OutboxMessage m = ec::testing::make_message(key, "slack", clock_.now());
    m.recipient = "C1";
    m.payload = {{"text", "Handoff for " + key}};
    return m;
  }

  FakeSlack slack_;
  std::unique_ptr<net::HttplibClient> http_;
  std::unique_ptr<SlackWebApi> api_;
};

TEST_F(SlackChannelTest, DeliversOnceThroughTheOutbox) {
  enqueue(slack_message("k1"));
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<SlackChannel>(*api_)).has_value());
  auto round = worker.run_until_idle();
  ASSERT_TRUE(round.has_value()) << round.error().message;
  EXPECT_EQ(round->delivered, 1);
  const auto posted = slack_.posted("C1");
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0]["metadata"]["event_payload"]["idempotency_key"], "k1");
  EXPECT_EQ(only_message().state, OutboxState::Delivered);
  EXPECT_EQ(only_message().delivery_ref, "C1/" + posted[0]["ts"].get<std::string>());
}

TEST_F(SlackChannelTest, CrashAfterSlackAcceptedDeliversOnceAfterRestart) {
  const OutboxMessage stored = enqueue(slack_message("k2"));
  {
    // The process posts, then dies before recording the outcome.
    SlackChannel channel(*api_);
    ASSERT_TRUE(channel.deliver(stored).has_value());
  }
  reopen();  // restart
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<SlackChannel>(*api_)).has_value());
  auto round = worker.run_until_idle();
  ASSERT_TRUE(round.has_value()) << round.error().message;
  EXPECT_EQ(round->delivered, 1);
  EXPECT_EQ(slack_.posted("C1").size(), 1u);
  EXPECT_EQ(slack_.calls("chat.postMessage").size(), 1u);
}

TEST_F(SlackChannelTest, RateLimitIsRetriedLater) {
  enqueue(slack_message("k3"));
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<SlackChannel>(*api_)).has_value());
  slack_.script("conversations.history", {200, {}, R"({"ok":false,"error":"ratelimited"})"});
  auto round = worker.run_once(10);
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->retried, 1);
  EXPECT_EQ(only_message().state, OutboxState::Pending);
  EXPECT_TRUE(slack_.posted("C1").empty());
}

TEST_F(SlackChannelTest, PermanentErrorFailsWithoutRetry) {
  enqueue(slack_message("k4"));
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<SlackChannel>(*api_)).has_value());
  slack_.script("conversations.history", {200, {}, R"({"ok":false,"error":"channel_not_found"})"});
  auto round = worker.run_once(10);
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->failed, 1);
  EXPECT_EQ(only_message().state, OutboxState::Failed);
}

}  // namespace
}  // namespace ec::delivery
