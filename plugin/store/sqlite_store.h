// SqliteStore: the SQLite implementation of ec::Store (plugin/core/store.h), one database file.
// open() creates the file (and its folder) when missing, sets WAL / foreign keys / busy timeout /
// synchronous=NORMAL, and applies the embedded migrations. Thread-safe: every begin() runs on a
// connection of its own from a small pool, so handler threads and the outbox worker can each hold
// a transaction; writers serialize on SQLite's lock (BEGIN IMMEDIATE, waiting up to kBusyTimeout).
#pragma once

#include <filesystem>
#include <memory>

#include "plugin/core/result.h"
#include "plugin/core/store.h"

namespace ec::store {

class ConnectionPool;

class SqliteStore final : public Store {
 public:
  // Opens the database at `path` (a plain file path; the app strips "sqlite:").
  // Errors: Unavailable when the file or its folder cannot be created or opened; DataLoss when
  // the file is not a SQLite database; FailedPrecondition when its schema is newer than this
  // binary knows.
  [[nodiscard]] static Result<StorePtr> open(const std::filesystem::path& path);

  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // ec::Store. Unavailable when the write lock stays busy past kBusyTimeout.
  [[nodiscard]] Result<TransactionPtr> begin() override;
  // ec::Store. BEGIN DEFERRED: readers never wait for the write lock (WAL).
  [[nodiscard]] Result<TransactionPtr> begin_read() override;

 private:
  explicit SqliteStore(std::shared_ptr<ConnectionPool> pool);

  std::shared_ptr<ConnectionPool> pool_;  // shared with open transactions
};

}  // namespace ec::store
