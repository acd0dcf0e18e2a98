// The escalation loop through the service with a real SQLite file: the approval rules at the
// moment of the click, the security hold and acknowledgement, exactly-once sending, and the
// trace that records refusals too.
#include "plugin/app/case_service.h"

#include <gtest/gtest.h>

#include "plugin/core/incident.h"
#include "plugin/store/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

using ec::testing::FakeClock;
using ec::testing::TempDir;

class CaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = load_config(ec::testing::scenario_dir() / "config.json");
    ASSERT_TRUE(config.has_value()) << config.error().message;
    config_ = *config;
    config_.security_group = "U0SEC1,U0SEC2";
    auto store = store::SqliteStore::open(dir_ / "copilot.db");
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
    auto sources = SourceSet::build(config_, clock_);
    ASSERT_TRUE(sources.has_value()) << sources.error().message;
    sources_ = std::move(*sources);
    service_ = std::make_unique<CaseService>(*store_, *sources_, clock_, config_);
  }

  GatherOutcome open_and_gather() {
    auto opened = service_->open_case({"48213", config_.case_config->subject, "U0LEAD",
                                       "Halvorsen Marine Supply", "U0LEAD"});
    EXPECT_TRUE(opened.has_value()) << opened.error().message;
    auto gathered = service_->gather(opened->id, "U0LEAD");
    EXPECT_TRUE(gathered.has_value()) << gathered.error().message;
    return *gathered;
  }

  std::vector<Turn> turns(const std::string& case_id) {
    auto tx = store_->begin();
    return *(*tx)->list_turns(case_id);
  }

  TempDir dir_;
  FakeClock clock_{make_utc(2025, 3, 12, 9, 50, 0)};
  Config config_;
  StorePtr store_;
  std::unique_ptr<SourceSet> sources_;
  std::unique_ptr<CaseService> service_;
};

TEST_F(CaseServiceTest, GatheringTheScenarioForcesTheSecurityProcess) {
  const GatherOutcome outcome = open_and_gather();
  EXPECT_TRUE(outcome.escalated_now);
  EXPECT_EQ(outcome.c.state, CaseState::SecurityEscalated);
  EXPECT_EQ(outcome.c.severity, Severity::Critical);
  auto c = service_->get_case(outcome.c.id);
  EXPECT_EQ(c->state, CaseState::SecurityEscalated);
}

TEST_F(CaseServiceTest, TheEscalationQueuesTheHandoffForEachIncidentTargetOnce) {
  service_->set_incident_targets({"pagerduty", "jira"});
  const GatherOutcome outcome = open_and_gather();
  ASSERT_TRUE(outcome.escalated_now);
  auto tx = store_->begin();
  auto queued = (*tx)->list_outbox(outcome.c.id);
  ASSERT_TRUE(queued.has_value());
  ASSERT_EQ(queued->size(), 2U);
  EXPECT_EQ((*queued)[0].channel, "pagerduty");
  EXPECT_EQ((*queued)[1].channel, "jira");
  auto notice = incident_from_json((*queued)[0].payload);
  ASSERT_TRUE(notice.has_value()) << notice.error().message;
  EXPECT_EQ(notice->action, IncidentAction::Trigger);
  EXPECT_EQ(notice->case_id, outcome.c.id);
  EXPECT_EQ(notice->severity, Severity::Critical);
  EXPECT_EQ(notice->matched_rules,
            (std::vector<std::string>{"post-deprovision-access", "credential-outlived-deprovision"}));
  EXPECT_FALSE(notice->evidence_ids.empty());
  EXPECT_NE(notice->text.find("## Reproduced facts"), std::string::npos);
  // Minimized like every draft: the subject's login never reaches PagerDuty or Jira.
  const std::string payload = (*queued)[0].payload.dump();
  EXPECT_EQ(payload.find(config_.case_config->subject), std::string::npos);
  EXPECT_NE(notice->title.find("Security escalation"), std::string::npos);
  tx->reset();

  // A second gather finds the case already escalated: nothing more is queued.
  clock_.advance(std::chrono::minutes(5));
  ASSERT_TRUE(service_->gather(outcome.c.id, "U0LEAD").has_value());
  auto again = store_->begin();
  EXPECT_EQ((*again)->list_outbox(outcome.c.id)->size(), 2U);
}

TEST_F(CaseServiceTest, OnlySecurityClosesTheEscalationWithAReasonAndTheIncidentIsResolved) {
  service_->set_incident_targets({"pagerduty", "jira"});
  const GatherOutcome outcome = open_and_gather();
  const std::string id = outcome.c.id;

  auto by_lead = service_->close_security(id, "U0LEAD", "looks fine to me");
  ASSERT_FALSE(by_lead.has_value());
  EXPECT_EQ(by_lead.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(turns(id).back().action, "refuse");
  auto no_reason = service_->close_security(id, "U0SEC1", "  ");
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(service_->get_case(id)->state, CaseState::SecurityEscalated);

  clock_.advance(std::chrono::hours(3));
  const std::string reason = "Signing key revoked; " + config_.case_config->subject +
                             "'s sessions cleared; customer informed.";
  auto closed = service_->close_security(id, "U0SEC1", reason);
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  EXPECT_EQ(closed->state, CaseState::Resolved);
  const Turn last = turns(id).back();
  EXPECT_EQ(last.action, "close_security");
  // The reason is recorded minimized: the subject's login never reaches the trace or a target.
  EXPECT_EQ(last.output.dump().find(config_.case_config->subject), std::string::npos);

  auto tx = store_->begin();
  auto queued = (*tx)->list_outbox(id);
  ASSERT_TRUE(queued.has_value());
  ASSERT_EQ(queued->size(), 4U);  // two triggers, two resolves
  for (std::size_t i = 2; i < 4; ++i) {
    auto notice = incident_from_json((*queued)[i].payload);
    ASSERT_TRUE(notice.has_value()) << notice.error().message;
    EXPECT_EQ(notice->action, IncidentAction::Resolve);
    EXPECT_NE(notice->reason.find("Signing key revoked"), std::string::npos);
    EXPECT_EQ((*queued)[i].payload.dump().find(config_.case_config->subject), std::string::npos);
  }
  tx->reset();
  auto again = service_->close_security(id, "U0SEC1", "again");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::FailedPrecondition);
}

TEST_F(CaseServiceTest, WithoutIncidentTargetsNothingIsQueuedAtEscalation) {
  const GatherOutcome outcome = open_and_gather();
  ASSERT_TRUE(outcome.escalated_now);
  auto tx = store_->begin();
  EXPECT_TRUE((*tx)->list_outbox(outcome.c.id)->empty());
}

TEST_F(CaseServiceTest, OpeningTheSameTicketTwiceIsRefused) {
  open_and_gather();
  auto again = service_->open_case({"48213", "x", "U0LEAD", "", "U0LEAD"});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::AlreadyExists);
}

TEST_F(CaseServiceTest, NonLeadIsRefusedAndTheRefusalIsRecorded) {
  const GatherOutcome outcome = open_and_gather();
  const DraftVersion& update = *outcome.pipeline.analysis.customer_update;
  auto refused = service_->approve(outcome.c.id, update.draft_id, update.version, "U0OTHER",
                                   update.content_hash);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);
  const auto trace = turns(outcome.c.id);
  ASSERT_FALSE(trace.empty());
  EXPECT_EQ(trace.back().action, "refuse");
  EXPECT_EQ(trace.back().actor, "U0OTHER");
}

TEST_F(CaseServiceTest, CustomerUpdateIsHeldUntilASecurityMemberAcknowledges) {
  const GatherOutcome outcome = open_and_gather();
  const DraftVersion& update = *outcome.pipeline.analysis.customer_update;
  auto held = service_->approve(outcome.c.id, update.draft_id, update.version, "U0LEAD",
                                update.content_hash);
  ASSERT_FALSE(held.has_value());
  EXPECT_EQ(held.error().code, ErrorCode::FailedPrecondition);

  auto lead_ack = service_->acknowledge_security(outcome.c.id, "U0LEAD");
  EXPECT_EQ(lead_ack.error().code, ErrorCode::PermissionDenied);
  auto ack = service_->acknowledge_security(outcome.c.id, "U0SEC2");
  ASSERT_TRUE(ack.has_value()) << ack.error().message;
  EXPECT_EQ(ack->security_acknowledged_by, "U0SEC2");

  auto approved = service_->approve(outcome.c.id, update.draft_id, update.version, "U0LEAD",
                                    update.content_hash);
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->content_hash, update.content_hash);
}

TEST_F(CaseServiceTest, ApprovedVersionIsEnqueuedOnceAndAnEditNeedsANewApproval) {
  const GatherOutcome outcome = open_and_gather();
  ASSERT_TRUE(service_->acknowledge_security(outcome.c.id, "U0SEC1").has_value());
  const DraftVersion& update = *outcome.pipeline.analysis.customer_update;

  auto unapproved = service_->send(outcome.c.id, update.draft_id, update.version, "U0LEAD",
                                   "file", "ticket");
  ASSERT_FALSE(unapproved.has_value());
  EXPECT_EQ(unapproved.error().code, ErrorCode::FailedPrecondition);

  ASSERT_TRUE(service_->approve(outcome.c.id, update.draft_id, update.version, "U0LEAD",
                                update.content_hash).has_value());
  // A double click approves once.
  ASSERT_TRUE(service_->approve(outcome.c.id, update.draft_id, update.version, "U0LEAD",
                                update.content_hash).has_value());
  auto first = service_->send(outcome.c.id, update.draft_id, update.version, "U0LEAD", "file",
                              "ticket");
  auto second = service_->send(outcome.c.id, update.draft_id, update.version, "U0LEAD", "file",
                               "ticket");
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(first->id, second->id);
  {
    auto tx = store_->begin();
    EXPECT_EQ((*tx)->list_outbox(outcome.c.id)->size(), 1u);
    EXPECT_EQ((*tx)->list_approvals(outcome.c.id)->size(), 1u);
  }

  auto edited = service_->edit_draft(outcome.c.id, update.draft_id,
                                     render_draft_text(update) + "- Support: we will call you.\n",
                                     "U0LEAD");
  ASSERT_TRUE(edited.has_value()) << edited.error().message;
  EXPECT_EQ(edited->version, update.version + 1);
  auto stale = service_->approve(outcome.c.id, update.draft_id, update.version, "U0LEAD",
                                 update.content_hash);
  EXPECT_TRUE(stale.has_value());  // v1 stays approved; it is v2 that needs approval
  auto v2_send = service_->send(outcome.c.id, edited->draft_id, edited->version, "U0LEAD", "file",
                                "ticket");
  ASSERT_FALSE(v2_send.has_value());
  EXPECT_EQ(v2_send.error().code, ErrorCode::FailedPrecondition);
}

TEST_F(CaseServiceTest, OnlyRevealedValuesGoOutAndOnlyTheLeadCanReveal) {
  const GatherOutcome outcome = open_and_gather();
  ASSERT_TRUE(service_->acknowledge_security(outcome.c.id, "U0SEC1").has_value());
  const DraftVersion& update = *outcome.pipeline.analysis.customer_update;
  const std::string text = render_draft_text(update);
  ASSERT_NE(text.find("<ATTACHMENT_1>"), std::string::npos) << text;

  auto outsider = service_->reveal(outcome.c.id, "<ATTACHMENT_1>", "curious", "U0OTHER");
  EXPECT_EQ(outsider.error().code, ErrorCode::PermissionDenied);
  auto no_reason = service_->reveal(outcome.c.id, "<ATTACHMENT_1>", "  ", "U0LEAD");
  EXPECT_EQ(no_reason.error().code, ErrorCode::InvalidArgument);
  auto unknown = service_->reveal(outcome.c.id, "<ATTACHMENT_99>", "why", "U0LEAD");
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
  ASSERT_TRUE(service_->reveal(outcome.c.id, "<ATTACHMENT_1>", "customer's own file", "U0LEAD")
                  .has_value());

  ASSERT_TRUE(service_->approve(outcome.c.id, update.draft_id, update.version, "U0LEAD",
                                update.content_hash).has_value());
  auto message = service_->send(outcome.c.id, update.draft_id, update.version, "U0LEAD", "file",
                                "ticket");
  ASSERT_TRUE(message.has_value()) << message.error().message;
  const std::string sent = message->payload["message"]["text"].get<std::string>();
  EXPECT_NE(sent.find("invoice_backup_2024Q4.xlsx"), std::string::npos) << sent;
  EXPECT_EQ(sent.find("<ATTACHMENT_1>"), std::string::npos);
  EXPECT_EQ(sent.find("dario.mq@contractors.brightwell.example"), std::string::npos);

  // The trace names the placeholder and the reason, never the value.
  const auto trace = turns(outcome.c.id);
  bool found_reveal = false;
  for (const Turn& t : trace) {
    if (t.action != "reveal") continue;
    found_reveal = true;
    EXPECT_EQ(t.output.dump().find("invoice_backup"), std::string::npos);
  }
  EXPECT_TRUE(found_reveal);
}

}  // namespace
}  // namespace ec::app
