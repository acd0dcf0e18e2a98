#include "tests/plugin/store/store_test_util.h"

#include <gtest/gtest.h>

namespace ec::store::testing {

Timestamp at_minute(int minutes) { return make_utc(2025, 3, 11, 16, minutes, 0); }

Case sample_case(const std::string& id, const std::string& ticket) {
  Case c;
  c.id = id;
  c.ticket_ref = ticket;
  c.customer = "Acme";
  c.subject_query = "contractor@example.com";
  c.severity = Severity::High;
  c.lead = "U0LEAD";
  c.state = CaseState::Open;
  c.created_at = at_minute(0);
  c.updated_at = at_minute(0);
  return c;
}

StorePtr open_or_fail(const std::filesystem::path& path) {
  auto store = SqliteStore::open(path);
  if (!store) {
    ADD_FAILURE() << "open " << path << ": " << store.error().to_string();
    return nullptr;
  }
  return std::move(*store);
}

RawDb::RawDb(const std::filesystem::path& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    ADD_FAILURE() << "raw open " << path << ": " << sqlite3_errmsg(db_);
  }
  sqlite3_busy_timeout(db_, 5000);
}

RawDb::~RawDb() { sqlite3_close(db_); }

int RawDb::exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  last_error_ = message != nullptr ? message : "";
  sqlite3_free(message);
  return rc;
}

long long RawDb::scalar(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  long long value = -1;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    value = sqlite3_column_int64(stmt, 0);
  } else {
    last_error_ = sqlite3_errmsg(db_);
  }
  sqlite3_finalize(stmt);
  return value;
}

}  // namespace ec::store::testing
