// IntakeRepository on SQLite: de-duplication, claims with owner and lease, finishing, giving up
// on a poison job, and concurrent claimers (replicas) that never share a job.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>

#include "plugin/store/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace ec::store {
namespace {

using std::chrono::minutes;

IntakeJob job(const std::string& key, Timestamp at) {
  IntakeJob j;
  j.platform = "slack";
  j.kind = "event";
  j.dedup_key = key;
  j.payload = "{\"event_id\":\"" + key + "\"}";
  j.received_at = at;
  return j;
}

class IntakeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::open(dir_ / "copilot.db");
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
  }
  std::optional<std::int64_t> insert(const IntakeJob& j) {
    auto tx = store_->begin();
    auto id = (*tx)->insert_intake(j);
    EXPECT_TRUE(id.has_value());
    EXPECT_TRUE((*tx)->commit().has_value());
    return id.value_or(std::nullopt);
  }
  std::optional<IntakeJob> claim(const std::string& owner, Timestamp now, int max_attempts = 3) {
    auto tx = store_->begin();
    auto claimed = (*tx)->claim_intake(owner, now, now + minutes(5), max_attempts);
    EXPECT_TRUE(claimed.has_value());
    EXPECT_TRUE((*tx)->commit().has_value());
    return claimed.value_or(std::nullopt);
  }
  Status finish(std::int64_t id, const std::string& owner, Timestamp at) {
    auto tx = store_->begin();
    EC_RETURN_IF_ERROR((*tx)->finish_intake(id, owner, at));
    return (*tx)->commit();
  }

  ec::testing::TempDir dir_;
  StorePtr store_;
  const Timestamp t0_ = make_utc(2025, 3, 12, 9, 0, 0);
};

TEST_F(IntakeStoreTest, ARedeliveryStoresNothing) {
  EXPECT_TRUE(insert(job("Ev1", t0_)).has_value());
  EXPECT_FALSE(insert(job("Ev1", t0_)).has_value());
  IntakeJob other = job("Ev1", t0_);
  other.platform = "mattermost";  // keys are per platform
  EXPECT_TRUE(insert(other).has_value());
  auto tx = store_->begin();
  EXPECT_FALSE((*tx)->insert_intake(job("", t0_)).has_value());  // InvalidArgument
}

TEST_F(IntakeStoreTest, ClaimsOldestFirstOnceAndFinishesOnlyForItsOwner) {
  const auto first = insert(job("Ev1", t0_));
  const auto second = insert(job("Ev2", t0_));
  auto a = claim("A", t0_);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->id, *first);
  EXPECT_EQ(a->state, IntakeState::Running);
  EXPECT_EQ(a->attempts, 1);
  EXPECT_EQ(a->payload, "{\"event_id\":\"Ev1\"}");
  auto b = claim("B", t0_);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->id, *second);
  EXPECT_FALSE(claim("C", t0_).has_value());  // both are leased
  auto wrong = finish(a->id, "B", t0_);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::FailedPrecondition);
  EXPECT_TRUE(finish(a->id, "A", t0_).has_value());
  auto again = finish(a->id, "A", t0_);
  ASSERT_FALSE(again.has_value());  // done is done
  EXPECT_EQ(again.error().code, ErrorCode::FailedPrecondition);
  auto missing = finish(999, "A", t0_);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  auto tx = store_->begin();
  EXPECT_EQ((*tx)->list_intake(IntakeState::Done, 10)->size(), 1u);
  EXPECT_EQ((*tx)->list_intake(IntakeState::Running, 10)->size(), 1u);
}

TEST_F(IntakeStoreTest, AnEndedLeaseIsClaimedAgainAndAPoisonJobIsGivenUp) {
  insert(job("Ev1", t0_));
  ASSERT_TRUE(claim("A", t0_).has_value());
  EXPECT_FALSE(claim("B", t0_ + minutes(4)).has_value());
  auto b = claim("B", t0_ + minutes(5));  // A's lease ended: A died
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->attempts, 2);
  EXPECT_EQ(b->owner, "B");
  // A finishing late is refused: the job is B's now.
  EXPECT_FALSE(finish(b->id, "A", t0_ + minutes(6)).has_value());
  // B dies too; with max_attempts 2 the job is given up instead of claimed a third time.
  EXPECT_FALSE(claim("C", t0_ + minutes(11), 2).has_value());
  auto tx = store_->begin();
  const auto failed = (*tx)->list_intake(IntakeState::Failed, 10);
  ASSERT_TRUE(failed.has_value());
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].dedup_key, "Ev1");
}

TEST_F(IntakeStoreTest, ReplicasSharingTheDatabaseNeverClaimTheSameJob) {
  constexpr int kJobs = 60;
  for (int i = 0; i < kJobs; ++i) insert(job("Ev" + std::to_string(i), t0_));
  std::mutex m;
  std::multiset<std::int64_t> claimed;
  std::vector<std::thread> replicas;
  for (int r = 0; r < 3; ++r) {
    replicas.emplace_back([&, r] {
      auto store = SqliteStore::open(dir_ / "copilot.db");  // each replica its own handle
      ASSERT_TRUE(store.has_value());
      for (;;) {
        auto tx = (*store)->begin();
        ASSERT_TRUE(tx.has_value());
        auto c = (*tx)->claim_intake("R" + std::to_string(r), t0_, t0_ + minutes(5), 3);
        ASSERT_TRUE(c.has_value());
        if (!c->has_value()) return;
        ASSERT_TRUE((*tx)->commit().has_value());
        std::lock_guard lock(m);
        claimed.insert((*c)->id);
      }
    });
  }
  for (std::thread& t : replicas) t.join();
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kJobs));
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()).size(),
            static_cast<std::size_t>(kJobs));
}

TEST_F(IntakeStoreTest, ReplyUrlUsesAreCountedInTheStore) {
  auto take = [&](Timestamp now) {
    auto tx = store_->begin();
    auto taken = (*tx)->take_reply_url_use("hash1", now, 5, minutes(30));
    EXPECT_TRUE(taken.has_value());
    EXPECT_TRUE((*tx)->commit().has_value());
    return taken.value_or(false);
  };
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(take(t0_ + minutes(i))) << i;
  EXPECT_FALSE(take(t0_ + minutes(10)));
  EXPECT_FALSE(take(t0_ + minutes(29)));
  EXPECT_TRUE(take(t0_ + minutes(30)));  // the first use is 30 minutes old: a new lifetime
}

}  // namespace
}  // namespace ec::store
