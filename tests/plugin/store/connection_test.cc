// Connection's statement cache: a statement is compiled once per connection and reused with
// fresh bindings; the same text used twice at once gets a statement of its own; errors stay
// errors; BEGIN/COMMIT/ROLLBACK through run() behave as before. And the Sync setting.
#include "plugin/store/connection.h"

#include <gtest/gtest.h>

#include "plugin/store/connection_pool.h"
#include "tests/fakes/temp_dir.h"

namespace ec::store {
namespace {

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Connection::open(dir_ / "c.db", OpenMode::ReadWrite);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    db_ = std::move(*opened);
    ASSERT_TRUE(db_->exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)", "create").has_value());
  }

  std::optional<std::int64_t> value_of(const std::string& key) {
    auto stmt = db_->prepare("SELECT v FROM t WHERE k = ?1");
    EXPECT_TRUE(stmt.has_value());
    stmt->bind_text(1, key);
    auto row = stmt->step();
    EXPECT_TRUE(row.has_value());
    if (!*row) return std::nullopt;
    return stmt->column_optional_int64(0);
  }

  ec::testing::TempDir dir_;
  ConnectionPtr db_;
};

TEST_F(ConnectionTest, ReusedStatementStartsWithoutThePreviousBindings) {
  {
    auto insert = db_->prepare("INSERT INTO t (k, v) VALUES (?1, ?2)");
    ASSERT_TRUE(insert.has_value());
    insert->bind_text(1, "a").bind_int64(2, 7);
    ASSERT_TRUE(insert->run().has_value());
  }
  {
    // Same text again: the cached statement, reset, its old value for ?2 cleared (NULL).
    auto insert = db_->prepare("INSERT INTO t (k, v) VALUES (?1, ?2)");
    ASSERT_TRUE(insert.has_value());
    insert->bind_text(1, "b");
    ASSERT_TRUE(insert->run().has_value());
  }
  EXPECT_EQ(value_of("a"), 7);
  EXPECT_EQ(value_of("b"), std::nullopt);
  EXPECT_EQ(value_of("missing"), std::nullopt);
}

TEST_F(ConnectionTest, TheSameTextTwiceAtOnceGetsTwoStatements) {
  ASSERT_TRUE(db_->exec("INSERT INTO t VALUES ('a', 1), ('b', 2)", "fill").has_value());
  auto outer = db_->prepare("SELECT k FROM t ORDER BY k");
  ASSERT_TRUE(outer.has_value());
  ASSERT_EQ(outer->step(), true);
  EXPECT_EQ(outer->column_text(0), "a");
  {
    // While `outer` is mid-iteration, the same query runs from its start on its own statement.
    auto inner = db_->prepare("SELECT k FROM t ORDER BY k");
    ASSERT_TRUE(inner.has_value());
    ASSERT_EQ(inner->step(), true);
    EXPECT_EQ(inner->column_text(0), "a");
  }
  ASSERT_EQ(outer->step(), true);
  EXPECT_EQ(outer->column_text(0), "b");
  EXPECT_EQ(outer->step(), false);
}

TEST_F(ConnectionTest, AStatementLeftMidIterationIsResetWhenHandedBack) {
  ASSERT_TRUE(db_->exec("INSERT INTO t VALUES ('a', 1), ('b', 2)", "fill").has_value());
  {
    auto select = db_->prepare("SELECT k FROM t ORDER BY k");
    ASSERT_TRUE(select.has_value());
    ASSERT_EQ(select->step(), true);  // left on the first row
  }
  auto again = db_->prepare("SELECT k FROM t ORDER BY k");
  ASSERT_TRUE(again.has_value());
  ASSERT_EQ(again->step(), true);
  EXPECT_EQ(again->column_text(0), "a");  // from the start, not "b"
}

TEST_F(ConnectionTest, SyntaxErrorsAreErrorsEveryTime) {
  for (int i = 0; i < 2; ++i) {
    auto bad = db_->prepare("SELEC nothing");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, ErrorCode::Internal);
    EXPECT_NE(bad.error().message.find("prepare"), std::string::npos);
  }
}

TEST_F(ConnectionTest, TransactionsThroughRunCommitAndRollBack) {
  ASSERT_TRUE(db_->run("BEGIN IMMEDIATE", "begin").has_value());
  ASSERT_TRUE(db_->exec("INSERT INTO t VALUES ('kept', 1)", "insert").has_value());
  ASSERT_TRUE(db_->run("COMMIT", "commit").has_value());
  ASSERT_TRUE(db_->run("BEGIN IMMEDIATE", "begin").has_value());
  ASSERT_TRUE(db_->exec("INSERT INTO t VALUES ('dropped', 1)", "insert").has_value());
  ASSERT_TRUE(db_->run("ROLLBACK", "rollback").has_value());
  EXPECT_EQ(value_of("kept"), 1);
  EXPECT_EQ(value_of("dropped"), std::nullopt);

  auto stray = db_->run("COMMIT", "commit");  // no transaction is open
  ASSERT_FALSE(stray.has_value());
  EXPECT_NE(stray.error().message.find("commit"), std::string::npos);
}

TEST_F(ConnectionTest, SeesSchemaChangesAfterTheFirstCompile) {
  ASSERT_TRUE(db_->exec("INSERT INTO t VALUES ('a', 1)", "fill").has_value());
  EXPECT_EQ(value_of("a"), 1);
  // The cached statement was compiled against the old schema; SQLite recompiles it.
  ASSERT_TRUE(db_->exec("ALTER TABLE t ADD COLUMN w INTEGER; UPDATE t SET v = 5", "alter")
                  .has_value());
  EXPECT_EQ(value_of("a"), 5);
}

std::int64_t synchronous_of(Connection& connection) {
  auto stmt = connection.prepare("PRAGMA synchronous");
  EXPECT_TRUE(stmt.has_value());
  EXPECT_EQ(stmt->step(), true);
  return stmt->column_int64(0);
}

TEST(ConnectionSync, NormalUnlessFullIsAsked) {
  ec::testing::TempDir dir;
  auto normal = Connection::open(dir / "n.db", OpenMode::ReadWrite);
  auto full = Connection::open(dir / "f.db", OpenMode::ReadWrite, Sync::Full);
  ASSERT_TRUE(normal.has_value() && full.has_value());
  EXPECT_EQ(synchronous_of(**normal), 1);  // NORMAL
  EXPECT_EQ(synchronous_of(**full), 2);    // FULL

  ConnectionPool pool(dir / "p.db", 2, Sync::Full);  // every connection it opens
  auto pooled = pool.acquire();
  ASSERT_TRUE(pooled.has_value());
  EXPECT_EQ(synchronous_of(**pooled), 2);
}

}  // namespace
}  // namespace ec::store
