// SqliteStore: opening, migrations, transactions (commit, rollback, spent), several connections.
#include "plugin/store/sqlite_store.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin/store/connection.h"
#include "plugin/store/migrations.h"

#include "tests/plugin/store/store_test_util.h"

namespace ec::store {
namespace {

using ::testing::HasSubstr;
using testing::in_transaction;
using testing::open_or_fail;
using testing::RawDb;
using testing::sample_case;

Finding finding(const std::string& id, const std::string& statement) {
  Finding f;
  f.id = id;
  f.statement = statement;
  return f;
}

TEST(SqliteStore, CreatesParentFolderAndAppliesMigrationsOnce) {
  ec::testing::TempDir dir;
  const auto path = dir / "data/nested/copilot.db";
  {
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
  }
  ASSERT_TRUE(std::filesystem::exists(path));
  RawDb raw(path);
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM schema_migrations"),
            static_cast<long long>(embedded_migrations().size()));
  EXPECT_EQ(raw.scalar("SELECT max(version) FROM schema_migrations"), latest_schema_version());
  const auto applied_at_before = raw.scalar("SELECT length(applied_at) FROM schema_migrations");

  // Reopening applies nothing again and keeps the recorded rows.
  ASSERT_NE(open_or_fail(path), nullptr);
  ASSERT_NE(open_or_fail(path), nullptr);
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM schema_migrations"),
            static_cast<long long>(embedded_migrations().size()));
  EXPECT_EQ(raw.scalar("SELECT length(applied_at) FROM schema_migrations"), applied_at_before);
}

TEST(SqliteStore, ConcurrentFirstOpensMigrateOnce) {
  ec::testing::TempDir dir;
  const auto path = dir / "fresh.db";
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      auto store = SqliteStore::open(path);
      if (!store) {
        ++failures;
        ADD_FAILURE() << store.error().to_string();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  RawDb raw(path);
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM schema_migrations"),
            static_cast<long long>(embedded_migrations().size()));
}

TEST(SqliteStore, UsesWalAndForeignKeys) {
  ec::testing::TempDir dir;
  auto store = open_or_fail(dir / "x.db");
  ASSERT_NE(store, nullptr);
  RawDb raw(dir / "x.db");
  // journal_mode is persistent: a fresh connection reports wal.
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw.handle(), "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);

  // foreign_keys is per connection: the store's refuses evidence for an unknown case.
  auto tx = store->begin();
  ASSERT_TRUE(tx.has_value());
  auto written = (*tx)->replace_findings("NO-SUCH-CASE", {finding("F1", "")});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, ErrorCode::NotFound);
}

TEST(SqliteStore, RefusesSchemaNewerThanBinary) {
  ec::testing::TempDir dir;
  const auto path = dir / "x.db";
  ASSERT_NE(open_or_fail(path), nullptr);
  {
    RawDb raw(path);
    ASSERT_EQ(raw.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 'later')"),
              SQLITE_OK);
  }
  auto store = SqliteStore::open(path);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::FailedPrecondition);
  EXPECT_THAT(store.error().message, HasSubstr("999"));
}

TEST(SqliteStore, RefusesAFileThatIsNotADatabase) {
  ec::testing::TempDir dir;
  ec::testing::write_file(dir / "x.db", std::string(4096, 'x'));
  auto store = SqliteStore::open(dir / "x.db");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::DataLoss);
}

TEST(SqliteStore, FailedMigrationLeavesNothingApplied) {
  ec::testing::TempDir dir;
  auto connection = Connection::open(dir / "x.db", OpenMode::ReadWrite);
  ASSERT_TRUE(connection.has_value());
  const Migration broken[] = {
      {1, "0001_ok", "CREATE TABLE a (x INTEGER);"},
      {2, "0002_broken", "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;"},
  };
  auto applied = apply_migrations(**connection, broken);
  ASSERT_FALSE(applied.has_value());
  RawDb raw(dir / "x.db");
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b')"), 0);

  const Migration misnumbered[] = {{2, "0002_x", "SELECT 1;"}};
  auto refused = apply_migrations(**connection, misnumbered);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::Internal);
}

TEST(SqliteStore, AMigrationThatFillsAGapLaterIsApplied) {
  ec::testing::TempDir dir;
  auto connection = Connection::open(dir / "x.db", OpenMode::ReadWrite);
  ASSERT_TRUE(connection.has_value());
  const Migration gap[] = {{1, "0001_a", "CREATE TABLE a (x INTEGER);"},
                           {3, "0003_c", "CREATE TABLE c (x INTEGER);"}};
  auto first = apply_migrations(**connection, gap);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(*first, 3);
  // After a merge the binary also knows 0002: it runs, although the database is at version 3.
  const Migration merged[] = {{1, "0001_a", "CREATE TABLE a (x INTEGER);"},
                              {2, "0002_b", "CREATE TABLE b (x INTEGER);"},
                              {3, "0003_c", "CREATE TABLE c (x INTEGER);"}};
  auto second = apply_migrations(**connection, merged);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  RawDb raw(dir / "x.db");
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b', 'c')"), 3);
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM schema_migrations"), 3);
  const Migration backwards[] = {{1, "0001_a", "SELECT 1;"}, {3, "0003_c", "SELECT 1;"},
                                 {2, "0002_b", "SELECT 1;"}};
  EXPECT_FALSE(apply_migrations(**connection, backwards).has_value());
}

TEST(SqliteStore, ReopenedStoreSeesCommittedData) {
  ec::testing::TempDir dir;
  const auto path = dir / "x.db";
  auto first = open_or_fail(path);
  ASSERT_NE(first, nullptr);
  in_transaction(*first,
                 [](Transaction& tx) { ASSERT_TRUE(tx.insert_case(sample_case()).has_value()); });

  // A second store on the same file (as another process would) sees it while the first is open.
  auto second = open_or_fail(path);
  ASSERT_NE(second, nullptr);
  in_transaction(*second, [](Transaction& tx) {
    auto c = tx.get_case("CASE-1");
    ASSERT_TRUE(c.has_value()) << c.error().to_string();
    EXPECT_EQ(c->ticket_ref, "ESC-1042");
  });
  first.reset();
  second.reset();
  auto third = open_or_fail(path);
  ASSERT_NE(third, nullptr);
  in_transaction(*third, [](Transaction& tx) { EXPECT_TRUE(tx.get_case("CASE-1").has_value()); });
}

TEST(SqliteStore, DestroyingWithoutCommitRollsBack) {
  ec::testing::TempDir dir;
  auto store = open_or_fail(dir / "x.db");
  ASSERT_NE(store, nullptr);
  in_transaction(*store, [](Transaction& tx) {
    ASSERT_TRUE(tx.insert_case(sample_case("CASE-1")).has_value());
    ASSERT_TRUE(tx.replace_findings("CASE-1", {finding("F1", "kept")}).has_value());
  });
  {
    auto tx = store->begin();
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE((*tx)->insert_case(sample_case("CASE-2")).has_value());
    ASSERT_TRUE((*tx)->replace_findings("CASE-1", {}).has_value());
    Case changed = sample_case("CASE-1");
    changed.state = CaseState::Closed;
    ASSERT_TRUE((*tx)->update_case(changed).has_value());
  }  // no commit
  in_transaction(*store, [](Transaction& tx) {
    auto missing = tx.get_case("CASE-2");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    auto kept = tx.get_case("CASE-1");
    ASSERT_TRUE(kept.has_value());
    EXPECT_EQ(kept->state, CaseState::Open);
    auto findings = tx.list_findings("CASE-1");
    ASSERT_TRUE(findings.has_value());
    ASSERT_EQ(findings->size(), 1u);
    EXPECT_EQ(findings->front().statement, "kept");
  });
}

TEST(SqliteStore, CommittedTransactionIsSpent) {
  ec::testing::TempDir dir;
  auto store = open_or_fail(dir / "x.db");
  ASSERT_NE(store, nullptr);
  auto tx = store->begin();
  ASSERT_TRUE(tx.has_value());
  ASSERT_TRUE((*tx)->commit().has_value());
  auto again = (*tx)->commit();
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::FailedPrecondition);
  auto read = (*tx)->list_cases();
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::FailedPrecondition);
}

TEST(SqliteStore, TransactionMayOutliveTheStore) {
  ec::testing::TempDir dir;
  auto store = open_or_fail(dir / "x.db");
  ASSERT_NE(store, nullptr);
  auto tx = store->begin();
  ASSERT_TRUE(tx.has_value());
  store.reset();
  ASSERT_TRUE((*tx)->insert_case(sample_case()).has_value());
  EXPECT_TRUE((*tx)->commit().has_value());
}

TEST(SqliteStore, ConcurrentWritersFromSeveralThreads) {
  ec::testing::TempDir dir;
  auto store = open_or_fail(dir / "x.db");
  ASSERT_NE(store, nullptr);
  in_transaction(*store,
                 [](Transaction& tx) { ASSERT_TRUE(tx.insert_case(sample_case()).has_value()); });
  constexpr int kThreads = 4;
  constexpr int kWrites = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&store, &failures, t] {
      for (int i = 0; i < kWrites; ++i) {
        auto tx = store->begin();
        if (!tx) {
          ++failures;
          continue;
        }
        Turn turn;
        turn.case_id = "CASE-1";
        turn.actor = "thread-" + std::to_string(t);
        turn.action = "gather";
        AuditEntry entry{.case_id = "CASE-1", .actor = turn.actor, .action = "turn"};
        if (!(*tx)->append_turn(turn) || !(*tx)->append_audit(entry) || !(*tx)->commit()) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  in_transaction(*store, [](Transaction& tx) {
    auto turns = tx.list_turns("CASE-1");
    ASSERT_TRUE(turns.has_value());
    ASSERT_EQ(turns->size(), static_cast<std::size_t>(kThreads * kWrites));
    for (std::size_t i = 0; i < turns->size(); ++i)
      EXPECT_EQ((*turns)[i].seq, static_cast<std::int64_t>(i + 1));
    auto audit = tx.list_audit();
    ASSERT_TRUE(audit.has_value());
    EXPECT_EQ(audit->size(), static_cast<std::size_t>(kThreads * kWrites));
    EXPECT_TRUE(verify_audit_chain(*audit).has_value());
  });
}

}  // namespace
}  // namespace ec::store
