// The security switch end to end through CaseService on the bundled scenario, with a real SQLite
// file and the real outbox worker: a rule fires, the case is escalated and, in the same
// transaction, the Slack announcement (Block Kit, Acknowledge button) and the PagerDuty and
// Jira notices are queued once; a customer update is refused (recorded) while the holding
// statement is approved and delivered; only a security-group member's acknowledgement lifts
// the hold; every target receives its message exactly once across retries and a restart; and
// the reviewer timeline shows the decisions, the holding statement, the diffs and the refusals.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "plugin/app/case_service.h"
#include "plugin/app/timeline.h"
#include "plugin/delivery/outbox_worker.h"
#include "plugin/platforms/slack/block_kit.h"
#include "plugin/store/sqlite_store.h"
#include "tests/fakes/temp_dir.h"
#include "tests/plugin/delivery/recording_channel.h"

namespace ec::app {
namespace {

using ec::testing::FakeClock;
using ec::testing::RecordingChannel;
using ec::testing::TempDir;

constexpr char kLead[] = "U0LEAD";
constexpr char kSecurityChannel[] = "C0SECURITY";

class SecuritySwitchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = load_config(ec::testing::scenario_dir() / "config.json");
    ASSERT_TRUE(config.has_value()) << config.error().message;
    config_ = *config;
    config_.security_group = "U0SEC1,U0SEC2";
    open_service();
  }

  // A fresh store handle and service on the same database file: a restart.
  void open_service() {
    service_.reset();
    store_.reset();
    auto store = store::SqliteStore::open(dir_ / "copilot.db");
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
    if (!sources_) {
      auto sources = SourceSet::build(config_, clock_);
      ASSERT_TRUE(sources.has_value()) << sources.error().message;
      sources_ = std::move(*sources);
    }
    service_ = std::make_unique<CaseService>(*store_, *sources_, clock_, config_);
    service_->set_incident_targets({"pagerduty", "jira"});
    service_->add_security_announcement(
        {"slack", kSecurityChannel,
         [](const SecurityAnnouncement& a) { return platforms::slack::render_security_message(a); }});
  }

  // A worker with a recording channel per target; `logs_` keeps what each received.
  std::unique_ptr<delivery::OutboxWorker> worker(std::map<std::string, int> failures = {}) {
    auto w = std::make_unique<delivery::OutboxWorker>(*store_, clock_);
    for (const char* name : {"slack", "pagerduty", "jira", "zendesk_reply"}) {
      auto channel = std::make_unique<RecordingChannel>(name, clock_);
      if (failures.count(name) != 0) channel->fail_next(ErrorCode::Unavailable, failures[name]);
      if (logs_.count(name) == 0) logs_[name] = channel->log();
      auto log = channel->log();
      // Keep every worker's log: a restart creates new channels.
      all_logs_.push_back(log);
      names_.push_back(name);
      EXPECT_TRUE(w->add_channel(std::move(channel)).has_value());
    }
    return w;
  }
  // Successful deliveries per target over every worker so far.
  std::map<std::string, int> delivered() const {
    std::map<std::string, int> out;
    for (std::size_t i = 0; i < all_logs_.size(); ++i) {
      out[names_[i]] += static_cast<int>(all_logs_[i]->calls.size());
    }
    return out;
  }

  std::vector<OutboxMessage> outbox() {
    auto tx = store_->begin();
    return (*tx)->list_outbox(case_id_).value_or(std::vector<OutboxMessage>{});
  }
  std::vector<Turn> turns() {
    auto tx = store_->begin();
    return (*tx)->list_turns(case_id_).value_or(std::vector<Turn>{});
  }

  TempDir dir_;
  FakeClock clock_{make_utc(2025, 3, 12, 9, 50, 0)};
  Config config_;
  StorePtr store_;
  std::unique_ptr<SourceSet> sources_;
  std::unique_ptr<CaseService> service_;
  std::map<std::string, std::shared_ptr<RecordingChannel::Log>> logs_;
  std::vector<std::shared_ptr<RecordingChannel::Log>> all_logs_;
  std::vector<std::string> names_;
  std::string case_id_;
};

TEST_F(SecuritySwitchTest, TheBundledScenarioGoesThroughTheSwitch) {
  auto opened = service_->open_case({"48213", config_.case_config->subject, kLead,
                                     "Halvorsen Marine Supply", kLead});
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  case_id_ = opened->id;

  // 1. A rule fires: the case is escalated and, in the same transaction, the announcement and
  // the incident notices are queued.
  auto gathered = service_->gather(case_id_, kLead);
  ASSERT_TRUE(gathered.has_value()) << gathered.error().message;
  ASSERT_TRUE(gathered->escalated_now);
  EXPECT_EQ(gathered->c.state, CaseState::SecurityEscalated);
  auto queued = outbox();
  ASSERT_EQ(queued.size(), 3u);
  const OutboxMessage& announcement = queued[0];
  EXPECT_EQ(announcement.channel, "slack");
  EXPECT_EQ(announcement.recipient, kSecurityChannel);
  EXPECT_EQ(announcement.payload["kind"], "security_announcement");
  const nlohmann::json& announced = announcement.payload["announcement"];
  EXPECT_EQ(announced["rule_set_version"],
            gathered->pipeline.analysis.decision.rule_set_version);
  ASSERT_EQ(announced["rules"].size(), 2u);
  EXPECT_EQ(announced["rules"][0]["id"], "post-deprovision-access");
  EXPECT_FALSE(announced["rules"][0]["description"].get<std::string>().empty());
  EXPECT_EQ(announced["rules"][0]["severity"], "critical");
  EXPECT_FALSE(announced["evidence"].empty());
  // Block Kit with the Acknowledge button naming the case; the subject's login never leaves.
  const nlohmann::json& blocks = announcement.payload["blocks"];
  ASSERT_TRUE(blocks.is_array());
  EXPECT_EQ(blocks.back()["elements"][0]["action_id"], platforms::slack::kAckSecurityAction);
  auto ack_ref = parse_action_ref(blocks.back()["elements"][0]["value"].get<std::string>());
  ASSERT_TRUE(ack_ref.has_value());
  EXPECT_EQ(ack_ref->kind, CardActionKind::AcknowledgeSecurity);
  EXPECT_EQ(ack_ref->case_id, case_id_);
  const std::string shown = announcement.payload.dump();
  EXPECT_NE(shown.find(announced["evidence"][0].get<std::string>()), std::string::npos);
  EXPECT_EQ(shown.find(config_.case_config->subject), std::string::npos);
  EXPECT_EQ(queued[1].channel, "pagerduty");
  EXPECT_EQ(queued[2].channel, "jira");
  // The escalate turn names the rules and where the announcement went.
  bool escalate_recorded = false;
  for (const Turn& t : turns()) {
    if (t.action != "escalate") continue;
    escalate_recorded = true;
    EXPECT_EQ(t.output["announcements"][0]["outbox_id"], announcement.id);
    EXPECT_EQ(t.output["rules"].size(), 2u);
  }
  EXPECT_TRUE(escalate_recorded);

  // Gathering again (new evidence, a second surface) announces nothing more.
  clock_.advance(std::chrono::minutes(2));
  auto regathered = service_->gather(case_id_, kLead);
  ASSERT_TRUE(regathered.has_value());
  EXPECT_FALSE(regathered->escalated_now);
  EXPECT_EQ(outbox().size(), 3u);

  // 2. The customer update is refused, approval and send alike, and each refusal is recorded.
  const DraftVersion update = *regathered->pipeline.analysis.customer_update;
  auto held = service_->approve(case_id_, update.draft_id, update.version, kLead,
                                update.content_hash);
  ASSERT_FALSE(held.has_value());
  EXPECT_EQ(held.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(held.error().message.find("holding statement"), std::string::npos)
      << held.error().message;
  EXPECT_EQ(turns().back().action, "refuse");
  auto unsent = service_->send(case_id_, update.draft_id, update.version, kLead, "zendesk_reply",
                               "48213");
  ASSERT_FALSE(unsent.has_value());
  EXPECT_EQ(turns().back().action, "refuse");
  EXPECT_NE(turns().back().request.find("send"), std::string::npos);

  // The lead cannot dismiss the escalation alone: not by closing it, not by acknowledging it.
  auto dismissed = service_->close_security(case_id_, kLead, "false alarm");
  ASSERT_FALSE(dismissed.has_value());
  EXPECT_EQ(dismissed.error().code, ErrorCode::PermissionDenied);
  auto self_ack = service_->acknowledge_security(case_id_, kLead);
  ASSERT_FALSE(self_ack.has_value());
  EXPECT_EQ(self_ack.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(service_->get_case(case_id_)->state, CaseState::SecurityEscalated);
  EXPECT_TRUE(service_->get_case(case_id_)->security_hold());

  // 3. The holding statement: cites nothing, nothing blocks it, approved and sent meanwhile.
  auto holding = service_->draft_holding(case_id_, kLead);
  ASSERT_TRUE(holding.has_value()) << holding.error().message;
  EXPECT_EQ(holding->version.kind, DraftKind::HoldingStatement);
  EXPECT_TRUE(holding->blocking_issues.empty()) << holding->blocking_issues.front();
  const std::string holding_text = render_draft_text(holding->version);
  EXPECT_NE(holding_text.find("48213"), std::string::npos) << holding_text;
  EXPECT_EQ(holding_text.find("{ticket}"), std::string::npos);
  for (const Statement& s : holding->version.statements) {
    EXPECT_TRUE(s.evidence.empty());
    EXPECT_TRUE(s.findings.empty());
    EXPECT_EQ(s.author, Authorship::Human);
  }
  auto again = service_->draft_holding(case_id_, kLead);  // same text: the same version
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->version.draft_id, holding->version.draft_id);
  EXPECT_EQ(again->version.version, holding->version.version);
  auto holding_approved = service_->approve(case_id_, holding->version.draft_id,
                                            holding->version.version, kLead,
                                            holding->version.content_hash);
  ASSERT_TRUE(holding_approved.has_value()) << holding_approved.error().message;
  auto holding_sent = service_->send(case_id_, holding->version.draft_id,
                                     holding->version.version, kLead, "zendesk_reply", "48213");
  ASSERT_TRUE(holding_sent.has_value()) << holding_sent.error().message;

  // Delivery: every target fails transiently first; then the process restarts mid-way.
  {
    auto w = worker({{"slack", 1}, {"pagerduty", 2}, {"jira", 1}, {"zendesk_reply", 1}});
    auto first = w->run_until_idle();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->delivered, 0);
    EXPECT_EQ(first->retried, 4);
    clock_.advance(std::chrono::seconds(2));
    auto second = w->run_until_idle();
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->delivered, 3);  // pagerduty failed twice
  }
  open_service();  // restart
  {
    auto w = worker();
    clock_.advance(std::chrono::seconds(10));
    auto after_restart = w->run_until_idle();
    ASSERT_TRUE(after_restart.has_value());
    EXPECT_EQ(after_restart->delivered, 1);  // the page that was still due
    clock_.advance(std::chrono::minutes(10));
    EXPECT_EQ(w->run_until_idle()->total(), 0);
  }
  // Each target saw its one message (plus the scripted failed attempts), all with one key.
  std::map<std::string, std::set<std::string>> keys;
  std::map<std::string, int> successes;
  for (std::size_t i = 0; i < all_logs_.size(); ++i) {
    for (const auto& call : all_logs_[i]->calls) keys[names_[i]].insert(call.message.idempotency_key);
  }
  for (const char* name : {"slack", "pagerduty", "jira", "zendesk_reply"}) {
    EXPECT_EQ(keys[name].size(), 1u) << name;
  }
  EXPECT_EQ(delivered()["pagerduty"], 3);  // two scripted failures, one delivery
  EXPECT_EQ(delivered()["jira"], 2);
  EXPECT_EQ(delivered()["slack"], 2);
  for (const OutboxMessage& m : outbox()) EXPECT_EQ(m.state, OutboxState::Delivered) << m.channel;

  // 4. Acknowledgement: a non-member is refused (recorded), a member is accepted.
  auto outsider = service_->acknowledge_security(case_id_, "U0OTHER");
  ASSERT_FALSE(outsider.has_value());
  EXPECT_EQ(outsider.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(turns().back().action, "refuse");
  auto acked = service_->acknowledge_security(case_id_, "U0SEC2");
  ASSERT_TRUE(acked.has_value()) << acked.error().message;
  EXPECT_FALSE(acked->security_hold());

  // 5. Then the customer update is approvable (after the lead's edit) and sendable.
  auto edited = service_->edit_draft(
      case_id_, update.draft_id,
      render_draft_text(update) + "Support will post the next update on this ticket.\n", kLead);
  ASSERT_TRUE(edited.has_value()) << edited.error().message;
  auto approved = service_->approve(case_id_, edited->draft_id, edited->version, kLead,
                                    edited->content_hash);
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  auto sent = service_->send(case_id_, edited->draft_id, edited->version, kLead, "zendesk_reply",
                             "48213");
  ASSERT_TRUE(sent.has_value()) << sent.error().message;

  // The reviewer timeline: decisions with their rules, the holding statement, the diff, the
  // refusals and each delivery with its target and outcome.
  auto tx = store_->begin();
  auto timeline = load_timeline(**tx, case_id_, make_error(ErrorCode::Internal, "not verified"));
  ASSERT_TRUE(timeline.has_value()) << timeline.error().message;
  const auto& security = (*timeline)["security"];
  ASSERT_EQ(security.size(), 2u);
  EXPECT_EQ(security[0]["action"], "escalate");
  EXPECT_EQ(security[0]["rules"][0]["id"], "post-deprovision-access");
  EXPECT_EQ(security[0]["announcements"][0]["recipient"], kSecurityChannel);
  EXPECT_EQ(security[1]["action"], "acknowledge");
  EXPECT_EQ(security[1]["actor"], "U0SEC2");
  EXPECT_GE((*timeline)["refusals"].size(), 5u);
  bool diffed = false;
  for (const auto& d : (*timeline)["drafts"]) {
    if (d["draft_id"] == edited->draft_id && d["version"] == edited->version) {
      ASSERT_TRUE(d.contains("diff"));
      EXPECT_EQ(d["diff"]["from_version"], update.version);
      EXPECT_GE(d["diff"]["inserted"].get<int>(), 9);
      diffed = true;
    }
  }
  EXPECT_TRUE(diffed);
  std::map<std::string, int> kinds;
  for (const auto& m : (*timeline)["deliveries"]) kinds[m["kind"].get<std::string>()]++;
  EXPECT_EQ(kinds["security_announcement"], 1);
  EXPECT_EQ(kinds["incident_trigger"], 2);
  EXPECT_EQ(kinds["draft"], 2);
  const std::string md = render_timeline_markdown(*timeline);
  EXPECT_NE(md.find("HOLDING STATEMENT"), std::string::npos);
  EXPECT_NE(md.find("{+"), std::string::npos) << md;
  EXPECT_NE(md.find("Changes from v"), std::string::npos);
  EXPECT_NE(md.find("Refused attempts"), std::string::npos);
  EXPECT_NE(md.find("rule post-deprovision-access (critical)"), std::string::npos);
  const std::string html = render_timeline_html(*timeline);
  const auto ins = html.find("<ins>");
  ASSERT_NE(ins, std::string::npos);
  EXPECT_NE(html.find("Support will post", ins), std::string::npos);
  EXPECT_NE(html.find("class=\"draft holding\""), std::string::npos);
  EXPECT_NE(html.find("security_announcement via slack to C0SECURITY: delivered"),
            std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // Self-contained: no external stylesheet, script, image or font.
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
}

TEST_F(SecuritySwitchTest, WithoutAnAnnouncementTargetOnlyTheIncidentQueueIsFed) {
  service_->clear_security_announcements();
  auto opened = service_->open_case({"48213", config_.case_config->subject, kLead, "", kLead});
  ASSERT_TRUE(opened.has_value());
  case_id_ = opened->id;
  ASSERT_TRUE(service_->gather(case_id_, kLead).has_value());
  for (const OutboxMessage& m : outbox()) EXPECT_NE(m.channel, "slack");
}

}  // namespace
}  // namespace ec::app
