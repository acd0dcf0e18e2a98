// The analysis JSON of the bundled scenario and its variants, compared byte for byte with the
// files under tests/data/golden/. They were written by the pipeline that held every record in
// memory; the streaming pipeline must give exactly the same analysis. To rewrite them after an
// intended change, run the test with EC_UPDATE_GOLDEN=1 and review the diff.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "plugin/app/analysis_pipeline.h"
#include "plugin/app/config.h"
#include "plugin/copilot/redact_json.h"
#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

// The JSON `analyze` prints (redacted), with a fixed clock so drafts are reproducible.
std::string analysis_json(const std::string& scenario) {
  auto config = load_config(ec::testing::scenario_dir(scenario) / "config.json");
  EXPECT_TRUE(config.has_value()) << config.error().message;
  if (!config) return {};
  SystemClock clock;
  const Timestamp now = *parse_rfc3339("2025-03-13T09:00:00Z");
  auto sources = SourceSet::build(*config, clock);
  EXPECT_TRUE(sources.has_value()) << sources.error().message;
  if (!sources) return {};
  Case c;
  c.id = case_id_for_ticket(config->case_config->ticket);
  c.ticket_ref = config->case_config->ticket;
  c.subject_query = config->case_config->subject;
  c.lead = config->case_config->lead;
  c.customer = config->case_config->customer;
  c.state = CaseState::Investigating;
  copilot::Redactor redactor(c.id);
  auto result = run_pipeline(**sources, config->correlation, config->policy, c, redactor, now);
  EXPECT_TRUE(result.has_value()) << result.error().message;
  if (!result) return {};
  const nlohmann::json json = copilot::redact_json(analysis_to_json(result->analysis), redactor);
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::filesystem::path golden_path(const std::string& scenario) {
  return ec::testing::source_dir() / "tests" / "data" / "golden" / (scenario + ".analysis.json");
}

class AnalysisGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(AnalysisGolden, MatchesTheRecordedAnalysis) {
  const std::string actual = analysis_json(GetParam());
  ASSERT_FALSE(actual.empty());
  const auto path = golden_path(GetParam());
  if (std::getenv("EC_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing " << path;
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "analysis JSON of " << GetParam() << " differs from "
                                    << path;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, AnalysisGolden,
                         ::testing::Values("contractor_after_deprovision", "benign_no_access",
                                           "ambiguous_cdn_preview"));

}  // namespace
}  // namespace ec::app
