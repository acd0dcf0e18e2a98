#include "plugin/copilot/drafter.h"

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin/copilot/findings_builder.h"
#include "plugin/copilot/text_util.h"
#include "tests/plugin/copilot/scenario_fixture.h"

namespace ec::copilot {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Drafted {
  testing::Scenario scenario;
  FindingsResult analysis;
  DraftVersion update;
  LintContext context;
};

DraftOptions options() { return {testing::at("2025-03-12T09:52:00Z"), std::chrono::hours(24)}; }

Drafted draft(testing::Scenario s, Redactor& r, std::vector<CustomerClaim> claims = {}) {
  Drafted d{std::move(s), {}, {}, {}};
  d.analysis =
      build_findings(d.scenario.correlation, d.scenario.decision, d.scenario.evidence, claims);
  const Case c = testing::scenario_case();
  d.update = draft_customer_update(c, d.analysis.findings, d.analysis.questions,
                                   d.scenario.decision, r, options());
  d.context = lint_context_for(c, d.analysis.findings, d.analysis.questions, d.scenario.decision);
  return d;
}

std::string describe(const std::vector<LintFinding>& findings) {
  std::string out;
  for (const auto& f : findings) out += f.rule_id + ": '" + f.excerpt + "'\n";
  return out;
}

void expect_no_raw_values(const std::string& text) {
  for (const std::string& raw : testing::raw_sensitive_values()) {
    EXPECT_THAT(text, Not(HasSubstr(raw))) << raw;
  }
}

TEST(Drafter, CustomerUpdateHasThreeLabelledParts) {
  Redactor r("CASE-48213");
  const Drafted d = draft(testing::escalated_scenario(), r);
  const std::string text = render_draft_text(d.update);
  EXPECT_THAT(text, HasSubstr("## What we have confirmed"));
  EXPECT_THAT(text, HasSubstr("## What we are still verifying"));
  EXPECT_THAT(text, HasSubstr("## Who owns each next step"));
  EXPECT_LT(text.find("What we have confirmed"), text.find("What we are still verifying"));
  EXPECT_LT(text.find("What we are still verifying"), text.find("Who owns each next step"));
  EXPECT_EQ(d.update.kind, DraftKind::CustomerUpdate);
  EXPECT_EQ(d.update.created_by, "copilot");
  EXPECT_EQ(d.update.case_id, "CASE-48213");
  EXPECT_FALSE(d.update.content_hash.empty());
  for (const Statement& s : d.update.statements) EXPECT_EQ(s.author, Authorship::Agent);
}

TEST(Drafter, CustomerUpdateLintsCleanInEveryVariant) {
  const auto claims = customer_claims(testing::scenario_ticket());
  for (const auto& s : {testing::escalated_scenario(), testing::benign_scenario(),
                        testing::cannot_rule_out_scenario()}) {
    Redactor r("CASE-48213");
    const Drafted d = draft(s, r, claims);
    const std::string text = render_draft_text(d.update);
    EXPECT_TRUE(d.context.access_unresolved);
    const auto findings = lint(text, d.context);
    EXPECT_TRUE(findings.empty()) << describe(findings) << text;
    EXPECT_TRUE(lint(text).empty()) << "cautious defaults\n" << text;
    const std::string lower = to_lower_ascii(text);
    EXPECT_THAT(lower, Not(HasSubstr("no data was accessed")));
    EXPECT_THAT(lower, Not(HasSubstr("breach")));
    expect_no_raw_values(text);
  }
}

TEST(Drafter, OnlyConfirmedFindingsAreStatedAsFact) {
  Redactor r("CASE-48213");
  const Drafted d = draft(testing::escalated_scenario(), r);
  for (const Statement& s : d.update.statements) {
    for (const std::string& id : s.findings) {
      const auto f = std::find_if(d.analysis.findings.begin(), d.analysis.findings.end(),
                                  [&](const Finding& x) { return x.id == id; });
      ASSERT_NE(f, d.analysis.findings.end());
      if (f->status == FindingStatus::Hypothesis || f->status == FindingStatus::Unverified) {
        EXPECT_EQ(s.section, Section::BeingVerified) << s.text;
      }
      if (f->status == FindingStatus::Confirmed) {
        EXPECT_EQ(s.section, Section::Confirmed);
        EXPECT_EQ(s.evidence, f->evidence);
        EXPECT_FALSE(s.evidence.empty());
      }
    }
  }
  const std::string text = render_draft_text(d.update);
  EXPECT_THAT(text, HasSubstr("3 successful downloads of 2 customer attachments (<ATTACHMENT_1> "
                              "and <ATTACHMENT_2>)"));
  EXPECT_THAT(text, HasSubstr("We are still verifying the following and have not concluded it: "
                              "the person who held the deprovisioned account"));
}

TEST(Drafter, EveryNextStepNamesAnOwnerAndAnOwnedTime) {
  Redactor r("CASE-48213");
  const Drafted d = draft(testing::escalated_scenario(), r);
  int steps = 0;
  for (const Statement& s : d.update.statements) {
    if (s.section != Section::NextSteps) continue;
    ++steps;
    EXPECT_THAT(s.text, ::testing::ContainsRegex("(security|engineering|support) team")) << s.text;
  }
  EXPECT_GE(steps, 3);
  EXPECT_THAT(render_draft_text(d.update),
              HasSubstr("Our support team remains your point of contact and will send you the next "
                        "update by 2025-03-13T09:52:00Z."));
}

TEST(Drafter, WithoutADraftingTimeNextStepsUseARelativeDeadline) {
  Redactor r("CASE-48213");
  const testing::Scenario s = testing::escalated_scenario();
  const FindingsResult a = build_findings(s.correlation, s.decision, s.evidence);
  const DraftVersion v =
      draft_customer_update(testing::scenario_case(), a.findings, a.questions, s.decision, r);
  const std::string text = render_draft_text(v);
  EXPECT_THAT(text, Not(HasSubstr("1970")));
  EXPECT_THAT(text, HasSubstr("will send you the next update within 24 hours."));
  EXPECT_TRUE(lint(text).empty()) << text;
}

TEST(Drafter, BenignUpdateStatesTheBlockedAttemptButNoAllClear) {
  Redactor r("CASE-48213");
  const Drafted d = draft(testing::benign_scenario(), r);
  const std::string text = render_draft_text(d.update);
  EXPECT_THAT(text, HasSubstr("no successful access by this account after deprovisioning was "
                              "found in the available logs"));
  EXPECT_THAT(text, HasSubstr("Storage logs can miss or delay records"));
  EXPECT_THAT(text, HasSubstr("we have ruled it out"));
}

TEST(Drafter, CustomerClaimIsQuotedBackAsUnverified) {
  Redactor r("CASE-48213");
  const Drafted d =
      draft(testing::escalated_scenario(), r, customer_claims(testing::scenario_ticket()));
  EXPECT_THAT(render_draft_text(d.update),
              HasSubstr("which we have not verified yet. You reported: \"Your former contractor"));
}

TEST(Drafter, WordingTheLinterWouldFlagIsReplaced) {
  Redactor r("CASE-48213");
  const std::vector<CustomerClaim> claims{
      {testing::at("2025-03-12T08:31:05Z"), "This is definitely a breach by your contractor."}};
  const Drafted d = draft(testing::escalated_scenario(), r, claims);
  const std::string text = render_draft_text(d.update);
  EXPECT_THAT(text, Not(HasSubstr("breach")));
  EXPECT_TRUE(lint(text, d.context).empty()) << text;
}

TEST(Drafter, HandoffCarriesFactsQuestionsActionsAndTimeline) {
  Redactor r("CASE-48213");
  const TicketSummary summary = summarize_ticket(testing::scenario_ticket(), r);
  const testing::Scenario s = testing::escalated_scenario();
  const FindingsResult analysis = build_findings(s.correlation, s.decision, s.evidence,
                                                 customer_claims(testing::scenario_ticket()));
  const HandoffInputs inputs{s.correlation, s.decision, s.evidence, analysis.findings,
                             analysis.questions};
  const DraftVersion h = draft_handoff(testing::scenario_case(), inputs, summary, r, options());
  const std::string text = render_draft_text(h);
  EXPECT_EQ(h.kind, DraftKind::Handoff);
  EXPECT_EQ(h.created_by, "copilot");
  for (const char* title :
       {"## Reproduced facts", "## Hypotheses (not verified)", "## Open questions and owners",
        "## Requested next actions", "## Timeline"}) {
    EXPECT_THAT(text, HasSubstr(title));
  }
  EXPECT_THAT(text, HasSubstr("Severity: critical."));
  EXPECT_THAT(
      text,
      HasSubstr("Affected objects: support-attachments/tickets/48213/att_9f3c/<ATTACHMENT_1>"));
  EXPECT_THAT(text, HasSubstr("Revoke the signing key behind the presigned URLs (<TOKEN_"));
  EXPECT_THAT(text, HasSubstr("Clear all sessions and revoke all tokens"));
  EXPECT_THAT(text, HasSubstr("Shorten presigned URL expiry"));
  EXPECT_THAT(text, HasSubstr("Preserve the storage access logs"));
  EXPECT_THAT(text, HasSubstr("(owner: security, blocking, open): Were copies"));
  EXPECT_THAT(text, HasSubstr("[E1, E4]"));
  EXPECT_THAT(text, HasSubstr("ticket: 2025-03-12T08:31:05Z customer (end-user) wrote"));
  for (const Statement& st : h.statements) {
    if (st.section == Section::Actions) {
      EXPECT_THAT(st.text, HasSubstr("(owner: ")) << st.text;
    }
    if (st.section == Section::Facts) {
      EXPECT_FALSE(st.evidence.empty()) << st.text;
    }
    EXPECT_EQ(st.author, Authorship::Agent);
  }
  expect_no_raw_values(text);
  for (const LintFinding& f : lint(text)) EXPECT_NE(f.rule_id, "raw-sensitive-value") << f.excerpt;
}

DraftVersion handoff_for(const testing::Scenario& s, Redactor& r) {
  const TicketSummary summary = summarize_ticket(testing::scenario_ticket(), r);
  const FindingsResult analysis = build_findings(s.correlation, s.decision, s.evidence,
                                                 customer_claims(testing::scenario_ticket()));
  const HandoffInputs inputs{s.correlation, s.decision, s.evidence, analysis.findings,
                             analysis.questions};
  return draft_handoff(testing::scenario_case(), inputs, summary, r, options());
}

TEST(Drafter, HandoffSectionsAppearOnceEach) {
  for (const auto& s : {testing::escalated_scenario(), testing::benign_scenario(),
                        testing::cannot_rule_out_scenario()}) {
    Redactor r("CASE-48213");
    const std::string text = render_draft_text(handoff_for(s, r));
    std::size_t headings = 0;
    for (std::size_t at = text.find("## "); at != std::string::npos;
         at = text.find("## ", at + 3)) {
      ++headings;
    }
    std::set<std::string> titles;
    for (std::size_t at = text.find("## "); at != std::string::npos;
         at = text.find("## ", at + 3)) {
      titles.insert(text.substr(at, text.find('\n', at) - at));
    }
    EXPECT_EQ(headings, titles.size()) << text;
    expect_no_raw_values(text);
  }
}

TEST(Drafter, BenignHandoffAsksForNoContainmentItDoesNotNeed) {
  Redactor r("CASE-48213");
  const std::string text = render_draft_text(handoff_for(testing::benign_scenario(), r));
  EXPECT_THAT(text, Not(HasSubstr("Revoke the signing key")));
  EXPECT_THAT(text, Not(HasSubstr("Clear all sessions")));
  EXPECT_THAT(text, HasSubstr("Preserve the storage access logs"));
  EXPECT_THAT(text, HasSubstr("F2 (refuted): "));
  EXPECT_THAT(text, HasSubstr("No security policy rule fired"));
}

TEST(Drafter, SameInputsGiveTheSameContentHash) {
  Redactor a("CASE-48213");
  Redactor b("CASE-48213");
  EXPECT_EQ(draft(testing::escalated_scenario(), a).update.content_hash,
            draft(testing::escalated_scenario(), b).update.content_hash);
}

}  // namespace
}  // namespace ec::copilot
