// A live source that is rate limited without end (a 429 storm) during `analyze`: the pipeline
// runs through the real SourceSet and TLS client against a loopback HTTPS server, the source is
// reported as incomplete with the URL and status, and the analysis escalates on what it could
// not rule out instead of reading the missing rows as "no access".
#include <gtest/gtest.h>

#include <cstdlib>

#include "plugin/app/analysis_pipeline.h"
#include "plugin/app/config.h"
#include "tests/fakes/https_test_server.h"
#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

using ec::testing::HttpsTestServer;
using ec::testing::scenario_dir;
using ec::testing::TempDir;

// The bundled scenario's config with absolute paths, and its console log read live.
nlohmann::json live_console_config(const HttpsTestServer& https) {
  const auto dir = scenario_dir();
  auto config = nlohmann::json::parse(ec::testing::read_file(dir / "config.json"));
  for (auto& [key, block] : config["sources"].items()) {
    auto fix = [&](nlohmann::json& b) {
      for (const char* k : {"export", "users", "system_log", "path"}) {
        if (b.contains(k)) b[k] = (dir / b[k].get<std::string>()).string();
      }
    };
    if (block.is_array()) {
      for (auto& b : block) fix(b);
    } else {
      fix(block);
    }
  }
  config["sources"]["access"] = nlohmann::json::array(
      {{{"kind", "product_access_log"}, {"base_url", https.base_url()},
        {"token_env", "EC_TEST_CONSOLE_EXPORT_TOKEN"}}});
  config["http"] = {{"ca_file", https.ca_file().string()}};
  return config;
}

TEST(LiveSourceOutage, A429StormMakesTheSourceIncompleteAndNeverReadsAsNoAccess) {
  HttpsTestServer https;
  https.server().Get("/api/v1/access-log/export", [](const httplib::Request&,
                                                     httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "0");
    res.set_content(R"({"error":"rate limited"})", "application/json");
  });
  https.start();
  ::setenv("EC_TEST_CONSOLE_EXPORT_TOKEN", "console-token-for-tests", 1);
  TempDir dir;
  ec::testing::write_file(dir / "config.json", live_console_config(https).dump(2));
  auto config = load_config(dir / "config.json");
  ASSERT_TRUE(config.has_value()) << config.error().message;
  SystemClock clock;
  auto sources = SourceSet::build(*config, clock);
  ASSERT_TRUE(sources.has_value()) << sources.error().message;
  Case c;
  c.id = case_id_for_ticket(config->case_config->ticket);
  c.ticket_ref = config->case_config->ticket;
  c.subject_query = config->case_config->subject;
  c.lead = config->case_config->lead;
  c.customer = config->case_config->customer;
  copilot::Redactor redactor(c.id);
  auto result = run_pipeline(**sources, config->correlation, config->policy, c, redactor, clock.now());
  ASSERT_TRUE(result.has_value()) << result.error().message;
  const Analysis& a = result->analysis;

  const SourceReport* console = nullptr;
  for (const SourceReport& report : a.sources) {
    if (report.source == "product_access_log") console = &report;
  }
  ASSERT_NE(console, nullptr);
  EXPECT_FALSE(console->complete);
  ASSERT_EQ(console->diagnostics.size(), 1u);
  EXPECT_TRUE(console->diagnostics[0].location.starts_with(
      "GET " + https.base_url() + "/api/v1/access-log/export?since="));
  EXPECT_TRUE(console->diagnostics[0].location.ends_with(" -> 429"));
  EXPECT_EQ(console->diagnostics[0].message,
            "rate limited; gave up after 4 attempts (waited 0 s): rate limited");
  EXPECT_EQ(https.request_count(), 4u);  // bounded

  // Without the console's presign rows the presigned downloads cannot be tied to the
  // contractor, but they are not dropped: they cannot be ruled out, and the case escalates.
  EXPECT_TRUE(a.correlation.post_deprovision_access.empty());
  EXPECT_FALSE(a.correlation.cannot_rule_out.empty());
  EXPECT_TRUE(a.decision.escalate);
  const std::string text = render_draft_text(*a.customer_update);
  EXPECT_EQ(text.find("no data was accessed"), std::string::npos);
  EXPECT_EQ(text.find("console-token-for-tests"), std::string::npos);
}

}  // namespace
}  // namespace ec::app
