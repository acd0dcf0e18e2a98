// verify_audit() against a file tampered with behind the store's back (raw sqlite3, triggers
// dropped first): each kind of tampering is DataLoss naming the first bad record.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin/store/audit_verify.h"
#include "plugin/store/row_codec.h"

#include "tests/plugin/store/store_test_util.h"

namespace ec::store {
namespace {

using testing::at_minute;
using ::testing::HasSubstr;
using testing::in_transaction;
using ::testing::Not;
using testing::open_or_fail;
using testing::RawDb;

constexpr char kDropTriggers[] =
    "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;";
constexpr char kRecreateTriggers[] =
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
    "BEGIN\n  SELECT RAISE(ABORT, 'audit_log is append-only');\nEND;\n"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
    "BEGIN\n  SELECT RAISE(ABORT, 'audit_log is append-only');\nEND;";

class AuditTamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_or_fail(path());
    ASSERT_NE(store, nullptr);
    in_transaction(*store, [&](Transaction& tx) {
      for (int i = 1; i <= 5; ++i) {
        auto record = tx.append_audit(AuditEntry{.case_id = "CASE-1",
                                                 .time = at_minute(i),
                                                 .actor = i % 2 ? "copilot" : "U0LEAD",
                                                 .action = "turn",
                                                 .payload = {{"n", i}}});
        ASSERT_TRUE(record.has_value());
        records_.push_back(*record);
      }
    });
    ASSERT_TRUE(verify_audit(path().string()).has_value());
  }

  std::filesystem::path path() const { return dir_ / "audit.db"; }

  // Runs tampering SQL with the triggers out of the way, then puts identical triggers back, so
  // only the chain can tell.
  void tamper(const std::string& sql) {
    RawDb raw(path());
    ASSERT_EQ(raw.exec(kDropTriggers), SQLITE_OK) << raw.last_error();
    ASSERT_EQ(raw.exec(sql), SQLITE_OK) << raw.last_error();
    ASSERT_EQ(raw.exec(kRecreateTriggers), SQLITE_OK) << raw.last_error();
  }

  // Expects DataLoss whose message names `seq` as the first bad record.
  void expect_broken_at(std::int64_t seq) {
    auto verified = verify_audit(path().string());
    ASSERT_FALSE(verified.has_value()) << "tampering went unnoticed";
    EXPECT_EQ(verified.error().code, ErrorCode::DataLoss);
    EXPECT_THAT(verified.error().message, HasSubstr("audit record " + std::to_string(seq) + " "));
    EXPECT_THAT(verified.error().message, Not(HasSubstr("trigger")));
  }

  ec::testing::TempDir dir_;
  std::vector<AuditRecord> records_;
};

TEST_F(AuditTamperTest, ChangedPayload) {
  tamper("UPDATE audit_log SET payload = '{\"n\":33}' WHERE seq = 3");
  expect_broken_at(3);
}

TEST_F(AuditTamperTest, ChangedActor) {
  tamper("UPDATE audit_log SET actor = 'U0OTHER' WHERE seq = 2");
  expect_broken_at(2);
}

TEST_F(AuditTamperTest, PayloadThatIsNotJson) {
  tamper("UPDATE audit_log SET payload = '{broken' WHERE seq = 4");
  expect_broken_at(4);
}

TEST_F(AuditTamperTest, DeletedRow) {
  tamper("DELETE FROM audit_log WHERE seq = 3");
  expect_broken_at(4);
}

TEST_F(AuditTamperTest, DeletedTailIsVisibleOnlyThroughTheHeadHash) {
  tamper("DELETE FROM audit_log WHERE seq = 5");
  auto verified = verify_audit(path().string());
  ASSERT_TRUE(verified.has_value());
  EXPECT_EQ(verified->records, 4);
  EXPECT_NE(verified->head_hash, records_.back().hash);
}

TEST_F(AuditTamperTest, AppendedRowWithForgedHash) {
  tamper(
      "INSERT INTO audit_log (seq, case_id, time, actor, action, payload, prev_hash, hash) "
      "VALUES (6, 'CASE-1', 0, 'copilot', 'turn', '{}', '" +
      records_.back().hash + "', 'forged')");
  expect_broken_at(6);
}

TEST_F(AuditTamperTest, InsertedRowWithAValidLinkBreaksTheNextRecord) {
  // Shift records 3..5 to 4..6 and insert a forgery at 3 that links correctly to record 2.
  AuditRecord forged = chain_next(&records_[1], AuditEntry{.case_id = "CASE-1",
                                                           .time = at_minute(2),
                                                           .actor = "U0LEAD",
                                                           .action = "decision",
                                                           .payload = {{"approved", true}}});
  tamper(
      "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3;"
      "UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100;"
      "INSERT INTO audit_log (seq, case_id, time, actor, action, payload, prev_hash, hash) "
      "VALUES (3, 'CASE-1', " +
      std::to_string(to_millis(forged.entry.time)) + ", 'U0LEAD', 'decision', '" +
      json_column(forged.entry.payload) + "', '" + forged.prev_hash + "', '" + forged.hash + "')");
  expect_broken_at(4);
}

TEST_F(AuditTamperTest, ReorderedRows) {
  // Swap the contents of records 2 and 4, keeping their seq numbers.
  tamper(
      "CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE seq IN (2, 4);"
      "UPDATE audit_log SET (case_id, time, actor, action, payload, prev_hash, hash) = "
      "(SELECT case_id, time, actor, action, payload, prev_hash, hash FROM swap "
      " WHERE swap.seq = 6 - audit_log.seq) WHERE seq IN (2, 4);");
  expect_broken_at(2);
}

TEST_F(AuditTamperTest, DroppedTriggersWithIntactChain) {
  RawDb raw(path());
  ASSERT_EQ(raw.exec(kDropTriggers), SQLITE_OK);
  auto verified = verify_audit(path().string());
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, ErrorCode::DataLoss);
  EXPECT_THAT(verified.error().message, HasSubstr("audit_log triggers are missing (tampering)"));
}

TEST_F(AuditTamperTest, DroppedTriggersAndChangedRowNamesTheRecordFirst) {
  RawDb raw(path());
  ASSERT_EQ(raw.exec(kDropTriggers), SQLITE_OK);
  ASSERT_EQ(raw.exec("UPDATE audit_log SET action = 'nothing' WHERE seq = 2"), SQLITE_OK);
  auto verified = verify_audit(path().string());
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, ErrorCode::DataLoss);
  EXPECT_THAT(verified.error().message, HasSubstr("audit record 2 "));
  EXPECT_THAT(verified.error().message, HasSubstr("triggers are missing"));
  EXPECT_LT(verified.error().message.find("audit record 2"),
            verified.error().message.find("triggers"));
}

TEST_F(AuditTamperTest, NeutralizedTriggerIsDetected) {
  RawDb raw(path());
  ASSERT_EQ(raw.exec("DROP TRIGGER audit_log_no_update;"
                     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                     "WHEN 0 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"),
            SQLITE_OK);
  auto verified = verify_audit(path().string());
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, ErrorCode::DataLoss);
  EXPECT_THAT(verified.error().message, HasSubstr("audit_log_no_update was altered"));
}

}  // namespace
}  // namespace ec::store
