// The neutral approval card: what it shows and offers, and the action references that name
// the exact version.
#include "plugin/core/draft_card.h"

#include <gtest/gtest.h>

namespace ec {
namespace {

struct Fixture {
  Case c;
  DraftVersion v;
  std::vector<Approval> approvals;
  Fixture() {
    c.id = "CASE-48213";
    c.ticket_ref = "48213";
    c.lead = "U0LEAD";
    c.state = CaseState::Investigating;
    v.case_id = c.id;
    v.draft_id = "D1";
    v.version = 3;
    v.statements = {{Section::Confirmed, "We confirmed X.", Authorship::Agent, {"E7"}, {}},
                    {Section::Confirmed, "We also saw Y.", Authorship::HumanEdited, {}, {}},
                    {Section::BeingVerified, "We are checking Z.", Authorship::Agent, {}, {}},
                    {Section::NextSteps, "Security owns the review.", Authorship::Human, {}, {}}};
    seal(v);
  }
  std::vector<std::string> blocking;
  std::vector<ChangeRequest> changes;
  DraftCard card() const {
    DraftCardInput in;
    in.change_requests = &changes;
    in.blocking_issues = blocking;
    in.c = &c;
    in.version = &v;
    in.approvals = &approvals;
    in.recipient = "ticket 48213";
    return build_draft_card(in);
  }
};

TEST(DraftCard, UnapprovedCardShowsTheThreePartsAndOffersFourActions) {
  Fixture f;
  const DraftCard card = f.card();
  EXPECT_EQ(card.state_label, "UNAPPROVED");
  ASSERT_EQ(card.sections.size(), 3u);
  EXPECT_EQ(card.sections[0].statements.size(), 2u);
  EXPECT_EQ(card.sections[0].statements[1].author, Authorship::HumanEdited);
  ASSERT_EQ(card.actions.size(), 4u);
  EXPECT_EQ(card.actions[0].kind, CardActionKind::Approve);
  ASSERT_TRUE(card.actions[0].confirm.has_value());
  EXPECT_NE(card.actions[0].confirm->text.find("ticket 48213"), std::string::npos);
  EXPECT_NE(card.actions[0].confirm->text.find("D1 v3"), std::string::npos);
  EXPECT_EQ(card.actions[0].ref.version, 3);
  EXPECT_EQ(card.actions[0].ref.content_hash, f.v.content_hash);
  EXPECT_FALSE(card.hold.has_value());
}

TEST(DraftCard, ApprovalOfThisExactContentRemovesTheButtons) {
  Fixture f;
  f.approvals.push_back({f.c.id, "D1", 3, f.v.content_hash, "U0LEAD", {}, ""});
  const DraftCard card = f.card();
  EXPECT_EQ(card.state_label, "APPROVED");
  EXPECT_TRUE(card.actions.empty());
  // An approval of other content (an older hash) does not count.
  Fixture g;
  g.approvals.push_back({g.c.id, "D1", 3, std::string(64, 'a'), "U0LEAD", {}, ""});
  EXPECT_EQ(g.card().state_label, "UNAPPROVED");
}

TEST(DraftCard, ChangesRequestedShowWhoAndWhyAndDropApprove) {
  Fixture f;
  f.changes.push_back({f.c.id, "D1", 3, f.v.content_hash, "U0OTHER", "name the owner", {}});
  const DraftCard card = f.card();
  EXPECT_EQ(card.state_label, "CHANGES REQUESTED");
  ASSERT_TRUE(card.changes_requested.has_value());
  EXPECT_EQ(card.changes_requested->requested_by, "U0OTHER");
  EXPECT_EQ(card.changes_requested->reason, "name the owner");
  ASSERT_EQ(card.actions.size(), 2u);
  EXPECT_EQ(card.actions[0].kind, CardActionKind::Edit);
  EXPECT_EQ(card.actions[1].kind, CardActionKind::Reveal);
  // A request on another version (an older hash) does not count for this one.
  Fixture g;
  g.changes.push_back({g.c.id, "D1", 2, std::string(64, 'b'), "U0OTHER", "old", {}});
  EXPECT_EQ(g.card().state_label, "UNAPPROVED");
  EXPECT_EQ(g.card().actions.size(), 4u);
}

TEST(DraftCard, BlockingIssuesShowUntilTheVersionIsApproved) {
  Fixture f;
  f.blocking = {"\"We confirmed X.\" states a hypothesis as fact"};
  ASSERT_EQ(f.card().blocking_issues.size(), 1u);
  EXPECT_EQ(f.card().blocking_issues[0], f.blocking[0]);
  f.approvals.push_back({f.c.id, "D1", 3, f.v.content_hash, "U0LEAD", {}, ""});
  EXPECT_TRUE(f.card().blocking_issues.empty());
}

TEST(DraftCard, SecurityHoldIsShown) {
  Fixture f;
  f.c.state = CaseState::SecurityEscalated;
  ASSERT_TRUE(f.card().hold.has_value());
  f.c.security_acknowledged_by = "U0SEC";
  EXPECT_FALSE(f.card().hold.has_value());
}

TEST(DraftCard, ActionRefRoundTripsAndRejectsForgeries) {
  Fixture f;
  const CardActionRef ref{CardActionKind::Edit, "CASE-48213", "D1", 3, f.v.content_hash};
  auto parsed = parse_action_ref(encode_action_ref(ref));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->kind, CardActionKind::Edit);
  EXPECT_EQ(parsed->version, 3);
  EXPECT_EQ(parsed->content_hash, f.v.content_hash);
  for (const std::string& bad :
       {std::string("{\"draft\":3}"), std::string("ec1|approve|CASE-1|D1|0|") + f.v.content_hash,
        std::string("ec1|approve|CASE-1|D1|x|") + f.v.content_hash,
        std::string("ec1|approve|CASE-1|D1|3|ABC"), std::string("ec1|drop|CASE-1|D1|3|") + f.v.content_hash,
        std::string("ec1|approve|CASE 1|D1|3|") + f.v.content_hash,
        std::string("ec2|approve|CASE-1|D1|3|") + f.v.content_hash}) {
    EXPECT_FALSE(parse_action_ref(bad).has_value()) << bad;
  }
  auto ack = parse_action_ref(
      encode_action_ref({CardActionKind::AcknowledgeSecurity, "CASE-1", "", 0, ""}));
  ASSERT_TRUE(ack.has_value()) << ack.error().message;
  EXPECT_EQ(ack->case_id, "CASE-1");
}

TEST(DraftCard, SentenceAtFindsTheSentenceAroundAnOffset) {
  const std::string text = "First one. No data was accessed! Third?\nFourth line";
  EXPECT_EQ(sentence_at(text, text.find("data")), "No data was accessed!");
  EXPECT_EQ(sentence_at(text, 0), "First one.");
  EXPECT_EQ(sentence_at(text, text.find("Fourth")), "Fourth line");
}

}  // namespace
}  // namespace ec
