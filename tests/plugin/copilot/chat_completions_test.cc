// The chat-completions generator against a real HTTPS server on loopback speaking the
// chat-completions protocol: a good reply, 429 with Retry-After, 500s, a timeout, malformed
// JSON and a reply that overclaims. Model output is never trusted: compose_checked() drops what
// breaks the grounding rule and falls back to the deterministic composer on failure.
#include "plugin/copilot/llm/chat_completions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "plugin/copilot/drafter.h"
#include "plugin/copilot/findings_builder.h"
#include "plugin/copilot/llm/composition.h"
#include "plugin/net/httplib_client.h"
#include "tests/fakes/https_test_server.h"
#include "tests/plugin/copilot/scenario_fixture.h"

namespace ec::copilot::llm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string chat_reply(const nlohmann::json& content) {
  return nlohmann::json{
      {"id", "chatcmpl-1"},
      {"object", "chat.completion"},
      {"model", "test-model"},
      {"choices",
       {{{"index", 0},
         {"message", {{"role", "assistant"}, {"content", content.dump()}}},
         {"finish_reason", "stop"}}}}}
      .dump();
}

class ChatCompletionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    net::HttplibClientOptions options;
    options.ca_file = https_.ca_file().string();
    auto client = net::HttplibClient::create(options);
    ASSERT_TRUE(client.has_value()) << client.error().message;
    http_ = std::move(*client);
    const auto s = testing::escalated_scenario();
    FindingsResult built = build_findings(s.correlation, s.decision, s.evidence,
                                          customer_claims(testing::scenario_ticket()));
    for (Finding& f : built.findings) f.statement = redactor_.redact(f.statement);
    findings_ = built.findings;
    base_ = draft_customer_update(testing::scenario_case(), findings_, built.questions,
                                  s.decision, redactor_,
                                  {testing::at("2025-03-12T09:52:00Z"), std::chrono::hours(24)});
    base_.draft_id = "D1";
    context_.claims = &findings_;
    context_.lint = lint_context_for(testing::scenario_case(), findings_, built.questions,
                                     s.decision);
  }

  ChatCompletionsGenerator generator(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    ChatCompletionsOptions o;
    o.base_url = https_.base_url() + "/v1";
    o.model = "test-model";
    o.api_key = "sk-test-secret";
    o.timeout = timeout;
    o.max_attempts = 3;
    o.initial_backoff = std::chrono::milliseconds(100);
    return ChatCompletionsGenerator(*http_, o, [this](std::chrono::milliseconds d) {
      sleeps_.push_back(d);
    });
  }

  // The claim ids of the base draft's first confirmed and first hypothesis statements.
  std::string claim_with(FindingStatus status) {
    for (const Finding& f : findings_) {
      if (f.status == status) return f.id;
    }
    return "";
  }

  ec::testing::HttpsTestServer https_;
  std::unique_ptr<net::HttplibClient> http_;
  Redactor redactor_{"CASE-48213"};
  std::vector<Finding> findings_;
  DraftVersion base_;
  ComposeContext context_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

TEST_F(ChatCompletionsTest, GoodReplyIsParsedCheckedAndKept) {
  const std::string confirmed = claim_with(FindingStatus::Confirmed);
  ASSERT_FALSE(confirmed.empty());
  https_.server().Post("/v1/chat/completions", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(chat_reply({{"statements",
                                 {{{"section", "confirmed"},
                                   {"text", "Our records confirm the finding we cite here."},
                                   {"claims", {confirmed}}},
                                  {{"section", "next_steps"},
                                   {"text", "Our support team will send the next update by "
                                            "2025-03-13T09:52:00Z."},
                                   {"claims", nlohmann::json::array()}}}}}),
                    "application/json");
  });
  https_.start();
  auto gen = generator();
  const CheckedComposition out = compose_checked(gen, base_, Tone::PlainLanguage, context_);
  EXPECT_EQ(out.generator, "chat:test-model");
  EXPECT_TRUE(out.fallback_reason.empty()) << out.fallback_reason;
  ASSERT_EQ(out.version.statements.size(), 2u);
  EXPECT_EQ(out.version.statements[0].findings, std::vector<std::string>{confirmed});
  EXPECT_EQ(out.version.version, base_.version + 1);

  const auto requests = https_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("Authorization"), "Bearer sk-test-secret");
  const auto body = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(body["model"], "test-model");
  EXPECT_EQ(body["messages"][0]["role"], "system");
  EXPECT_THAT(body["messages"][1]["content"].get<std::string>(), HasSubstr("plain-language"));
  // The prompt holds only minimized text, and the trace never holds the key.
  for (const std::string& raw : testing::raw_sensitive_values()) {
    EXPECT_THAT(requests[0].body, Not(HasSubstr(raw))) << raw;
  }
  EXPECT_THAT(out.trace.dump(), Not(HasSubstr("sk-test-secret")));
}

TEST_F(ChatCompletionsTest, RetriesA429AfterRetryAfterThenSucceeds) {
  int calls = 0;
  https_.server().Post("/v1/chat/completions", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {
      res.status = 429;
      res.set_header("Retry-After", "2");
      res.set_content(R"({"error":{"message":"rate limited"}})", "application/json");
      return;
    }
    res.set_content(chat_reply({{"statements",
                                 {{{"section", "next_steps"},
                                   {"text", "Our support team will send the next update."},
                                   {"claims", nlohmann::json::array()}}}}}),
                    "application/json");
  });
  https_.start();
  auto gen = generator();
  auto composed = gen.compose({Tone::Careful, &base_, &findings_});
  ASSERT_TRUE(composed.has_value()) << composed.error().message;
  EXPECT_EQ(https_.request_count(), 2u);
  ASSERT_EQ(sleeps_.size(), 1u);
  EXPECT_EQ(sleeps_[0], std::chrono::milliseconds(2000));
  EXPECT_EQ(composed->trace["attempts"][0]["status"], 429);
}

TEST_F(ChatCompletionsTest, ARetryAfterBeyondTheMaximumBackoffEndsTheAttempts) {
  https_.server().Post("/v1/chat/completions", [](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "120");
  });
  https_.start();
  auto gen = generator();
  auto composed = gen.compose({Tone::Careful, &base_, &findings_});
  ASSERT_FALSE(composed.has_value());
  EXPECT_EQ(composed.error().code, ErrorCode::Unavailable);
  EXPECT_THAT(composed.error().message, HasSubstr("Retry-After 120 s"));
  EXPECT_EQ(https_.request_count(), 1u);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(ChatCompletionsTest, PersistentServerErrorsFallBackToTheDeterministicComposer) {
  https_.server().Post("/v1/chat/completions", [](const httplib::Request&, httplib::Response& res) {
    res.status = 500;
    res.set_content("upstream exploded", "text/plain");
  });
  https_.start();
  auto gen = generator();
  auto direct = gen.compose({Tone::Careful, &base_, &findings_});
  ASSERT_FALSE(direct.has_value());
  EXPECT_EQ(direct.error().code, ErrorCode::Unavailable);
  EXPECT_EQ(https_.request_count(), 3u);
  EXPECT_EQ(sleeps_, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(100),
                                                             std::chrono::milliseconds(200)}));

  const CheckedComposition out = compose_checked(gen, base_, Tone::Careful, context_);
  EXPECT_EQ(out.generator, "deterministic");
  EXPECT_THAT(out.fallback_reason, HasSubstr("HTTP 500"));
  EXPECT_EQ(out.version.statements.size(), base_.statements.size());
}

TEST_F(ChatCompletionsTest, TimeoutIsNotRetriedAndFallsBack) {
  https_.server().Post("/v1/chat/completions", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content(chat_reply({{"statements", nlohmann::json::array()}}), "application/json");
  });
  https_.start();
  auto gen = generator(std::chrono::milliseconds(300));
  auto direct = gen.compose({Tone::Careful, &base_, &findings_});
  ASSERT_FALSE(direct.has_value());
  EXPECT_EQ(direct.error().code, ErrorCode::DeadlineExceeded);
  const CheckedComposition out = compose_checked(gen, base_, Tone::Careful, context_);
  EXPECT_EQ(out.generator, "deterministic");
  EXPECT_THAT(out.fallback_reason, HasSubstr("chat:test-model failed"));
}

TEST_F(ChatCompletionsTest, MalformedRepliesAreRejected) {
  int calls = 0;
  https_.server().Post("/v1/chat/completions", [&](const httplib::Request&, httplib::Response& res) {
    switch (calls++) {
      case 0: res.set_content("{not json", "application/json"); break;
      case 1: res.set_content(R"({"choices":[]})", "application/json"); break;
      default:
        res.set_content(chat_reply({{"statements", {{{"section", "epilogue"}, {"text", "x"}}}}}),
                        "application/json");
    }
  });
  https_.start();
  auto gen = generator();
  for (const char* expected : {"not JSON", "choices[0].message.content", "statements[0]"}) {
    auto r = gen.compose({Tone::Careful, &base_, &findings_});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_THAT(r.error().message, HasSubstr(expected));
  }
  EXPECT_EQ(parse_chat_reply(chat_reply({{"statements", {{{"section", "confirmed"}}}}}))
                .error()
                .code,
            ErrorCode::InvalidArgument);
}

TEST_F(ChatCompletionsTest, OverclaimingSentencesAreDroppedWithTheReason) {
  const std::string hypothesis = claim_with(FindingStatus::Hypothesis);
  const std::string confirmed = claim_with(FindingStatus::Confirmed);
  ASSERT_FALSE(hypothesis.empty());
  https_.server().Post("/v1/chat/completions", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        chat_reply({{"statements",
                     {{{"section", "confirmed"},
                       {"text", "Our records confirm the finding we cite here."},
                       {"claims", {confirmed}}},
                      {{"section", "confirmed"},
                       {"text", "The contractor used the link to open your invoice backup."},
                       {"claims", {hypothesis}}},
                      {{"section", "confirmed"},
                       {"text", "No other files were touched."},
                       {"claims", nlohmann::json::array()}},
                      {{"section", "being_verified"},
                       {"text", "We may also have found a second account."},
                       {"claims", {"F99"}}}}}}),
        "application/json");
  });
  https_.start();
  auto gen = generator();
  const CheckedComposition out = compose_checked(gen, base_, Tone::Careful, context_);
  EXPECT_EQ(out.generator, "chat:test-model");
  ASSERT_EQ(out.version.statements.size(), 1u);
  ASSERT_EQ(out.dropped.size(), 3u);
  EXPECT_THAT(out.dropped[0].reason, HasSubstr("hypothesis"));
  EXPECT_THAT(out.dropped[1].reason, HasSubstr("cites no claim"));
  EXPECT_THAT(out.dropped[2].reason, HasSubstr("F99"));
  EXPECT_TRUE(added_claims(base_, out.version).empty());
}

}  // namespace
}  // namespace ec::copilot::llm
