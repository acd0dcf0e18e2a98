// SqliteTransaction's MetricsRepository: the GROUP BY counts /metrics reads, the case traces
// grouped by case from one query per table, and begin_read() not waiting for a writer.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "tests/plugin/store/store_test_util.h"

namespace ec::store {
namespace {

using testing::at_minute;
using testing::in_transaction;
using testing::open_or_fail;
using testing::sample_case;

DraftVersion draft(const std::string& case_id, const std::string& draft_id, int version,
                   const std::string& text) {
  DraftVersion v;
  v.case_id = case_id;
  v.draft_id = draft_id;
  v.version = version;
  v.kind = DraftKind::CustomerUpdate;
  v.statements = {{Section::Confirmed, text, Authorship::Agent, {"E1"}, {"F1"}}};
  v.created_by = version == 1 ? "copilot" : "U0LEAD";
  v.created_at = at_minute(10 + version);
  seal(v);
  return v;
}

OutboxMessage message(const std::string& case_id, const std::string& key,
                      const std::string& channel) {
  OutboxMessage m;
  m.idempotency_key = key;
  m.case_id = case_id;
  m.channel = channel;
  m.recipient = "r";
  m.created_at = at_minute(30);
  return m;
}

Turn turn(const std::string& case_id, const std::string& action) {
  Turn t;
  t.case_id = case_id;
  t.time = at_minute(5);
  t.actor = "copilot";
  t.action = action;
  return t;
}

class MetricsRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_or_fail(dir_ / "x.db");
    ASSERT_NE(store_, nullptr);
  }
  ec::testing::TempDir dir_;
  StorePtr store_;
};

TEST_F(MetricsRepositoryTest, EmptyStoreCountsNothing) {
  auto tx = store_->begin_read();
  ASSERT_TRUE(tx.has_value()) << tx.error().to_string();
  EXPECT_TRUE((*tx)->count_cases_by_state()->empty());
  EXPECT_TRUE((*tx)->tally_outbox()->empty());
  EXPECT_EQ((*tx)->count_turns("escalate"), 0);
  EXPECT_TRUE((*tx)->list_case_traces()->empty());
}

TEST_F(MetricsRepositoryTest, CasesAreCountedByStateWithUnacknowledgedEscalations) {
  in_transaction(*store_, [](Transaction& tx) {
    Case a = sample_case("CASE-1", "T1");
    Case b = sample_case("CASE-2", "T2");
    b.state = CaseState::SecurityEscalated;
    Case c = sample_case("CASE-3", "T3");
    c.state = CaseState::SecurityEscalated;
    c.security_acknowledged_by = "U0SEC";
    c.security_acknowledged_at = at_minute(9);
    for (const Case& x : {a, b, c}) ASSERT_TRUE(tx.insert_case(x).has_value());
  });
  auto tx = store_->begin_read();
  ASSERT_TRUE(tx.has_value());
  auto counts = (*tx)->count_cases_by_state();
  ASSERT_TRUE(counts.has_value()) << counts.error().to_string();
  ASSERT_EQ(counts->size(), 2u);
  for (const CaseStateCount& c : *counts) {
    if (c.state == CaseState::SecurityEscalated) {
      EXPECT_EQ(c.cases, 2);
      EXPECT_EQ(c.unacknowledged, 1);
    } else {
      EXPECT_EQ(c.state, sample_case().state);
      EXPECT_EQ(c.cases, 1);
    }
  }
}

TEST_F(MetricsRepositoryTest, OutboxTalliesCountFailedAttemptsPerChannelAndState) {
  in_transaction(*store_, [](Transaction& tx) {
    ASSERT_TRUE(tx.insert_case(sample_case("CASE-1", "T1")).has_value());
    auto delivered = tx.enqueue(message("CASE-1", "k1", "pagerduty"));
    auto retrying = tx.enqueue(message("CASE-1", "k2", "pagerduty"));
    auto failed = tx.enqueue(message("CASE-1", "k3", "pagerduty"));
    auto fresh = tx.enqueue(message("CASE-1", "k4", "jira"));
    ASSERT_TRUE(delivered && retrying && failed && fresh);
    // Delivered on the third attempt: two failures.
    ASSERT_TRUE(tx.mark_attempt_failed(delivered->id, "503", at_minute(31)).has_value());
    ASSERT_TRUE(tx.mark_attempt_failed(delivered->id, "503", at_minute(32)).has_value());
    ASSERT_TRUE(tx.mark_delivered(delivered->id, "dedup", at_minute(33)).has_value());
    ASSERT_TRUE(tx.mark_attempt_failed(retrying->id, "429", at_minute(40)).has_value());
    ASSERT_TRUE(tx.mark_attempt_failed(failed->id, "400", std::nullopt).has_value());
  });
  auto tx = store_->begin_read();
  ASSERT_TRUE(tx.has_value());
  auto tallies = (*tx)->tally_outbox();
  ASSERT_TRUE(tallies.has_value()) << tallies.error().to_string();
  std::map<std::pair<std::string, OutboxState>, OutboxTally> by_key;
  for (const OutboxTally& t : *tallies) by_key[{t.channel, t.state}] = t;
  ASSERT_EQ(by_key.size(), 4u);
  EXPECT_EQ((by_key[{"pagerduty", OutboxState::Delivered}].messages), 1);
  EXPECT_EQ((by_key[{"pagerduty", OutboxState::Delivered}].failed_attempts), 2);
  EXPECT_EQ((by_key[{"pagerduty", OutboxState::Pending}].messages), 1);
  EXPECT_EQ((by_key[{"pagerduty", OutboxState::Pending}].failed_attempts), 1);
  EXPECT_EQ((by_key[{"pagerduty", OutboxState::Failed}].messages), 1);
  EXPECT_EQ((by_key[{"pagerduty", OutboxState::Failed}].failed_attempts), 1);
  EXPECT_EQ((by_key[{"jira", OutboxState::Pending}].messages), 1);
  EXPECT_EQ((by_key[{"jira", OutboxState::Pending}].failed_attempts), 0);
}

TEST_F(MetricsRepositoryTest, TurnsAreCountedByAction) {
  in_transaction(*store_, [](Transaction& tx) {
    ASSERT_TRUE(tx.insert_case(sample_case("CASE-1", "T1")).has_value());
    ASSERT_TRUE(tx.insert_case(sample_case("CASE-2", "T2")).has_value());
    for (const char* action : {"escalate", "acknowledge", "escalate", "draft"}) {
      ASSERT_TRUE(tx.append_turn(turn("CASE-1", action)).has_value());
    }
    ASSERT_TRUE(tx.append_turn(turn("CASE-2", "escalate")).has_value());
  });
  auto tx = store_->begin_read();
  ASSERT_TRUE(tx.has_value());
  EXPECT_EQ((*tx)->count_turns("escalate"), 3);
  EXPECT_EQ((*tx)->count_turns("acknowledge"), 1);
  EXPECT_EQ((*tx)->count_turns("approve"), 0);
}

TEST_F(MetricsRepositoryTest, CaseTracesGroupEachTableByCaseAndSkipCasesWithoutDrafts) {
  in_transaction(*store_, [](Transaction& tx) {
    Case first = sample_case("CASE-2", "T2");
    first.created_at = at_minute(0);
    Case second = sample_case("CASE-1", "T1");
    second.created_at = at_minute(1);
    Case bare = sample_case("CASE-3", "T3");
    for (const Case& c : {first, second, bare}) ASSERT_TRUE(tx.insert_case(c).has_value());
    const DraftVersion a1 = draft("CASE-1", "D1", 1, "We confirmed a download.");
    const DraftVersion a2 = draft("CASE-1", "D1", 2, "We are verifying a download.");
    const DraftVersion b1 = draft("CASE-2", "D1", 1, "Nothing yet.");
    for (const DraftVersion& v : {a2, b1, a1}) ASSERT_TRUE(tx.insert_draft_version(v).has_value());
    ASSERT_TRUE(tx.insert_approval({.case_id = "CASE-1", .draft_id = "D1", .version = 2,
                                    .content_hash = a2.content_hash, .approver = "U0LEAD",
                                    .approved_at = at_minute(20), .lint_verdict = "ok"})
                    .has_value());
    ASSERT_TRUE(tx.enqueue(message("CASE-1", "k1", "file")).has_value());
    ASSERT_TRUE(tx.enqueue(message("CASE-3", "k2", "pagerduty")).has_value());
  });
  auto tx = store_->begin_read();
  ASSERT_TRUE(tx.has_value());
  auto traces = (*tx)->list_case_traces();
  ASSERT_TRUE(traces.has_value()) << traces.error().to_string();
  ASSERT_EQ(traces->size(), 2u);  // CASE-3 has no draft
  // Ordered by case creation: CASE-2 was opened first.
  EXPECT_EQ((*traces)[0].c.id, "CASE-2");
  EXPECT_EQ((*traces)[0].versions.size(), 1u);
  EXPECT_TRUE((*traces)[0].approvals.empty());
  EXPECT_TRUE((*traces)[0].outbox.empty());
  const CaseTrace& one = (*traces)[1];
  EXPECT_EQ(one.c.id, "CASE-1");
  ASSERT_EQ(one.versions.size(), 2u);
  EXPECT_EQ(one.versions[0].version, 1);
  EXPECT_EQ(one.versions[1].version, 2);
  ASSERT_EQ(one.approvals.size(), 1u);
  EXPECT_EQ(one.approvals[0].version, 2);
  ASSERT_EQ(one.outbox.size(), 1u);
  EXPECT_EQ(one.outbox[0].idempotency_key, "k1");
}

TEST_F(MetricsRepositoryTest, ReadTransactionsDoNotWaitForTheWriteLock) {
  auto writer = store_->begin();
  ASSERT_TRUE(writer.has_value());
  ASSERT_TRUE((*writer)->insert_case(sample_case("CASE-1", "T1")).has_value());
  const auto started = std::chrono::steady_clock::now();
  auto reader = store_->begin_read();
  ASSERT_TRUE(reader.has_value()) << reader.error().to_string();
  auto counts = (*reader)->count_cases_by_state();
  ASSERT_TRUE(counts.has_value()) << counts.error().to_string();
  EXPECT_TRUE(counts->empty());  // the uncommitted case is not visible
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  ASSERT_TRUE((*writer)->commit().has_value());
}

}  // namespace
}  // namespace ec::store
