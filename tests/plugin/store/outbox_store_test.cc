// SqliteTransaction's outbox: idempotent enqueue, due selection, delivery and failure marking,
// and exactly-once across a restart of the store.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugin/store/store_test_util.h"

namespace ec::store {
namespace {

using testing::at_minute;
using testing::in_transaction;
using ::testing::IsEmpty;
using testing::open_or_fail;

OutboxMessage message(const std::string& key, int minute) {
  OutboxMessage m;
  m.idempotency_key = key;
  m.case_id = "CASE-1";
  m.channel = "file";
  m.recipient = "out/updates.jsonl";
  m.payload = {{"text", "update " + key}};
  m.created_at = at_minute(minute);
  return m;
}

std::vector<std::string> keys(const std::vector<OutboxMessage>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(m.idempotency_key);
  return out;
}

class OutboxStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_or_fail(dir_ / "x.db");
    ASSERT_NE(store_, nullptr);
  }
  Result<std::vector<OutboxMessage>> due(Timestamp now, int limit = 10) {
    auto tx = store_->begin();
    if (!tx) return std::unexpected(tx.error());
    return (*tx)->due_messages(now, limit);
  }

  ec::testing::TempDir dir_;
  StorePtr store_;
};

TEST_F(OutboxStoreTest, EnqueueIsIdempotentOnKey) {
  std::int64_t first_id = 0;
  in_transaction(*store_, [&](Transaction& tx) {
    auto stored = tx.enqueue(message("k1", 1));
    ASSERT_TRUE(stored.has_value()) << stored.error().to_string();
    EXPECT_GT(stored->id, 0);
    EXPECT_EQ(stored->state, OutboxState::Pending);
    EXPECT_EQ(stored->attempts, 0);
    EXPECT_EQ(stored->payload, (nlohmann::json{{"text", "update k1"}}));
    first_id = stored->id;
  });
  in_transaction(*store_, [&](Transaction& tx) {
    OutboxMessage different = message("k1", 9);
    different.payload = {{"text", "something else"}};
    auto again = tx.enqueue(different);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->id, first_id);
    EXPECT_EQ(again->payload, (nlohmann::json{{"text", "update k1"}}));
    EXPECT_EQ(again->created_at, at_minute(1));
    auto all = tx.list_outbox("CASE-1");
    ASSERT_TRUE(all.has_value());
    EXPECT_EQ(all->size(), 1u);
    auto keyless = tx.enqueue(message("", 1));
    ASSERT_FALSE(keyless.has_value());
    EXPECT_EQ(keyless.error().code, ErrorCode::InvalidArgument);
  });
}

TEST_F(OutboxStoreTest, DueMessagesAreOldestFirstAndRespectRetryTime) {
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.enqueue(message("late", 3)).has_value());
    ASSERT_TRUE(tx.enqueue(message("early", 1)).has_value());
    OutboxMessage scheduled = message("scheduled", 2);
    scheduled.next_attempt_at = at_minute(10);
    ASSERT_TRUE(tx.enqueue(scheduled).has_value());
  });
  auto now = due(at_minute(5));
  ASSERT_TRUE(now.has_value());
  EXPECT_EQ(keys(*now), (std::vector<std::string>{"early", "late"}));
  auto limited = due(at_minute(5), 1);
  ASSERT_TRUE(limited.has_value());
  EXPECT_EQ(keys(*limited), (std::vector<std::string>{"early"}));
  auto later = due(at_minute(10));
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(keys(*later), (std::vector<std::string>{"early", "scheduled", "late"}));
}

TEST_F(OutboxStoreTest, FailedAttemptsRetryThenFailPermanently) {
  std::int64_t id = 0;
  in_transaction(*store_, [&](Transaction& tx) { id = tx.enqueue(message("k", 1))->id; });
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.mark_attempt_failed(id, "503 from Slack", at_minute(7)).has_value());
  });
  auto not_yet = due(at_minute(6));
  ASSERT_TRUE(not_yet.has_value());
  EXPECT_THAT(*not_yet, IsEmpty());
  auto retry = due(at_minute(7));
  ASSERT_TRUE(retry.has_value());
  ASSERT_EQ(retry->size(), 1u);
  EXPECT_EQ(retry->front().attempts, 1);
  EXPECT_EQ(retry->front().last_error, "503 from Slack");

  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.mark_attempt_failed(id, "400 invalid_auth", std::nullopt).has_value());
    auto stored = tx.list_outbox("CASE-1");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->front().state, OutboxState::Failed);
    EXPECT_EQ(stored->front().attempts, 2);
    EXPECT_EQ(stored->front().last_error, "400 invalid_auth");
    auto after_failure = tx.mark_delivered(id, "ts", at_minute(8));
    ASSERT_FALSE(after_failure.has_value());
    EXPECT_EQ(after_failure.error().code, ErrorCode::FailedPrecondition);
  });
  auto never = due(at_minute(60));
  ASSERT_TRUE(never.has_value());
  EXPECT_THAT(*never, IsEmpty());
}

TEST_F(OutboxStoreTest, DeliveredOnceAlsoAcrossRestart) {
  std::int64_t id = 0;
  in_transaction(*store_, [&](Transaction& tx) {
    id = tx.enqueue(message("k", 1))->id;
    ASSERT_TRUE(tx.enqueue(message("other", 2)).has_value());
  });
  in_transaction(*store_, [&](Transaction& tx) {
    ASSERT_TRUE(tx.mark_delivered(id, "1710173112.000200", at_minute(3)).has_value());
    auto twice = tx.mark_delivered(id, "again", at_minute(4));
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().code, ErrorCode::FailedPrecondition);
    auto unknown = tx.mark_delivered(999, "x", at_minute(4));
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    auto unknown_failure = tx.mark_attempt_failed(999, "x", std::nullopt);
    ASSERT_FALSE(unknown_failure.has_value());
    EXPECT_EQ(unknown_failure.error().code, ErrorCode::NotFound);
  });

  // "Restart": close the store and open the file again.
  store_.reset();
  store_ = open_or_fail(dir_ / "x.db");
  ASSERT_NE(store_, nullptr);
  auto pending = due(at_minute(60));
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(keys(*pending), (std::vector<std::string>{"other"}));
  in_transaction(*store_, [&](Transaction& tx) {
    // Re-enqueueing the delivered message after the restart does not make it due again.
    auto again = tx.enqueue(message("k", 30));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->id, id);
    EXPECT_EQ(again->state, OutboxState::Delivered);
    EXPECT_EQ(again->delivery_ref, "1710173112.000200");
    EXPECT_EQ(again->delivered_at, at_minute(3));
    EXPECT_EQ(again->attempts, 1);
  });
  auto still = due(at_minute(60));
  ASSERT_TRUE(still.has_value());
  EXPECT_EQ(keys(*still), (std::vector<std::string>{"other"}));
}

}  // namespace
}  // namespace ec::store
