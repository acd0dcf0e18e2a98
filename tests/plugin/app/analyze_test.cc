// The analysis pipeline on the bundled scenario and its benign variant: the decisions a security
// engineer relies on, and no raw sensitive value in the drafts.
#include <gtest/gtest.h>

#include <tuple>

#include "plugin/app/analysis_pipeline.h"
#include "plugin/app/config.h"
#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

struct AnalysisRun {
  Config config;
  std::unique_ptr<SourceSet> sources;
  PipelineResult result;
  std::unique_ptr<copilot::Redactor> redactor;
};

AnalysisRun analyze(const std::string& scenario) {
  AnalysisRun run;
  auto config = load_config(ec::testing::scenario_dir(scenario) / "config.json");
  EXPECT_TRUE(config.has_value()) << config.error().message;
  run.config = *config;
  SystemClock clock;
  auto sources = SourceSet::build(run.config, clock);
  EXPECT_TRUE(sources.has_value()) << sources.error().message;
  run.sources = std::move(*sources);
  Case c;
  c.id = case_id_for_ticket(run.config.case_config->ticket);
  c.ticket_ref = run.config.case_config->ticket;
  c.subject_query = run.config.case_config->subject;
  c.lead = run.config.case_config->lead;
  c.customer = run.config.case_config->customer;
  run.redactor = std::make_unique<copilot::Redactor>(c.id);
  auto result = run_pipeline(*run.sources, run.config.correlation, run.config.policy, c, *run.redactor,
                             clock.now());
  EXPECT_TRUE(result.has_value()) << result.error().message;
  run.result = std::move(*result);
  return run;
}

TEST(AnalyzeScenario, FindsTheThreePresignedDownloadsAfterDeprovisioning) {
  const AnalysisRun run = analyze("contractor_after_deprovision");
  const Analysis& a = run.result.analysis;
  ASSERT_TRUE(a.subject.deprovisioned_at.has_value());
  EXPECT_EQ(format_rfc3339(*a.subject.deprovisioned_at), "2025-03-11T16:45:12Z");
  std::vector<std::string> times;
  for (const AttributedAccess& access : a.correlation.post_deprovision_access) {
    times.push_back(format_rfc3339(access.time));
    EXPECT_EQ(access.via, Via::PresignedUrl);
    EXPECT_EQ(access.confidence, Confidence::High);
    EXPECT_EQ(access.chain.size(), 2u);
  }
  EXPECT_EQ(times, (std::vector<std::string>{"2025-03-11T17:06:10Z", "2025-03-11T17:06:41Z",
                                             "2025-03-12T08:55:02Z"}));
  EXPECT_TRUE(a.decision.escalate);
  EXPECT_FALSE(a.correlation.attempts.empty());
}

TEST(AnalyzeScenario, EvidenceIdsAreStableAcrossRuns) {
  const AnalysisRun first = analyze("contractor_after_deprovision");
  const AnalysisRun second = analyze("contractor_after_deprovision");
  ASSERT_EQ(first.result.analysis.evidence.size(), second.result.analysis.evidence.size());
  for (std::size_t i = 0; i < first.result.analysis.evidence.size(); ++i) {
    EXPECT_EQ(first.result.analysis.evidence[i].id, second.result.analysis.evidence[i].id);
    EXPECT_EQ(first.result.analysis.evidence[i].content_hash,
              second.result.analysis.evidence[i].content_hash);
  }
}

TEST(AnalyzeScenario, DraftsCarryPlaceholdersNotRawValues) {
  const AnalysisRun run = analyze("contractor_after_deprovision");
  const std::string text = render_draft_text(*run.result.analysis.customer_update) +
                           render_draft_text(*run.result.analysis.handoff);
  for (const char* raw : {"dario.mq@contractors.brightwell.example", "198.51.100.77",
                          "invoice_backup_2024Q4.xlsx", "router_config_export_2025-02-27.json",
                          "Dario Menendez-Quill", "ingrid.halvorsen@halvorsen-marine.example",
                          "AKIAEXAMPLEPRSGN7Q2Z"}) {
    EXPECT_EQ(text.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(text.find("What we have confirmed"), std::string::npos);
  EXPECT_NE(text.find("What we are still verifying"), std::string::npos);
  EXPECT_NE(text.find("Who owns each next step"), std::string::npos);
}

TEST(AnalyzeBenign, NoAccessAfterDeprovisioningAndNoEscalation) {
  const AnalysisRun run = analyze("benign_no_access");
  const Analysis& a = run.result.analysis;
  EXPECT_TRUE(a.correlation.post_deprovision_access.empty());
  EXPECT_FALSE(a.decision.escalate);
  EXPECT_FALSE(a.correlation.attempts.empty());
  const std::string text = render_draft_text(*a.customer_update);
  EXPECT_EQ(text.find("no data was accessed"), std::string::npos);
}

// The same case with Microsoft Entra ID as the identity provider: the deprovisioning time comes
// from the directory audits, sign-ins refused with 50057 are attempts, and the decision, the
// attributed downloads and their chains match the Okta scenario's.
TEST(AnalyzeEntraScenario, ReachesTheSameDecisionAsTheOktaScenario) {
  const AnalysisRun okta = analyze("contractor_after_deprovision");
  const AnalysisRun entra = analyze("contractor_after_deprovision_entra");
  const Analysis& a = entra.result.analysis;
  EXPECT_EQ(a.subject.id, "5f0c2b7e-8d1a-4c9e-9b3f-2a6d7e1c4b90");
  EXPECT_EQ(a.subject.status, "DISABLED");
  ASSERT_TRUE(a.subject.deprovisioned_at.has_value());
  EXPECT_EQ(format_rfc3339(*a.subject.deprovisioned_at), "2025-03-11T16:45:12.302Z");
  const auto accesses = [](const Analysis& x) {
    std::vector<std::tuple<std::string, std::string, Via, Confidence, std::size_t>> out;
    for (const AttributedAccess& access : x.correlation.post_deprovision_access) {
      out.emplace_back(format_rfc3339(access.time), access.object, access.via, access.confidence,
                       access.chain.size());
    }
    return out;
  };
  EXPECT_EQ(accesses(a), accesses(okta.result.analysis));
  ASSERT_EQ(a.correlation.post_deprovision_access.size(), 3u);
  EXPECT_EQ(a.decision.escalate, okta.result.analysis.decision.escalate);
  EXPECT_TRUE(a.decision.escalate);
  // The refused sign-ins (50057) are attempts by the subject, not accesses.
  std::size_t entra_attempts = 0;
  for (const AttributedAccess& attempt : a.correlation.attempts) {
    for (const Evidence& e : a.evidence) {
      if (e.id == attempt.evidence_id && e.source == "entra_id") ++entra_attempts;
    }
    EXPECT_FALSE(attempt.succeeded);
  }
  EXPECT_GE(entra_attempts, 1u);
  const std::string text =
      render_draft_text(*a.customer_update) + render_draft_text(*a.handoff);
  for (const char* raw : {"5f0c2b7e-8d1a-4c9e-9b3f-2a6d7e1c4b90",
                          "2a7e4c1f-9b3d-4e8a-b6c2-5d0f8e3a1c79",
                          "dario.mq@contractors.brightwell.example", "198.51.100.77"}) {
    EXPECT_EQ(text.find(raw), std::string::npos) << raw;
  }
  for (const SourceReport& report : a.sources) {
    if (report.source == "entra_id") {
      EXPECT_TRUE(report.complete);
    }
  }
}

}  // namespace
}  // namespace ec::app
