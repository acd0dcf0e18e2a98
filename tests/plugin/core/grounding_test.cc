#include "plugin/core/grounding.h"

#include <gtest/gtest.h>

namespace ec {
namespace {

ClaimLedger ledger_with(Section section, const std::string& sentence,
                        std::vector<std::string> claim_ids,
                        Authorship author = Authorship::Agent) {
  ClaimLedger ledger;
  ledger.claims = {
      {"F1", "The account was deactivated at 09:14.", FindingStatus::Confirmed, {"E3"}},
      {"F2", "The contractor opened the file.", FindingStatus::Hypothesis, {"E9"}},
      {"F3", "The customer reports figures were quoted.", FindingStatus::Unverified, {}},
      {"F4", "A session outlived the deactivation.", FindingStatus::Refuted, {"E5"}},
  };
  ledger.entries.push_back({0, section, author, sentence, std::move(claim_ids), {}});
  return ledger;
}

std::vector<GroundingIssue> check(Section section, const std::string& sentence,
                                  std::vector<std::string> ids,
                                  Authorship author = Authorship::Agent) {
  return check_grounding(ledger_with(section, sentence, std::move(ids), author));
}

TEST(Grounding, ConfirmedClaimMayBeStatedAsFact) {
  EXPECT_TRUE(check(Section::Confirmed, "The account was deactivated at 09:14.", {"F1"}).empty());
}

TEST(Grounding, HypothesisMustBeHedgedAndInTheVerificationPart) {
  const auto as_fact = check(Section::BeingVerified, "The contractor opened the file.", {"F2"});
  ASSERT_EQ(as_fact.size(), 1u);
  EXPECT_EQ(as_fact[0].rule, GroundingRule::HypothesisAsFact);
  EXPECT_EQ(as_fact[0].sentence, "The contractor opened the file.");
  EXPECT_NE(as_fact[0].reason.find("F2 (hypothesis)"), std::string::npos);

  const auto wrong_part =
      check(Section::Confirmed, "We are still verifying whether the contractor opened it.", {"F2"});
  ASSERT_EQ(wrong_part.size(), 1u);
  EXPECT_EQ(wrong_part[0].rule, GroundingRule::HypothesisOutsideVerification);

  EXPECT_TRUE(check(Section::BeingVerified,
                    "We are still verifying whether the contractor opened the file.", {"F2"})
                  .empty());
}

TEST(Grounding, UnverifiedAndRefutedAreNeverFacts) {
  EXPECT_EQ(check(Section::Confirmed, "Figures were quoted from your invoice.", {"F3"}).at(0).rule,
            GroundingRule::UnverifiedAsFact);
  EXPECT_TRUE(check(Section::BeingVerified,
                    "You reported that figures were quoted; we have not verified this yet.",
                    {"F3"})
                  .empty());
  EXPECT_EQ(check(Section::Confirmed, "A session outlived the deactivation.", {"F4"}).at(0).rule,
            GroundingRule::RefutedAsFact);
  EXPECT_TRUE(check(Section::Confirmed,
                    "Our records contradict this, so we have ruled it out: a session outlived "
                    "the deactivation.",
                    {"F4"})
                  .empty());
}

TEST(Grounding, HumanSentenceWithoutClaimThatAssertsIsFlagged) {
  const auto issues = check(Section::Confirmed, "No files were downloaded by the contractor.", {},
                            Authorship::Human);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].rule, GroundingRule::UngroundedAssertion);
  EXPECT_NE(issues[0].reason.find("human-written"), std::string::npos);
  // Hedged text, questions, courtesy and owned commitments assert nothing.
  EXPECT_TRUE(check(Section::BeingVerified, "We are checking the CDN logs as well.", {},
                    Authorship::Human).empty());
  EXPECT_TRUE(check(Section::Confirmed, "Thank you for your patience.", {}, Authorship::Human)
                  .empty());
  EXPECT_TRUE(check(Section::NextSteps, "Our security team will report back by Friday.", {},
                    Authorship::Human).empty());
  EXPECT_EQ(check(Section::NextSteps, "The contractor downloaded three files.", {},
                  Authorship::Human).size(), 1u);
}

TEST(Grounding, UnknownClaimIdIsAnIssue) {
  const auto issues = check(Section::Confirmed, "The account was deactivated.", {"F99"});
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].rule, GroundingRule::UnknownClaim);
  EXPECT_NE(describe_issue(issues[0]).find("F99"), std::string::npos);
}

TEST(Grounding, HedgesMatchOnWordBoundaries) {
  EXPECT_TRUE(is_hedged("This may have happened."));
  EXPECT_FALSE(is_hedged("Mayday: the file was opened."));
  EXPECT_TRUE(marks_ruled_out("We ruled out a reused session."));
  EXPECT_FALSE(marks_ruled_out("The session was reused."));
}

}  // namespace
}  // namespace ec

namespace ec {
namespace {

TEST(Grounding, AHumanSentenceMayCiteAConfirmedClaim) {
  DraftVersion v;
  v.case_id = "C";
  v.draft_id = "D1";
  v.statements.push_back({Section::Confirmed, "The account was deactivated at 09:14.",
                          Authorship::Agent, {"E3"}, {"F1"}});
  seal(v);
  const DraftVersion next = make_edited_version(
      v,
      "## What we have confirmed\n- The account was deactivated at 09:14.\n"
      "- Its sessions were cleared at 09:20. [F1, F5]\n- No files were opened [by anyone]\n",
      "U0LEAD", Timestamp{});
  ASSERT_EQ(next.statements.size(), 3u);
  EXPECT_EQ(next.statements[1].text, "Its sessions were cleared at 09:20.");
  EXPECT_EQ(next.statements[1].findings, (std::vector<std::string>{"F1", "F5"}));
  EXPECT_EQ(next.statements[1].author, Authorship::Human);
  // Brackets that are not a claim list stay text.
  EXPECT_EQ(next.statements[2].text, "No files were opened [by anyone]");
  EXPECT_TRUE(next.statements[2].findings.empty());
}

}  // namespace
}  // namespace ec
