// SqlStatement: one prepared SQLite statement in use (sqlite3_prepare_v3 + bind + step), either
// owned (finalized when destroyed) or borrowed from its connection's statement cache (reset,
// bindings cleared and handed back when destroyed; see Connection::prepare).
// Every value reaches SQL through a bind call; SQL text is always a fixed literal.
// Bind calls chain and keep the first error, which step()/run() then report, so a caller checks
// once. Not thread-safe: a SqlStatement belongs to the connection's (single) user thread and must
// not outlive the connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "plugin/core/result.h"

namespace ec::store {

class SqlStatement {
 public:
  // Prepares `sql` (one statement) on `db`. Internal on a syntax error, Unavailable when busy.
  [[nodiscard]] static Result<SqlStatement> prepare(sqlite3* db, std::string_view sql);
  // Compiles `sql` (one statement) with sqlite3_prepare_v3 `flags`; the caller owns the result.
  // Internal on a syntax error or empty text, Unavailable when busy.
  [[nodiscard]] static Result<sqlite3_stmt*> compile(sqlite3* db, std::string_view sql,
                                                     unsigned flags);
  // Uses `stmt`, prepared and owned by a cache that marked it in use through `in_use`; destroying
  // the SqlStatement resets it and sets *in_use to false.
  [[nodiscard]] static SqlStatement borrow(sqlite3* db, sqlite3_stmt* stmt, bool* in_use) {
    SqlStatement borrowed(db, stmt);
    borrowed.in_use_ = in_use;
    return borrowed;
  }

  SqlStatement(SqlStatement&& other) noexcept;
  SqlStatement& operator=(SqlStatement&& other) noexcept;
  SqlStatement(const SqlStatement&) = delete;
  SqlStatement& operator=(const SqlStatement&) = delete;
  ~SqlStatement();

  // Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  SqlStatement& bind_text(int index, std::string_view value);
  SqlStatement& bind_int64(int index, std::int64_t value);
  SqlStatement& bind_null(int index);
  SqlStatement& bind_optional_int64(int index, std::optional<std::int64_t> value);

  // Advances: true when a row is available, false when the statement is done. An error names
  // `what` ("step" unless told).
  [[nodiscard]] Result<bool> step(std::string_view what = "step");
  // Steps a statement that returns no rows (INSERT/UPDATE/DELETE) to completion.
  [[nodiscard]] Status run(std::string_view what = "step");
  // Makes the statement runnable again with new bindings (old bindings are kept until rebound).
  void reset() { sqlite3_reset(stmt_); }

  // Column accessors for the current row; 0-based, as in SQLite. NULL text reads as "".
  [[nodiscard]] std::string column_text(int index) const;
  [[nodiscard]] std::int64_t column_int64(int index) const;
  [[nodiscard]] bool column_is_null(int index) const;
  [[nodiscard]] std::optional<std::int64_t> column_optional_int64(int index) const;

  // Rows changed by the last completed INSERT/UPDATE/DELETE on this connection.
  [[nodiscard]] std::int64_t changes() const { return sqlite3_changes64(db_); }

 private:
  SqlStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  void note_bind(int rc, int index);
  // Finalizes an owned statement or hands a borrowed one back; leaves this empty.
  void release();

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  bool* in_use_ = nullptr;  // set when borrowed from a cache
  std::optional<Error> bind_error_;
};

}  // namespace ec::store
