// Connection: RAII owner of one sqlite3* handle, opened with the store's settings (WAL,
// foreign_keys=ON, busy_timeout, synchronous=NORMAL), or read-only for verification.
// Not thread-safe: one thread uses a connection at a time (the pool hands each transaction its
// own).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string_view>

#include <sqlite3.h>

#include "plugin/core/result.h"
#include "plugin/store/sql_statement.h"

namespace ec::store {

enum class OpenMode {
  ReadWrite,  // creates the file when missing and applies the store's pragmas
  ReadOnly,   // never creates or writes; NotFound when the file does not exist
};

inline constexpr std::chrono::milliseconds kBusyTimeout{5000};

// Creates the folder a database file goes in (the case database and the intake file alike);
// Unavailable naming the folder when it cannot be created.
[[nodiscard]] Status ensure_parent_dir(const std::filesystem::path& path);

class Connection {
 public:
  // Unavailable when the file cannot be opened; NotFound (ReadOnly) when it does not exist;
  // DataLoss when it is not a SQLite database.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> open(const std::filesystem::path& path,
                                                                OpenMode mode);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs fixed SQL text (one or more statements, no values), e.g. a migration or BEGIN IMMEDIATE.
  [[nodiscard]] Status exec(std::string_view sql, std::string_view what);
  [[nodiscard]] Result<SqlStatement> prepare(std::string_view sql) {
    return SqlStatement::prepare(db_, sql);
  }
  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  [[nodiscard]] Status configure(OpenMode mode);
  [[nodiscard]] Status enable_wal();

  sqlite3* db_ = nullptr;
};
using ConnectionPtr = std::unique_ptr<Connection>;

}  // namespace ec::store
