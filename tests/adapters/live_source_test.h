// LiveSourceTest: the fixture the live-mode adapter tests share (Okta, Entra ID, Zendesk): a
// loopback HTTPS server standing in for the vendor's API (runtime CA), an HTTPS client that
// trusts it, a fake clock starting 2025-03-20, the environment the source reads its token from,
// and a sleeper that records each back-off and advances the clock instead of waiting.
// Each test registers its handlers on https_.server() before start().
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "plugin/core/evidence_source.h"
#include "plugin/net/httplib_client.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/fakes/https_test_server.h"
#include "tests/fakes/temp_dir.h"

namespace ec::adapters::testing {

class LiveSourceTest : public ::testing::Test {
 protected:
  // `token_env` holds `token` in the environment the source sees.
  LiveSourceTest(const std::string& token_env, const std::string& token)
      : clock_(make_utc(2025, 3, 20, 0, 0, 0)), env_{{token_env, token}} {}

  // Starts the fake API and the client that trusts its CA.
  void start() {
    https_.start();
    net::HttplibClientOptions options;
    options.ca_file = https_.ca_file().string();
    auto client = net::HttplibClient::create(options);
    ASSERT_TRUE(client.has_value());
    http_ = std::move(*client);
  }

  // A SourceContext for `label` in `base_dir` with the clock, the client and env_ as secrets.
  SourceContext live_context(const std::filesystem::path& base_dir, std::string label) {
    SourceContext context = context_for(base_dir, std::move(label));
    context.clock = &clock_;
    context.http = http_.get();
    context.secret = [this](std::string_view name) -> std::optional<std::string> {
      const auto it = env_.find(std::string(name));
      if (it == env_.end()) return std::nullopt;
      return it->second;
    };
    return context;
  }

  // The sleep a live source backs off with: recorded in sleeps_, and the clock moves on.
  std::function<void(std::chrono::milliseconds)> recording_sleep() {
    return [this](std::chrono::milliseconds d) {
      sleeps_.push_back(d);
      clock_.advance(d);
    };
  }

  ec::testing::HttpsTestServer https_;
  std::unique_ptr<net::HttplibClient> http_;
  ec::testing::FakeClock clock_;
  std::vector<std::chrono::milliseconds> sleeps_;
  std::map<std::string, std::string> env_;
};

}  // namespace ec::adapters::testing
