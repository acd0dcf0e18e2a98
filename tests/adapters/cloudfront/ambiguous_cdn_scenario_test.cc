// Scenario-level check of the bundled "ambiguous_cdn_preview" variant (reference section 7.9):
// every configured source built through the registry, the evidence collected, then core
// correlation and the security policy run on it, as `analyze` does.
#include <algorithm>

#include <gtest/gtest.h>

#include "plugin/core/correlation.h"
#include "plugin/core/policy.h"

#include "adapters/registry.h"

#include "tests/adapters/adapter_test_util.h"

namespace ec::adapters {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::load_json;
using ec::adapters::testing::scenario_sources;
using ec::testing::scenario_dir;

constexpr char kScenario[] = "ambiguous_cdn_preview";

struct Collected {
  Subject subject;
  std::vector<Evidence> evidence;
  std::vector<SourceReport> reports;
};

Collected collect_scenario() {
  SourceRegistry registry;
  register_builtin_sources(registry);
  const nlohmann::json sources = scenario_sources(kScenario);
  Collected out;
  auto identity =
      registry.build(sources["identity"], context_for(scenario_dir(kScenario), "sources.identity"));
  EXPECT_TRUE(identity.has_value());
  if (!identity) return out;
  auto subject = identity->identity->resolve_subject(
      load_json(scenario_dir(kScenario) / "config.json")["case"]["subject"].get<std::string>());
  EXPECT_TRUE(subject.has_value());
  if (!subject) return out;
  out.subject = *subject;
  std::vector<std::pair<std::string, nlohmann::json>> blocks = {
      {"sources.access[0]", sources["access"][0]}};
  for (std::size_t i = 0; i < sources["attachments"].size(); ++i) {
    blocks.emplace_back("sources.attachments[" + std::to_string(i) + "]",
                        sources["attachments"][i]);
  }
  for (const auto& [label, block] : blocks) {
    auto built = registry.build(block, context_for(scenario_dir(kScenario), label));
    EXPECT_TRUE(built.has_value()) << label << ": " << (built ? "" : built.error().to_string());
    if (!built) continue;
    auto report = built->evidence->collect(out.subject, TimeWindow{});
    EXPECT_TRUE(report.has_value()) << label;
    if (!report) continue;
    EXPECT_TRUE(report->complete && report->records_skipped == 0) << diagnostics_text(*report);
    for (Evidence& e : report->evidence) out.evidence.push_back(std::move(e));
    report->evidence.clear();
    out.reports.push_back(std::move(*report));
  }
  assign_evidence_ids(out.evidence);
  return out;
}

const Evidence* find(const std::vector<Evidence>& evidence, std::string_view source,
                     std::string_view request_id) {
  for (const Evidence& e : evidence) {
    if (e.source == source && e.request_id == request_id) return &e;
  }
  return nullptr;
}

CorrelationOptions scenario_options() {
  CorrelationOptions options;
  options.clock_skew = std::chrono::seconds{120};
  options.service_principals = {"arn:aws:sts::111122223333:assumed-role/support-portal-backend"};
  return options;
}

TEST(AmbiguousCdnScenario, SourcesYieldTheOriginFetchAndBothEdgeRequests) {
  const Collected c = collect_scenario();
  ASSERT_EQ(c.subject.deprovisioned_at, make_utc(2025, 3, 11, 16, 45, 12));
  const Evidence* origin = find(c.evidence, "cloudtrail", "1B82AC39FD21A2B3");
  ASSERT_NE(origin, nullptr);
  EXPECT_EQ(origin->principal, "cloudfront.amazonaws.com");
  EXPECT_EQ(origin->action, "preview");
  EXPECT_FALSE(origin->names_subject);
  const Evidence* miss =
      find(c.evidence, "cloudfront", "Qx7ExampleEdgeReqId01_a8v0Jq3ZbV9sQe2Lm4Rt6Yu==");
  const Evidence* hit =
      find(c.evidence, "cloudfront", "Lm2ExampleEdgeReqId02_c4d8Kp1WxN7uTy5Bv3Hs9==");
  ASSERT_NE(miss, nullptr);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(miss->action, "preview");
  EXPECT_EQ(hit->attributes["edge_result_type"], "Hit");
}

TEST(AmbiguousCdnScenario, CdnReadsCannotBeRuledOutAndNothingIsConfirmed) {
  const Collected c = collect_scenario();
  const Correlation correlation = correlate(c.subject, c.evidence, c.reports, scenario_options());
  EXPECT_TRUE(correlation.post_deprovision_access.empty());
  std::vector<std::string> sources;
  for (const AttributedAccess& a : correlation.cannot_rule_out) {
    const auto e = std::find_if(c.evidence.begin(), c.evidence.end(),
                                [&](const Evidence& x) { return x.id == a.evidence_id; });
    ASSERT_NE(e, c.evidence.end());
    sources.push_back(e->source + " " + format_rfc3339(e->time));
    EXPECT_EQ(a.via, Via::Unknown);
    EXPECT_EQ(a.action, "preview");
    EXPECT_EQ(a.reasoning.rfind("cannot rule out", 0), 0u) << a.reasoning;
  }
  EXPECT_EQ(sources, (std::vector<std::string>{"cloudfront 2025-03-11T17:06:11Z",
                                               "cloudtrail 2025-03-11T17:06:12Z",
                                               "cloudfront 2025-03-11T17:20:40Z"}));
  // The benign variant's expired-URL download attempt stays an attempt.
  EXPECT_TRUE(std::any_of(
      correlation.attempts.begin(), correlation.attempts.end(),
      [](const AttributedAccess& a) { return a.action == "download" && !a.succeeded; }));
}

TEST(AmbiguousCdnScenario, PolicyEscalatesBecauseAccessCannotBeRuledOut) {
  const Collected c = collect_scenario();
  const SecurityDecision decision =
      evaluate_security_policy(correlate(c.subject, c.evidence, c.reports, scenario_options()));
  EXPECT_TRUE(decision.escalate);
  ASSERT_EQ(decision.matches.size(), 1u);
  EXPECT_EQ(decision.matches[0].rule_id, "cannot-rule-out");
  EXPECT_NE(decision.reasons()[0].find("cannot rule out"), std::string::npos);
}

}  // namespace
}  // namespace ec::adapters
