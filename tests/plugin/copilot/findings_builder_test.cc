#include "plugin/copilot/findings_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugin/copilot/scenario_fixture.h"

namespace ec::copilot {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

FindingsResult build(const testing::Scenario& s, bool with_claims = false) {
  const auto claims =
      with_claims ? customer_claims(testing::scenario_ticket()) : std::vector<CustomerClaim>{};
  return build_findings(s.correlation, s.decision, s.evidence, claims);
}

const Finding* find_finding(const FindingsResult& r, const std::string& needle) {
  for (const Finding& f : r.findings) {
    if (f.statement.find(needle) != std::string::npos) return &f;
  }
  return nullptr;
}

const OpenQuestion* find_question(const FindingsResult& r, const std::string& needle) {
  for (const OpenQuestion& q : r.questions) {
    if (q.question.find(needle) != std::string::npos) return &q;
  }
  return nullptr;
}

TEST(FindingsBuilder, EscalatedCaseConfirmsDeprovisionAndDownloads) {
  const FindingsResult r = build(testing::escalated_scenario(), true);
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].id, "F1");
  EXPECT_EQ(r.findings[0].status, FindingStatus::Confirmed);
  EXPECT_THAT(r.findings[0].statement, HasSubstr("deprovisioned"));
  EXPECT_THAT(r.findings[0].statement, HasSubstr("2025-03-11T16:45:12Z"));
  EXPECT_THAT(r.findings[0].evidence, IsSupersetOf({"E1", "E4"}));

  const Finding* downloads = find_finding(r, "successful download");
  ASSERT_NE(downloads, nullptr);
  EXPECT_EQ(downloads->status, FindingStatus::Confirmed);
  EXPECT_THAT(downloads->statement, HasSubstr("3 successful downloads of 2 customer attachments"));
  EXPECT_THAT(downloads->statement,
              HasSubstr("presigned URLs that were minted for this account before deprovisioning"));
  EXPECT_THAT(downloads->evidence, IsSupersetOf({"E8", "E9", "E14", "E2", "E3"}));
}

TEST(FindingsBuilder, WhoUsedABearerLinkIsAHypothesis) {
  const FindingsResult r = build(testing::escalated_scenario());
  const Finding* who = find_finding(r, "bearer links");
  ASSERT_NE(who, nullptr);
  EXPECT_EQ(who->status, FindingStatus::Hypothesis);
  EXPECT_EQ(who->owner, Owner::Security);
}

TEST(FindingsBuilder, CredentialUseAttemptsAndControlFailuresAreConfirmed) {
  const FindingsResult r = build(testing::escalated_scenario());
  const Finding* accepted = find_finding(r, "still accepted");
  ASSERT_NE(accepted, nullptr);
  EXPECT_EQ(accepted->status, FindingStatus::Confirmed);
  EXPECT_THAT(accepted->evidence, IsSupersetOf({"E6", "E7"}));
  const Finding* attempt = find_finding(r, "1 attempt after deprovisioning");
  ASSERT_NE(attempt, nullptr);
  EXPECT_EQ(attempt->status, FindingStatus::Confirmed);
  EXPECT_THAT(attempt->evidence, Contains("E10"));
  const Finding* lifetime = find_finding(r, "lifetime of 7 days");
  ASSERT_NE(lifetime, nullptr);
  EXPECT_EQ(lifetime->owner, Owner::Engineering);
}

TEST(FindingsBuilder, CustomerClaimsAreUnverified) {
  const FindingsResult r = build(testing::escalated_scenario(), true);
  const Finding* claim = find_finding(r, "quoted figures");
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->status, FindingStatus::Unverified);
  EXPECT_EQ(claim->owner, Owner::Support);
  EXPECT_THAT(claim->evidence, Contains("E13"));
  EXPECT_EQ(find_finding(r, "Attached our Q4"), nullptr);  // the request is not a claim
}

TEST(FindingsBuilder, EscalatedQuestionsHaveOwnersAndBlockingFlags) {
  const FindingsResult r = build(testing::escalated_scenario());
  const OpenQuestion* copies = find_question(r, "copies");
  ASSERT_NE(copies, nullptr);
  EXPECT_EQ(copies->owner, Owner::Security);
  EXPECT_TRUE(copies->blocking);
  const OpenQuestion* egress = find_question(r, "198.51.100.77");
  ASSERT_NE(egress, nullptr);
  EXPECT_EQ(egress->owner, Owner::Security);
  const OpenQuestion* expiry = find_question(r, "7 days");
  ASSERT_NE(expiry, nullptr);
  EXPECT_EQ(expiry->owner, Owner::Engineering);
  EXPECT_NE(find_question(r, "identity provider grant a token refresh"), nullptr);
  EXPECT_NE(find_question(r, "console check the user's status"), nullptr);
  const OpenQuestion* told = find_question(r, "customer been told");
  ASSERT_NE(told, nullptr);
  EXPECT_EQ(told->owner, Owner::Support);
  for (std::size_t i = 0; i < r.questions.size(); ++i) {
    EXPECT_EQ(r.questions[i].id, "Q" + std::to_string(i + 1));
    EXPECT_EQ(r.questions[i].state, QuestionState::Open);
  }
}

TEST(FindingsBuilder, ConfirmedFindingsAlwaysCiteEvidence) {
  for (const auto& s : {testing::escalated_scenario(), testing::benign_scenario(),
                        testing::cannot_rule_out_scenario()}) {
    const FindingsResult r = build(s, true);
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
      EXPECT_EQ(r.findings[i].id, "F" + std::to_string(i + 1));
      if (r.findings[i].status == FindingStatus::Confirmed) {
        EXPECT_FALSE(r.findings[i].evidence.empty()) << r.findings[i].statement;
      }
    }
  }
}

TEST(FindingsBuilder, IsDeterministic) {
  const FindingsResult a = build(testing::escalated_scenario(), true);
  const FindingsResult b = build(testing::escalated_scenario(), true);
  ASSERT_EQ(a.findings.size(), b.findings.size());
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    EXPECT_EQ(a.findings[i].statement, b.findings[i].statement);
    EXPECT_EQ(a.findings[i].evidence, b.findings[i].evidence);
  }
  ASSERT_EQ(a.questions.size(), b.questions.size());
}

TEST(FindingsBuilder, BenignVariantIsABlockedAttemptWithAStandingCaveat) {
  const FindingsResult r = build(testing::benign_scenario());
  const Finding* blocked = find_finding(r, "no successful access");
  ASSERT_NE(blocked, nullptr);
  EXPECT_EQ(blocked->status, FindingStatus::Confirmed);
  EXPECT_THAT(blocked->statement, HasSubstr("was refused"));
  EXPECT_THAT(blocked->evidence, IsSupersetOf({"E9", "E7", "E8"}));
  const Finding* refuted = find_finding(r, "stayed usable after deprovisioning");
  ASSERT_NE(refuted, nullptr);
  EXPECT_EQ(refuted->status, FindingStatus::Refuted);
  EXPECT_THAT(refuted->evidence, IsSupersetOf({"E5", "E6"}));
  for (const Finding& f : r.findings) EXPECT_NE(f.status, FindingStatus::Hypothesis) << f.statement;
  EXPECT_EQ(find_finding(r, "successful download"), nullptr);
  EXPECT_EQ(find_question(r, "copies"), nullptr);
  EXPECT_EQ(find_question(r, "lifetime"), nullptr);  // 900 s presigns are not a control failure
  const OpenQuestion* caveat = find_question(r, "best-effort");
  ASSERT_NE(caveat, nullptr);
  EXPECT_EQ(caveat->owner, Owner::Security);
  EXPECT_TRUE(caveat->blocking);  // it blocks an all-clear, not a careful update
}

TEST(FindingsBuilder, CannotRuleOutBecomesHypothesisWithBlockingQuestion) {
  const FindingsResult r = build(testing::cannot_rule_out_scenario());
  const Finding* unknown = find_finding(r, "could not be attributed");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->status, FindingStatus::Hypothesis);
  EXPECT_THAT(unknown->evidence, Contains("E10"));
  EXPECT_EQ(find_finding(r, "no successful access"), nullptr);
  const OpenQuestion* who = find_question(r, "unattributed reads");
  ASSERT_NE(who, nullptr);
  EXPECT_TRUE(who->blocking);
  EXPECT_EQ(who->owner, Owner::Security);
  EXPECT_THAT(who->question, HasSubstr("E10"));
  for (const Finding& f : r.findings) {
    if (f.status == FindingStatus::Confirmed) {
      EXPECT_THAT(f.evidence, ::testing::Not(Contains("E10"))) << f.statement;
    }
  }
}

TEST(FindingsBuilder, PolicyRuleWithoutACoveringFindingBecomesAHypothesis) {
  testing::Scenario s = testing::benign_scenario();
  s.decision.escalate = true;
  s.decision.matches = {RuleMatch{"custom-rule", "d", Severity::High, "something odd", {"E99"}}};
  const FindingsResult r = build(s);
  const Finding* f = find_finding(r, "custom-rule");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, FindingStatus::Hypothesis);
}

}  // namespace
}  // namespace ec::copilot
