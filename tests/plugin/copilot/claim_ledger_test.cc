#include "plugin/copilot/claim_ledger.h"

#include <gtest/gtest.h>

#include "plugin/copilot/approval_checks.h"
#include "plugin/copilot/drafter.h"
#include "plugin/copilot/findings_builder.h"
#include "tests/plugin/copilot/scenario_fixture.h"

namespace ec::copilot {
namespace {

struct Drafted {
  FindingsResult analysis;
  DraftVersion update;
};

Drafted draft(const testing::Scenario& s, Redactor& r) {
  Drafted d;
  d.analysis = build_findings(s.correlation, s.decision, s.evidence,
                              customer_claims(testing::scenario_ticket()));
  for (Finding& f : d.analysis.findings) f.statement = r.redact(f.statement);
  d.update = draft_customer_update(testing::scenario_case(), d.analysis.findings,
                                   d.analysis.questions, s.decision, r,
                                   {testing::at("2025-03-12T09:52:00Z"), std::chrono::hours(24)});
  return d;
}

std::string describe(const std::vector<GroundingIssue>& issues) {
  std::string out;
  for (const auto& i : issues) out += describe_issue(i) + "\n";
  return out;
}

TEST(ClaimLedger, EverySentenceOfTheAgentsDraftIsGroundedInEveryScenario) {
  for (const auto& scenario : {testing::escalated_scenario(), testing::benign_scenario(),
                               testing::cannot_rule_out_scenario()}) {
    Redactor r("CASE-48213");
    const Drafted d = draft(scenario, r);
    const ClaimLedger ledger = build_claim_ledger(d.update, d.analysis.findings);
    ASSERT_GE(ledger.entries.size(), d.update.statements.size());
    EXPECT_TRUE(check_grounding(ledger).empty()) << describe(check_grounding(ledger));
    // Every finding the draft states appears in the ledger with its evidence.
    for (const LedgerEntry& e : ledger.entries) {
      for (const std::string& id : e.claim_ids) {
        const Finding* f = ledger.find(id);
        ASSERT_NE(f, nullptr) << id;
        for (const std::string& ev : f->evidence) {
          EXPECT_NE(std::find(e.evidence.begin(), e.evidence.end(), ev), e.evidence.end());
        }
      }
    }
  }
}

TEST(ClaimLedger, LeadEditThatStatesAHypothesisAsFactCannotBeApproved) {
  Redactor r("CASE-48213");
  const Drafted d = draft(testing::escalated_scenario(), r);
  // Find the hedged hypothesis statement and strip its hedge, as a hurried lead might.
  std::string text = render_draft_text(d.update);
  const std::string hedge = "We are still verifying the following and have not concluded it: ";
  const auto pos = text.find(hedge);
  ASSERT_NE(pos, std::string::npos) << text;
  text.erase(pos, hedge.size());
  const DraftVersion edited =
      make_edited_version(d.update, text, "U0LEAD", testing::at("2025-03-12T10:00:00Z"));
  const auto issues = grounding_issues(edited, d.analysis.findings);
  ASSERT_FALSE(issues.empty());
  EXPECT_EQ(issues[0].rule, GroundingRule::HypothesisAsFact);
  EXPECT_EQ(edited.statements[issues[0].statement_index].author, Authorship::HumanEdited);

  Case c = testing::scenario_case();
  c.state = CaseState::Investigating;
  const auto blocking = blocking_issues(edited, c, d.analysis.findings);
  ASSERT_FALSE(blocking.empty());
  EXPECT_NE(blocking[0].find("hypothesis"), std::string::npos) << blocking[0];
}

TEST(ClaimLedger, AddedHumanSentenceWithoutClaimIsFlagged) {
  Redactor r("CASE-48213");
  const Drafted d = draft(testing::benign_scenario(), r);
  std::string text = render_draft_text(d.update);
  text.insert(text.find("## What we are still verifying"),
              "- Nobody outside your company opened the invoice backup.\n");
  const DraftVersion edited =
      make_edited_version(d.update, text, "U0LEAD", testing::at("2025-03-12T10:00:00Z"));
  const auto issues = grounding_issues(edited, d.analysis.findings);
  ASSERT_EQ(issues.size(), 1u) << describe(issues);
  EXPECT_EQ(issues[0].rule, GroundingRule::UngroundedAssertion);
  EXPECT_EQ(issues[0].sentence, "Nobody outside your company opened the invoice backup.");
}

TEST(ClaimLedger, HandoffsAreNotCustomerFacing) {
  DraftVersion handoff;
  handoff.kind = DraftKind::Handoff;
  handoff.statements.push_back({Section::Hypotheses, "The link was forwarded.", Authorship::Agent,
                                {}, {"F9"}});
  EXPECT_TRUE(grounding_issues(handoff, {}).empty());
}

}  // namespace
}  // namespace ec::copilot
