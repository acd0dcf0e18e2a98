#include "plugin/core/approval.h"

#include <gtest/gtest.h>

#include "plugin/core/outbox.h"

namespace ec {
namespace {

Case make_case() {
  Case c;
  c.id = "CASE-1";
  c.lead = "U0LEAD";
  c.state = CaseState::Investigating;
  return c;
}

DraftVersion make_draft(DraftKind kind = DraftKind::CustomerUpdate, int version = 1) {
  DraftVersion v;
  v.case_id = "CASE-1";
  v.draft_id = "D1";
  v.kind = kind;
  v.version = version;
  v.statements.push_back({Section::Confirmed, "We confirmed the account was disabled.",
                          Authorship::Agent, {"E1"}, {"F1"}});
  seal(v);
  return v;
}

ApprovalRequest request_for(const Case& c, const DraftVersion& v, const std::string& approver) {
  ApprovalRequest r;
  r.c = &c;
  r.version = &v;
  r.latest_version = v.version;
  r.approver = approver;
  r.expected_hash = v.content_hash;
  return r;
}

TEST(Approval, OnlyTheAssignedLeadCanApprove) {
  const Case c = make_case();
  const DraftVersion v = make_draft();
  auto refused = decide_approval(request_for(c, v, "U0SOMEONE"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);
  EXPECT_NE(refused.error().message.find("U0LEAD"), std::string::npos);

  auto approved = decide_approval(request_for(c, v, "U0LEAD"));
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->approval.content_hash, v.content_hash);
  EXPECT_EQ(approved->approval.version, 1);
  EXPECT_FALSE(approved->already_recorded);
}

TEST(Approval, DoubleClickReturnsTheRecordedApprovalButNeverToANonLead) {
  const Case c = make_case();
  const DraftVersion v = make_draft();
  const Approval recorded = decide_approval(request_for(c, v, "U0LEAD"))->approval;
  const std::vector<Approval> existing{recorded};
  auto again = request_for(c, v, "U0LEAD");
  again.existing = &existing;
  auto second = decide_approval(again);
  ASSERT_TRUE(second.has_value());
  EXPECT_TRUE(second->already_recorded);
  auto outsider = request_for(c, v, "U0OUTSIDER");
  outsider.existing = &existing;
  EXPECT_EQ(decide_approval(outsider).error().code, ErrorCode::PermissionDenied);
}

TEST(Approval, StaleVersionIsRefused) {
  const Case c = make_case();
  const DraftVersion v = make_draft();
  auto r = request_for(c, v, "U0LEAD");
  r.latest_version = 2;
  auto refused = decide_approval(r);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
}

TEST(Approval, HashShownOnTheCardMustMatch) {
  const Case c = make_case();
  const DraftVersion v = make_draft();
  auto r = request_for(c, v, "U0LEAD");
  r.expected_hash = std::string(64, 'a');
  EXPECT_EQ(decide_approval(r).error().code, ErrorCode::FailedPrecondition);
}

TEST(Approval, EditAfterApprovalNeedsNewApproval) {
  const Case c = make_case();
  const DraftVersion v1 = make_draft();
  auto decision = decide_approval(request_for(c, v1, "U0LEAD"));
  ASSERT_TRUE(decision.has_value());
  const auto approval = &decision->approval;
  const DraftVersion v2 =
      make_edited_version(v1, "## What we have confirmed\n- We confirmed it was disabled.\n",
                          "U0LEAD", Timestamp{});
  EXPECT_EQ(v2.version, 2);
  EXPECT_NE(v2.content_hash, v1.content_hash);
  EXPECT_TRUE(approval_for_sending(v1, {*approval}).has_value());
  auto not_approved = approval_for_sending(v2, {*approval});
  ASSERT_FALSE(not_approved.has_value());
  EXPECT_EQ(not_approved.error().code, ErrorCode::FailedPrecondition);
}

TEST(Approval, SecurityHoldBlocksCustomerUpdatesUntilAcknowledged) {
  Case c = make_case();
  c.state = CaseState::SecurityEscalated;
  const DraftVersion update = make_draft(DraftKind::CustomerUpdate);
  auto held = decide_approval(request_for(c, update, "U0LEAD"));
  ASSERT_FALSE(held.has_value());
  EXPECT_EQ(held.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(held.error().message.find("security"), std::string::npos);

  const DraftVersion holding = make_draft(DraftKind::HoldingStatement);
  EXPECT_TRUE(decide_approval(request_for(c, holding, "U0LEAD")).has_value());
  const DraftVersion handoff = make_draft(DraftKind::Handoff);
  EXPECT_TRUE(decide_approval(request_for(c, handoff, "U0LEAD")).has_value());

  c.security_acknowledged_by = "U0SEC";
  EXPECT_TRUE(decide_approval(request_for(c, update, "U0LEAD")).has_value());
}

TEST(Approval, BlockingLintIssuesForbidApproval) {
  const Case c = make_case();
  const DraftVersion v = make_draft();
  auto r = request_for(c, v, "U0LEAD");
  r.blocking_issues = {"statement 1 \"The contractor downloaded it.\": cites F2 (hypothesis)"};
  const auto refused = decide_approval(r);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(refused.error().message.find("The contractor downloaded it."), std::string::npos);
}

TEST(Approval, RequestedChangesBlockThatVersionOnly) {
  const Case c = make_case();
  const DraftVersion v1 = make_draft();
  ChangeRequest changes{"CASE-1", "D1", 1, v1.content_hash, "U0OTHER", "name the owner",
                        Timestamp{}};
  EXPECT_TRUE(check_change_request(changes, v1, 1, {}).has_value());
  ChangeRequest no_reason = changes;
  no_reason.reason = "  ";
  EXPECT_EQ(check_change_request(no_reason, v1, 1, {}).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(check_change_request(changes, v1, 2, {}).error().code,
            ErrorCode::FailedPrecondition);  // stale
  const std::vector<ChangeRequest> requests = {changes};
  ApprovalRequest r = request_for(c, v1, "U0LEAD");
  r.change_requests = &requests;
  auto refused = decide_approval(r);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(refused.error().message.find("changes were requested by U0OTHER: name the owner"),
            std::string::npos);
  // The next version starts without it.
  const DraftVersion v2 = make_draft(DraftKind::CustomerUpdate, 2);
  ApprovalRequest next = request_for(c, v2, "U0LEAD");
  next.change_requests = &requests;
  EXPECT_TRUE(decide_approval(next).has_value());
  EXPECT_FALSE(change_request_for(v2, requests).has_value());
  // Too late once approved.
  Approval approved{"CASE-1", "D1", 2, v2.content_hash, "U0LEAD", Timestamp{}, ""};
  ChangeRequest late{"CASE-1", "D1", 2, v2.content_hash, "U0OTHER", "again", Timestamp{}};
  EXPECT_EQ(check_change_request(late, v2, 2, {approved}).error().code,
            ErrorCode::FailedPrecondition);
}

TEST(Outbox, OnlyAnApprovedVersionCanEnterTheOutbox) {
  Case c = make_case();
  const DraftVersion v = make_draft();
  auto refused =
      make_outbox_message_for_draft(c, v, {}, "U0LEAD", "file", "t", {{"text", "x"}}, Timestamp{});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);

  const std::vector<Approval> approvals{decide_approval(request_for(c, v, "U0LEAD"))->approval};
  auto first = make_outbox_message_for_draft(c, v, approvals, "U0LEAD", "file", "t", {}, Timestamp{});
  auto second = make_outbox_message_for_draft(c, v, approvals, "U0LEAD", "file", "t", {}, Timestamp{});
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->idempotency_key, second->idempotency_key);
  auto other = make_outbox_message_for_draft(c, v, approvals, "U0LEAD", "file", "other", {}, Timestamp{});
  EXPECT_NE(first->idempotency_key, other->idempotency_key);

  EXPECT_EQ(make_outbox_message_for_draft(c, v, approvals, "U0OTHER", "file", "t", {}, Timestamp{})
                .error().code,
            ErrorCode::PermissionDenied);
  // Approved before the escalation: the hold still applies at the moment of sending.
  c.state = CaseState::SecurityEscalated;
  EXPECT_EQ(make_outbox_message_for_draft(c, v, approvals, "U0LEAD", "file", "t", {}, Timestamp{})
                .error().code,
            ErrorCode::FailedPrecondition);
}

TEST(CaseState, LeadCannotDismissASecurityEscalation) {
  Case c = make_case();
  c.state = CaseState::SecurityEscalated;
  EXPECT_EQ(check_transition(c, CaseState::Resolved, ActorRole::Lead).error().code,
            ErrorCode::PermissionDenied);
  EXPECT_TRUE(check_transition(c, CaseState::Resolved, ActorRole::Security).has_value());
  c.state = CaseState::Closed;
  EXPECT_FALSE(check_transition(c, CaseState::Investigating, ActorRole::Security).has_value());
}

}  // namespace
}  // namespace ec
