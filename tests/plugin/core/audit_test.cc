#include "plugin/core/audit.h"

#include <gtest/gtest.h>

namespace ec {
namespace {

std::vector<AuditRecord> make_chain(int n) {
  std::vector<AuditRecord> records;
  for (int i = 0; i < n; ++i) {
    AuditEntry entry;
    entry.case_id = "CASE-1";
    entry.time = from_unix_seconds(1'700'000'000 + i);
    entry.actor = "copilot";
    entry.action = "turn";
    entry.payload = {{"i", i}};
    records.push_back(chain_next(records.empty() ? nullptr : &records.back(), entry));
  }
  return records;
}

TEST(AuditChain, IntactChainVerifies) {
  auto records = make_chain(5);
  auto result = verify_audit_chain(records);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->records, 5);
  EXPECT_EQ(result->head_hash, records.back().hash);
  EXPECT_EQ(records.front().prev_hash, kAuditGenesisHash);
}

TEST(AuditChain, ChangedPayloadIsDetected) {
  auto records = make_chain(5);
  records[2].entry.payload = {{"i", 99}};
  auto result = verify_audit_chain(records);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::DataLoss);
  EXPECT_NE(result.error().message.find("audit record 3"), std::string::npos);
}

TEST(AuditChain, RemovedRecordIsDetected) {
  auto records = make_chain(5);
  records.erase(records.begin() + 1);
  auto result = verify_audit_chain(records);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("audit record 3"), std::string::npos);
}

TEST(AuditChain, ReorderedRecordsAreDetected) {
  auto records = make_chain(5);
  std::swap(records[1], records[2]);
  EXPECT_FALSE(verify_audit_chain(records).has_value());
}

TEST(AuditChain, RehashedForgeryStillBreaksTheLink) {
  auto records = make_chain(4);
  // A forger edits record 2 and recomputes its own hash: record 3 no longer links to it.
  records[1].entry.actor = "forger";
  records[1] = chain_next(&records[0], records[1].entry);
  auto result = verify_audit_chain(records);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("audit record 3"), std::string::npos);
}

}  // namespace
}  // namespace ec
