// Audit trail in the store: append links records with core's chain, the table refuses UPDATE and
// DELETE, and verify_audit() checks an intact file read-only.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin/store/audit_verify.h"

#include "tests/plugin/store/store_test_util.h"

namespace ec::store {
namespace {

using testing::at_minute;
using ::testing::HasSubstr;
using testing::in_transaction;
using testing::open_or_fail;
using testing::RawDb;

AuditEntry entry(int i) {
  return AuditEntry{.case_id = "CASE-1",
                    .time = at_minute(i),
                    .actor = "copilot",
                    .action = "tool_call",
                    .payload = {{"tool", "okta"}, {"n", i}, {"ratio", 0.1 * i}}};
}

TEST(StoreAudit, AppendLinksRecordsAndListsThemInOrder) {
  ec::testing::TempDir dir;
  auto store = open_or_fail(dir / "x.db");
  ASSERT_NE(store, nullptr);
  std::vector<AuditRecord> appended;
  in_transaction(*store, [&](Transaction& tx) {
    for (int i = 1; i <= 3; ++i) {
      auto record = tx.append_audit(entry(i));
      ASSERT_TRUE(record.has_value()) << record.error().to_string();
      appended.push_back(*record);
    }
  });
  ASSERT_EQ(appended.size(), 3u);
  EXPECT_EQ(appended[0].seq, 1);
  EXPECT_EQ(appended[0].prev_hash, kAuditGenesisHash);
  EXPECT_EQ(appended[1].prev_hash, appended[0].hash);
  EXPECT_EQ(appended[2].seq, 3);

  // A later transaction (after a reopen) continues the chain from the stored head.
  store.reset();
  store = open_or_fail(dir / "x.db");
  ASSERT_NE(store, nullptr);
  in_transaction(*store, [&](Transaction& tx) {
    auto fourth = tx.append_audit(entry(4));
    ASSERT_TRUE(fourth.has_value());
    EXPECT_EQ(fourth->seq, 4);
    EXPECT_EQ(fourth->prev_hash, appended[2].hash);
    auto listed = tx.list_audit();
    ASSERT_TRUE(listed.has_value());
    ASSERT_EQ(listed->size(), 4u);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ((*listed)[i].hash, appended[i].hash);
      EXPECT_EQ((*listed)[i].entry.payload, appended[i].entry.payload);
      EXPECT_EQ((*listed)[i].entry.time, appended[i].entry.time);
    }
    EXPECT_TRUE(verify_audit_chain(*listed).has_value());
  });
}

TEST(StoreAudit, RolledBackAppendLeavesNoTrace) {
  ec::testing::TempDir dir;
  auto store = open_or_fail(dir / "x.db");
  ASSERT_NE(store, nullptr);
  in_transaction(*store,
                 [&](Transaction& tx) { ASSERT_TRUE(tx.append_audit(entry(1)).has_value()); });
  {
    auto tx = store->begin();
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE((*tx)->append_audit(entry(2)).has_value());
  }
  in_transaction(*store, [&](Transaction& tx) {
    auto next = tx.append_audit(entry(3));
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->seq, 2);
  });
  auto verified = verify_audit((dir / "x.db").string());
  ASSERT_TRUE(verified.has_value()) << verified.error().to_string();
  EXPECT_EQ(verified->records, 2);
}

TEST(StoreAudit, TriggersRefuseUpdateAndDelete) {
  ec::testing::TempDir dir;
  auto store = open_or_fail(dir / "x.db");
  ASSERT_NE(store, nullptr);
  in_transaction(*store,
                 [&](Transaction& tx) { ASSERT_TRUE(tx.append_audit(entry(1)).has_value()); });
  RawDb raw(dir / "x.db");
  EXPECT_EQ(raw.exec("UPDATE audit_log SET payload = '{}' WHERE seq = 1"), SQLITE_CONSTRAINT);
  EXPECT_THAT(raw.last_error(), HasSubstr("audit_log is append-only"));
  EXPECT_EQ(raw.exec("DELETE FROM audit_log WHERE seq = 1"), SQLITE_CONSTRAINT);
  EXPECT_THAT(raw.last_error(), HasSubstr("audit_log is append-only"));
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM audit_log"), 1);
}

TEST(StoreAudit, VerifiesAnIntactChain) {
  ec::testing::TempDir dir;
  const auto path = dir / "x.db";
  std::string head;
  {
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
    in_transaction(*store, [&](Transaction& tx) {
      for (int i = 1; i <= 5; ++i) head = tx.append_audit(entry(i))->hash;
    });
  }
  auto verified = verify_audit(path.string());
  ASSERT_TRUE(verified.has_value()) << verified.error().to_string();
  EXPECT_EQ(verified->records, 5);
  EXPECT_EQ(verified->head_hash, head);
}

TEST(StoreAudit, VerifiesAnEmptyChain) {
  ec::testing::TempDir dir;
  ASSERT_NE(open_or_fail(dir / "x.db"), nullptr);
  auto verified = verify_audit((dir / "x.db").string());
  ASSERT_TRUE(verified.has_value()) << verified.error().to_string();
  EXPECT_EQ(verified->records, 0);
}

TEST(StoreAudit, VerifyOfMissingFileIsNotFoundAndCreatesNothing) {
  ec::testing::TempDir dir;
  auto verified = verify_audit((dir / "absent.db").string());
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, ErrorCode::NotFound);
  EXPECT_FALSE(std::filesystem::exists(dir / "absent.db"));
}

TEST(StoreAudit, VerifyRefusesAForeignDatabaseWithoutMigratingIt) {
  ec::testing::TempDir dir;
  {
    RawDb raw(dir / "other.db");
    ASSERT_EQ(raw.exec("CREATE TABLE t (x INTEGER)"), SQLITE_OK);
  }
  auto verified = verify_audit((dir / "other.db").string());
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, ErrorCode::InvalidArgument);
  RawDb raw(dir / "other.db");
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'"), 0);
}

}  // namespace
}  // namespace ec::store
