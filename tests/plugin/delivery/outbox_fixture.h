// Shared set-up for the delivery tests: a real SQLite store in a temp dir, a fake clock, and
// helpers to enqueue and read back outbox messages. Not thread-safe; one per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "plugin/core/outbox.h"
#include "plugin/core/store.h"
#include "plugin/store/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace ec::testing {

inline constexpr char kCaseId[] = "C1";

inline OutboxMessage make_message(const std::string& key, const std::string& channel,
                                  Timestamp created_at) {
  OutboxMessage message;
  message.idempotency_key = key;
  message.case_id = kCaseId;
  message.channel = channel;
  message.recipient = "ESC-1042";
  message.payload = {{"message", {{"text", "Update for " + key}}}};
  message.created_at = created_at;
  return message;
}

class OutboxTest : public ::testing::Test {
 protected:
  OutboxTest() : clock_(make_utc(2025, 3, 11, 16, 0, 0)) {}
  void SetUp() override { reopen(); }

  std::filesystem::path db_path() const { return dir_ / "copilot.db"; }
  std::filesystem::path sink_dir() const { return dir_ / "sink"; }

  // Closes the store (if open) and opens the same file again, as a restarted process would.
  void reopen() {
    store_.reset();
    auto opened = store::SqliteStore::open(db_path());
    ASSERT_TRUE(opened.has_value()) << opened.error().to_string();
    store_ = std::move(*opened);
  }

  OutboxMessage enqueue(const OutboxMessage& message) {
    auto tx = store_->begin();
    EXPECT_TRUE(tx.has_value()) << tx.error().to_string();
    auto stored = (*tx)->enqueue(message);
    EXPECT_TRUE(stored.has_value()) << stored.error().to_string();
    auto committed = (*tx)->commit();
    EXPECT_TRUE(committed.has_value()) << committed.error().to_string();
    return *stored;
  }
  OutboxMessage enqueue(const std::string& key, const std::string& channel) {
    return enqueue(make_message(key, channel, clock_.now()));
  }

  std::vector<OutboxMessage> outbox() {
    auto tx = store_->begin();
    EXPECT_TRUE(tx.has_value()) << tx.error().to_string();
    auto list = (*tx)->list_outbox(kCaseId);
    EXPECT_TRUE(list.has_value()) << list.error().to_string();
    return list.value_or(std::vector<OutboxMessage>{});
  }
  OutboxMessage only_message() {
    auto list = outbox();
    EXPECT_EQ(list.size(), 1U);
    return list.empty() ? OutboxMessage{} : list.front();
  }

  std::vector<AuditRecord> audit() {
    auto tx = store_->begin();
    EXPECT_TRUE(tx.has_value()) << tx.error().to_string();
    auto list = (*tx)->list_audit();
    EXPECT_TRUE(list.has_value()) << list.error().to_string();
    return list.value_or(std::vector<AuditRecord>{});
  }

  // Regular files in the sink directory (temp files included, so leftovers would show).
  std::vector<std::filesystem::path> sink_files() const {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(sink_dir(), ec)) {
      files.push_back(entry.path());
    }
    return files;
  }

  TempDir dir_;
  FakeClock clock_;
  StorePtr store_;
};

}  // namespace ec::testing
