// The helpdesk public reply through the outbox against a loopback HTTPS fake of the Zendesk
// Tickets API: one public comment per approved message, also across a crash and restart.
#include "plugin/delivery/zendesk_reply_channel.h"

#include <gtest/gtest.h>

#include "plugin/delivery/outbox_worker.h"
#include "plugin/net/httplib_client.h"
#include "tests/fakes/https_test_server.h"
#include "tests/plugin/delivery/outbox_fixture.h"

namespace ec::delivery {
namespace {

using nlohmann::json;

class ZendeskReplyTest : public ec::testing::OutboxTest {
 protected:
  ZendeskReplyTest() {
    https_.server().Get("/api/v2/tickets/48213/comments.json",
                        [this](const httplib::Request&, httplib::Response& res) {
                          std::lock_guard lock(mutex_);
                          if (fail_with_ != 0) {
                            res.status = fail_with_;
                            return;
                          }
                          json list = json::array();
                          for (auto it = comments_.rbegin(); it != comments_.rend(); ++it) {
                            list.push_back(*it);
                          }
                          res.set_content(json{{"comments", list}}.dump(), "application/json");
                        });
    https_.server().Put("/api/v2/tickets/48213.json",
                        [this](const httplib::Request& req, httplib::Response& res) {
                          std::lock_guard lock(mutex_);
                          const json body = json::parse(req.body);
                          json comment = body["ticket"]["comment"];
                          comment["id"] = 9000 + static_cast<int>(comments_.size());
                          comment["type"] = "Comment";
                          comments_.push_back(comment);
                          res.set_content(json{{"ticket", {{"id", 48213}}},
                                               {"audit", {{"events", json::array({comment})}}}}
                                              .dump(),
                                          "application/json");
                        });
    https_.start();
    net::HttplibClientOptions options;
    options.ca_file = https_.ca_file().string();
    http_ = std::move(*net::HttplibClient::create(options));
    options_.base_url = https_.base_url();
    options_.email = "agent@acme.example";
    options_.token = "zd-secret-token";
  }

  OutboxMessage reply(const std::string& key, const std::string& ticket = "48213") {
    OutboxMessage m = ec::testing::make_message(key, "zendesk_reply", clock_.now());
    m.recipient = ticket;
    m.payload = {{"message", {{"text", "What we have confirmed\n- Access ended at 09:14."}}}};
    return m;
  }
  std::vector<json> comments() {
    std::lock_guard lock(mutex_);
    return comments_;
  }

  ec::testing::HttpsTestServer https_;
  std::unique_ptr<net::HttplibClient> http_;
  ZendeskReplyOptions options_;
  std::mutex mutex_;
  std::vector<json> comments_;
  int fail_with_ = 0;
};

TEST_F(ZendeskReplyTest, PostsOnePublicCommentWithApiTokenAuth) {
  enqueue(reply("r1"));
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<ZendeskReplyChannel>(*http_, options_)).has_value());
  auto round = worker.run_until_idle();
  ASSERT_TRUE(round.has_value()) << round.error().message;
  EXPECT_EQ(round->delivered, 1);
  ASSERT_EQ(comments().size(), 1u);
  EXPECT_EQ(comments()[0]["public"], true);
  EXPECT_EQ(only_message().delivery_ref, "ticket 48213 comment 9000");
  const auto requests = https_.requests();
  ASSERT_FALSE(requests.empty());
  // base64("agent@acme.example/token:zd-secret-token")
  EXPECT_EQ(requests.back().header("Authorization"),
            "Basic YWdlbnRAYWNtZS5leGFtcGxlL3Rva2VuOnpkLXNlY3JldC10b2tlbg==");
  EXPECT_EQ(requests.back().target.find("zd-secret"), std::string::npos);
}

TEST_F(ZendeskReplyTest, CrashAfterZendeskAcceptedRepliesOnceAfterRestart) {
  const OutboxMessage stored = enqueue(reply("r2"));
  {
    ZendeskReplyChannel channel(*http_, options_);
    ASSERT_TRUE(channel.deliver(stored).has_value());  // then the process dies
  }
  reopen();
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<ZendeskReplyChannel>(*http_, options_)).has_value());
  auto round = worker.run_until_idle();
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->delivered, 1);
  EXPECT_EQ(comments().size(), 1u);
  EXPECT_EQ(only_message().delivery_ref, "ticket 48213 comment 9000");
}

TEST_F(ZendeskReplyTest, RateLimitRetriesLaterOtherErrorsArePermanent) {
  enqueue(reply("r3"));
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<ZendeskReplyChannel>(*http_, options_)).has_value());
  fail_with_ = 429;
  auto round = worker.run_once(10);
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->retried, 1);
  EXPECT_TRUE(comments().empty());
  fail_with_ = 403;
  clock_.advance(std::chrono::hours(2));
  round = worker.run_once(10);
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->failed, 1);
  EXPECT_EQ(only_message().state, OutboxState::Failed);
}

TEST_F(ZendeskReplyTest, ARecipientThatIsNotATicketIdFails) {
  ZendeskReplyChannel channel(*http_, options_);
  auto delivered = channel.deliver(reply("r4", "48213/../../users"));
  ASSERT_FALSE(delivered.has_value());
  EXPECT_EQ(delivered.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(https_.request_count(), 0u);
}

}  // namespace
}  // namespace ec::delivery
