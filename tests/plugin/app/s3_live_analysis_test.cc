// `analyze` on the bundled scenario with its S3 access logs read live over the S3 API (the real
// SourceSet, TLS client and SigV4 signing, against the SigV4-verifying fake S3) reaches the same
// analysis as with the export files: the same post-deprovisioning accesses, findings, open
// questions and security decision.
#include <cstdlib>

#include <gtest/gtest.h>

#include "plugin/app/analysis_pipeline.h"
#include "plugin/app/config.h"

#include "tests/adapters/aws/fake_s3.h"
#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

using ec::testing::scenario_dir;
using ec::testing::TempDir;

nlohmann::json scenario_config() {
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
  return config;
}

nlohmann::json analyze(const nlohmann::json& raw) {
  TempDir dir;
  ec::testing::write_file(dir / "config.json", raw.dump(2));
  auto config = load_config(dir / "config.json");
  EXPECT_TRUE(config.has_value()) << config.error().message;
  SystemClock clock;
  auto sources = SourceSet::build(*config, clock);
  EXPECT_TRUE(sources.has_value()) << sources.error().message;
  Case c;
  c.id = case_id_for_ticket(config->case_config->ticket);
  c.ticket_ref = config->case_config->ticket;
  c.subject_query = config->case_config->subject;
  c.lead = config->case_config->lead;
  c.customer = config->case_config->customer;
  copilot::Redactor redactor(c.id);
  auto result =
      run_pipeline(**sources, config->correlation, config->policy, c, redactor, clock.now());
  EXPECT_TRUE(result.has_value()) << result.error().message;
  for (const SourceReport& report : result->analysis.sources) {
    EXPECT_TRUE(report.complete) << report.source;
  }
  return analysis_to_json(result->analysis);
}

TEST(S3LiveAnalysis, LiveAccessLogsGiveTheSameAnalysisAsTheExportFiles) {
  adapters::aws::testing::FakeS3 s3("acme-logs", "AKIAEXAMPLEANALYZE", "analyze-SECRET-key");
  const auto logs = scenario_dir() / "s3";
  for (const char* day : {"2025-03-10", "2025-03-11", "2025-03-12"}) {
    const std::string text =
        ec::testing::read_file(logs / ("support-attachments-" + std::string(day) + ".log"));
    s3.put("access/" + std::string(day) + "-23-59-59-5F2A9C1D0E3B7A64",
           std::string(day) == "2025-03-11" ? adapters::aws::testing::gzip(text) : text);
  }
  s3.start();
  ::setenv("EC_TEST_S3_KEY_ID", "AKIAEXAMPLEANALYZE", 1);
  ::setenv("EC_TEST_S3_SECRET", "analyze-SECRET-key", 1);

  const nlohmann::json files = analyze(scenario_config());
  nlohmann::json live_config = scenario_config();
  live_config["sources"]["attachments"][0] = {{"kind", "s3_access_log"},
                                              {"mode", "live"},
                                              {"base_url", s3.base_url()},
                                              {"bucket", "acme-logs"},
                                              {"region", "us-east-1"},
                                              {"prefix", "access/"},
                                              {"access_key_id_env", "EC_TEST_S3_KEY_ID"},
                                              {"secret_access_key_env", "EC_TEST_S3_SECRET"},
                                              {"session_token_env", "EC_TEST_S3_NO_SESSION_TOKEN"}};
  live_config["http"] = {{"ca_file", s3.ca_file().string()}};
  const nlohmann::json live = analyze(live_config);

  EXPECT_EQ(s3.signature_failures(), 0) << s3.last_signature_problem();
  EXPECT_EQ(s3.fetched().size(), 3u);
  ASSERT_FALSE(files["post_deprovision_access"].empty());
  for (const char* key :
       {"subject", "post_deprovision_access", "findings", "open_questions", "decision"}) {
    EXPECT_EQ(live[key], files[key])
        << key << "\nlive:  " << live[key].dump() << "\nfiles: " << files[key].dump();
  }
  ASSERT_EQ(live["evidence"].size(), files["evidence"].size());
  for (std::size_t i = 0; i < files["evidence"].size(); ++i) {
    EXPECT_EQ(live["evidence"][i]["id"], files["evidence"][i]["id"]);
    EXPECT_EQ(live["evidence"][i]["time"], files["evidence"][i]["time"]);
    EXPECT_EQ(live["evidence"][i]["summary"], files["evidence"][i]["summary"]);
  }
}

}  // namespace
}  // namespace ec::app
