// IntakeStore on SQLite (its own file): de-duplication, claims with owner and lease, finishing,
// giving up on a poison job, purging, concurrent claimers (replicas) that never share a job, and
// the move of jobs an older version kept in the case database. Also the reply-URL use counts,
// which stay in the case database.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include <sqlite3.h>

#include "plugin/store/row_codec.h"
#include "plugin/store/sqlite_intake_store.h"
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
    auto intake = SqliteIntakeStore::open(dir_ / "copilot-intake.db", dir_ / "copilot.db");
    ASSERT_TRUE(intake.has_value()) << intake.error().message;
    intake_ = std::move(*intake);
  }
  std::optional<std::int64_t> insert(const IntakeJob& j) {
    auto tx = intake_->begin_intake();
    auto id = (*tx)->insert_intake(j);
    EXPECT_TRUE(id.has_value());
    EXPECT_TRUE((*tx)->commit().has_value());
    return id.value_or(std::nullopt);
  }
  std::optional<IntakeJob> claim(const std::string& owner, Timestamp now, int max_attempts = 3,
                                 const std::string& platform = "slack") {
    auto tx = intake_->begin_intake();
    auto claimed = (*tx)->claim_intake(owner, platform, now, now + minutes(5), max_attempts);
    EXPECT_TRUE(claimed.has_value());
    EXPECT_TRUE((*tx)->commit().has_value());
    return claimed.value_or(std::nullopt);
  }
  Status finish(std::int64_t id, const std::string& owner, Timestamp at) {
    auto tx = intake_->begin_intake();
    EC_RETURN_IF_ERROR((*tx)->finish_intake(id, owner, at));
    return (*tx)->commit();
  }

  ec::testing::TempDir dir_;
  std::vector<IntakeJob> list(IntakeState state) {
    auto tx = intake_->begin_intake();
    return (*tx)->list_intake(state, 100).value_or(std::vector<IntakeJob>{});
  }

  StorePtr store_;
  IntakeStorePtr intake_;
  const Timestamp t0_ = make_utc(2025, 3, 12, 9, 0, 0);
};

TEST_F(IntakeStoreTest, ARedeliveryStoresNothing) {
  EXPECT_TRUE(insert(job("Ev1", t0_)).has_value());
  EXPECT_FALSE(insert(job("Ev1", t0_)).has_value());
  IntakeJob other = job("Ev1", t0_);
  other.platform = "mattermost";  // keys are per platform
  EXPECT_TRUE(insert(other).has_value());
  auto tx = intake_->begin_intake();
  EXPECT_FALSE((*tx)->insert_intake(job("", t0_)).has_value());  // InvalidArgument
}

TEST_F(IntakeStoreTest, EachPlatformClaimsOnlyItsOwnJobs) {
  IntakeJob mm = job("C1", t0_);
  mm.platform = "mattermost";
  const auto mm_id = insert(mm);
  const auto slack_id = insert(job("Ev1", t0_));
  auto slack = claim("S", t0_);
  ASSERT_TRUE(slack.has_value());
  EXPECT_EQ(slack->id, *slack_id);  // the older Mattermost job is not Slack's to run
  EXPECT_FALSE(claim("S", t0_).has_value());
  auto other = claim("M", t0_, 3, "mattermost");
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->id, *mm_id);
  // Both owners die; after the leases end each job is claimed again by its own platform only.
  auto slack_again = claim("S2", t0_ + minutes(6));
  ASSERT_TRUE(slack_again.has_value());
  EXPECT_EQ(slack_again->id, *slack_id);
  EXPECT_FALSE(claim("S3", t0_ + minutes(6)).has_value());
  auto again = claim("M2", t0_ + minutes(6), 3, "mattermost");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, *mm_id);
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
  EXPECT_EQ(list(IntakeState::Done).size(), 1u);
  EXPECT_EQ(list(IntakeState::Running).size(), 1u);
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
  auto tx = intake_->begin_intake();
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
      auto store = SqliteIntakeStore::open(dir_ / "copilot-intake.db");  // its own handle
      ASSERT_TRUE(store.has_value());
      for (;;) {
        auto tx = (*store)->begin_intake();
        ASSERT_TRUE(tx.has_value());
        auto c = (*tx)->claim_intake("R" + std::to_string(r), "slack", t0_, t0_ + minutes(5), 3);
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

TEST_F(IntakeStoreTest, AnEndedLeaseOlderThanTheOldestPendingJobIsClaimedFirst) {
  const auto first = insert(job("Ev1", t0_));
  ASSERT_TRUE(claim("A", t0_).has_value());  // Ev1 running for A until t0 + 5 min
  const auto second = insert(job("Ev2", t0_));
  auto b = claim("B", t0_ + minutes(6));  // A died: Ev1 is older than the pending Ev2
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->id, *first);
  auto c = claim("C", t0_ + minutes(6));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->id, *second);
  EXPECT_FALSE(claim("D", t0_ + minutes(6)).has_value());
}

TEST_F(IntakeStoreTest, PurgeDeletesOnlyJobsFinishedBeforeTheCutoff) {
  const auto old_done = insert(job("Ev1", t0_));
  insert(job("Ev2", t0_));
  insert(job("Ev3", t0_));
  ASSERT_TRUE(claim("A", t0_).has_value());
  ASSERT_TRUE(finish(*old_done, "A", t0_).has_value());
  auto recent = claim("A", t0_ + minutes(50));
  ASSERT_TRUE(recent.has_value());
  ASSERT_TRUE(finish(recent->id, "A", t0_ + minutes(50)).has_value());
  {
    auto tx = intake_->begin_intake();
    auto purged = (*tx)->purge_intake(t0_ + minutes(30));
    ASSERT_TRUE(purged.has_value()) << purged.error().message;
    EXPECT_EQ(*purged, 1);
    ASSERT_TRUE((*tx)->commit().has_value());
  }
  EXPECT_EQ(list(IntakeState::Done).size(), 1u);
  EXPECT_EQ(list(IntakeState::Pending).size(), 1u);  // never finished: never purged
  // The purged job's key is free again; the kept one still de-duplicates.
  EXPECT_TRUE(insert(job("Ev1", t0_ + minutes(60))).has_value());
  EXPECT_FALSE(insert(job(recent->dedup_key, t0_ + minutes(60))).has_value());
}

// Rows of the case database's intake_jobs, written as an older version did (migration 0004).
void insert_legacy(const std::filesystem::path& db_path, const std::string& key,
                   const std::string& state) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO intake_jobs (platform, kind, dedup_key, payload, state, "
                               "owner, lease_until, attempts, received_at) VALUES ('slack', "
                               "'event', ?1, 'body-' || ?1, ?2, 'old', 7, 1, 5)",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  sqlite3_bind_text(stmt, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 2, state.c_str(), -1, SQLITE_TRANSIENT);
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE) << sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

std::int64_t legacy_rows(const std::filesystem::path& db_path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM intake_jobs", -1, &stmt, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const std::int64_t n = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

TEST_F(IntakeStoreTest, OpeningMovesTheCaseDatabasesJobsOnceEvenAfterACrashMidMove) {
  insert(job("Ev1", t0_));  // already in the intake file
  insert_legacy(dir_ / "copilot.db", "Ev1", "pending");  // a crash after the copy, before the delete
  insert_legacy(dir_ / "copilot.db", "Ev2", "running");
  insert_legacy(dir_ / "copilot.db", "Ev3", "done");
  intake_.reset();
  auto reopened = SqliteIntakeStore::open(dir_ / "copilot-intake.db", dir_ / "copilot.db");
  ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
  intake_ = std::move(*reopened);
  EXPECT_EQ(legacy_rows(dir_ / "copilot.db"), 0);
  const auto pending = list(IntakeState::Pending);
  ASSERT_EQ(pending.size(), 1u);  // Ev1 once
  EXPECT_EQ(pending[0].dedup_key, "Ev1");
  const auto running = list(IntakeState::Running);
  ASSERT_EQ(running.size(), 1u);  // kept with its owner, lease and attempts
  EXPECT_EQ(running[0].dedup_key, "Ev2");
  EXPECT_EQ(running[0].payload, "body-Ev2");
  EXPECT_EQ(running[0].owner, "old");
  EXPECT_EQ(running[0].attempts, 1);
  ASSERT_TRUE(running[0].lease_until.has_value());
  EXPECT_EQ(to_millis(*running[0].lease_until), 7);
  EXPECT_EQ(list(IntakeState::Done).size(), 1u);
  EXPECT_FALSE(insert(job("Ev3", t0_)).has_value());  // still de-duplicates a redelivery
  // A second open finds nothing left to move.
  auto again = SqliteIntakeStore::open(dir_ / "copilot-intake.db", dir_ / "copilot.db");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(list(IntakeState::Pending).size(), 1u);
}

TEST_F(IntakeStoreTest, OpeningRefusesTheCaseDatabaseAsTheIntakeFileAndSkipsAMissingOne) {
  auto same = SqliteIntakeStore::open(dir_ / "copilot.db", dir_ / "copilot.db");
  ASSERT_FALSE(same.has_value());
  EXPECT_EQ(same.error().code, ErrorCode::InvalidArgument);
  auto fresh = SqliteIntakeStore::open(dir_ / "new" / "intake.db", dir_ / "none.db");
  ASSERT_TRUE(fresh.has_value()) << fresh.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "none.db"));
}

TEST_F(IntakeStoreTest, ConcurrentWritersOfOneProcessLoseNothingWithOrWithoutTakingTurns) {
  for (bool serialize : {true, false}) {
    SqliteIntakeOptions options;
    options.serialize_writers = serialize;
    const auto file = dir_ / (serialize ? "turns.db" : "busy.db");
    auto store = SqliteIntakeStore::open(file, {}, options);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; i < 50; ++i) {
          auto tx = (*store)->begin_intake();
          ASSERT_TRUE(tx.has_value()) << tx.error().message;
          ASSERT_TRUE((*tx)->insert_intake(job(std::to_string(w) + "-" + std::to_string(i), t0_))
                          .has_value());
          if (i % 5 == 4) continue;  // dropped without commit: rolled back, turn released
          ASSERT_TRUE((*tx)->commit().has_value());
        }
      });
    }
    for (std::thread& t : writers) t.join();
    auto tx = (*store)->begin_intake();
    EXPECT_EQ((*tx)->list_intake(IntakeState::Pending, 1000)->size(), 160u) << serialize;
  }
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
