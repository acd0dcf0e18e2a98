#include "plugin/core/measures.h"

#include <gtest/gtest.h>

namespace ec {
namespace {

DraftVersion version(int n, const std::string& by, std::vector<Statement> statements) {
  DraftVersion v;
  v.case_id = "C";
  v.draft_id = "D1";
  v.version = n;
  v.created_by = by;
  v.statements = std::move(statements);
  seal(v);
  return v;
}

TEST(Measures, WordEditDistance) {
  EXPECT_EQ(word_edit_distance("a b c", "a b c"), 0u);
  EXPECT_EQ(word_edit_distance("a b c", "a x c"), 1u);
  EXPECT_EQ(word_edit_distance("a b c", "a c"), 1u);
  EXPECT_EQ(word_edit_distance("", "a b"), 2u);
  // Shared prefixes and suffixes (trimmed before the table) overlapping repeated words.
  EXPECT_EQ(word_edit_distance("a a", "a"), 1u);
  EXPECT_EQ(word_edit_distance("a b a", "a"), 2u);
  EXPECT_EQ(word_edit_distance("x a b", "a b x"), 2u);
  EXPECT_EQ(word_edit_distance("a b c d", "a b X c d"), 1u);
  EXPECT_EQ(word_edit_distance("a b", "a b a b"), 2u);
}

TEST(Measures, ApprovedEditTouchingCertaintyAndTheSendOrder) {
  Case c;
  c.id = "C";
  c.created_at = Timestamp{} + std::chrono::hours(1);
  const auto agent = version(1, "copilot",
                             {{Section::BeingVerified, "We may have a second download.",
                               Authorship::Agent, {}, {"F2"}},
                              {Section::NextSteps, "Our security team will report back.",
                               Authorship::Agent, {}, {}}});
  const auto edited = version(2, "U0LEAD",
                              {{Section::BeingVerified, "We have a second download.",
                                Authorship::HumanEdited, {}, {"F2"}},
                               {Section::NextSteps, "Our security team will report back.",
                                Authorship::Agent, {}, {}}});
  Approval a{"C", "D1", 2, edited.content_hash, "U0LEAD",
             c.created_at + std::chrono::minutes(45), ""};
  OutboxMessage sent;
  sent.id = 7;
  sent.payload = {{"draft_id", "D1"}, {"version", 2}};
  sent.created_at = a.approved_at - std::chrono::minutes(1);  // enqueued before it was approved
  const CaseMeasures m = compute_measures(c, {agent, edited}, {a}, {sent});
  EXPECT_EQ(m.seconds_to_first_approved_update, 45 * 60);
  ASSERT_EQ(m.approved_edits.size(), 1u);
  EXPECT_EQ(m.approved_edits[0].agent_version, 1);
  EXPECT_EQ(m.approved_edits[0].edit_distance, 1u);
  EXPECT_TRUE(m.approved_edits[0].touched_certainty);
  EXPECT_FALSE(m.approved_edits[0].touched_ownership);
  ASSERT_EQ(m.sent.size(), 1u);
  EXPECT_EQ(m.sent[0].claims, std::vector<std::string>{"F2"});
  EXPECT_FALSE(m.sent[0].approved_before_send);
  EXPECT_FALSE(m.all_sent_claims_approved_first);
  EXPECT_FALSE(m.handoff.has_value());
}

TEST(Measures, HandoffCompleteness) {
  DraftVersion h = version(1, "copilot",
                           {{Section::Facts, "E7 shows a download.", Authorship::Agent, {"E7"}, {"F1"}},
                            {Section::Questions, "Q1 (security): who used the link?",
                             Authorship::Agent, {}, {}},
                            {Section::Actions, "Revoke the presigner key.", Authorship::Agent, {}, {}}});
  h.kind = DraftKind::Handoff;
  const CaseMeasures m = compute_measures(Case{}, {h}, {}, {});
  ASSERT_TRUE(m.handoff.has_value());
  EXPECT_EQ(m.handoff->facts_with_evidence, 1u);
  EXPECT_EQ(m.handoff->questions_with_owner, 1u);
  EXPECT_TRUE(m.handoff->actions_present);
  EXPECT_DOUBLE_EQ(m.handoff->score, 1.0);
  EXPECT_TRUE(m.all_sent_claims_approved_first);
}

}  // namespace
}  // namespace ec
