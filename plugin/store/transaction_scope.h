// TransactionScope: one pooled connection inside a BEGIN, rolled back when destroyed without
// commit() (the connection then returns to its pool). The lifecycle shared by the store's
// transaction classes (SqliteTransaction on the case database, SqliteIntakeTransaction on the
// intake database). Used by one thread; movable, not copyable.
#pragma once

#include <memory>
#include <string_view>

#include "plugin/core/result.h"
#include "plugin/store/connection.h"
#include "plugin/store/connection_pool.h"
#include "plugin/store/sql_statement.h"

namespace ec::store {

// Immediate: BEGIN IMMEDIATE, the write lock at once. Deferred: plain BEGIN, a read snapshot from
// the first read and no lock until a write.
enum class Locking { Immediate, Deferred };

class TransactionScope {
 public:
  // Takes a connection from `pool` and begins a transaction on it. Unavailable when busy.
  [[nodiscard]] static Result<TransactionScope> begin(std::shared_ptr<ConnectionPool> pool,
                                                      Locking locking);

  TransactionScope(TransactionScope&&) noexcept = default;
  TransactionScope& operator=(TransactionScope&&) = delete;
  TransactionScope(const TransactionScope&) = delete;
  TransactionScope& operator=(const TransactionScope&) = delete;
  ~TransactionScope();

  // COMMIT; afterwards every call is FailedPrecondition.
  [[nodiscard]] Status commit();
  // Prepares SQL on this transaction's connection; FailedPrecondition once committed.
  [[nodiscard]] Result<SqlStatement> prepare(std::string_view sql);
  // Runs a prepared statement that must change exactly one row; NotFound naming `what` if none.
  [[nodiscard]] Status run_changing_one(SqlStatement& stmt, std::string_view what);

 private:
  TransactionScope(std::shared_ptr<ConnectionPool> pool, ConnectionPtr connection)
      : pool_(std::move(pool)), connection_(std::move(connection)) {}

  std::shared_ptr<ConnectionPool> pool_;
  ConnectionPtr connection_;  // null once committed (or moved from)
};

}  // namespace ec::store
