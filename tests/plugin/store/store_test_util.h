// Helpers for the store tests: a store in a temp dir, sample domain values, and a raw sqlite3
// connection for tampering with the file behind the store's back. Not thread-safe; one per test.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "plugin/core/store.h"
#include "plugin/store/sqlite_store.h"

#include "tests/fakes/temp_dir.h"

namespace ec::store::testing {

// 2025-03-11T16:00:00Z plus `minutes`.
Timestamp at_minute(int minutes);

Case sample_case(const std::string& id = "CASE-1", const std::string& ticket = "ESC-1042");

// Opens the store or fails the current test (ADD_FAILURE) and returns null.
StorePtr open_or_fail(const std::filesystem::path& path);

// Begins, runs `body(tx)`, commits; fails the test on any error.
template <class Body>
void in_transaction(Store& store, Body&& body) {
  auto tx = store.begin();
  if (!tx) {
    ADD_FAILURE() << "begin: " << tx.error().to_string();
    return;
  }
  body(**tx);
  auto committed = (*tx)->commit();
  if (!committed) ADD_FAILURE() << "commit: " << committed.error().to_string();
}

// A plain sqlite3 connection to the store's file (no foreign keys, no store code), for setting up
// states the store itself refuses to produce.
class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& path);
  ~RawDb();
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Runs fixed SQL; returns the SQLite result code. last_error() has the message.
  int exec(const std::string& sql);
  // Runs SQL returning one integer (e.g. SELECT count(*)); -1 on error.
  long long scalar(const std::string& sql);
  const std::string& last_error() const { return last_error_; }
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string last_error_;
};

}  // namespace ec::store::testing
