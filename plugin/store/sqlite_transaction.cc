#include "plugin/store/sqlite_transaction.h"

#include <utility>

#include <spdlog/spdlog.h>

#include "plugin/store/store_macros.h"

namespace ec::store {

Result<TransactionPtr> SqliteTransaction::begin(std::shared_ptr<ConnectionPool> pool,
                                                Locking locking) {
  EC_STORE_ASSIGN_OR_RETURN(ConnectionPtr connection, pool->acquire());
  const char* sql = locking == Locking::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED";
  if (auto begun = connection->exec(sql, "begin transaction"); !begun) {
    pool->release(std::move(connection));  // still usable: it never entered a transaction
    return std::unexpected(begun.error());
  }
  return TransactionPtr(new SqliteTransaction(std::move(pool), std::move(connection)));
}

SqliteTransaction::SqliteTransaction(std::shared_ptr<ConnectionPool> pool, ConnectionPtr connection)
    : pool_(std::move(pool)), connection_(std::move(connection)) {}

SqliteTransaction::~SqliteTransaction() {
  if (connection_ == nullptr) return;
  if (sqlite3_get_autocommit(connection_->handle()) == 0) {
    if (auto rolled_back = connection_->exec("ROLLBACK", "rollback"); !rolled_back) {
      // Do not reuse a connection whose state is unknown; closing it ends the transaction.
      spdlog::warn("store: {}", rolled_back.error().message);
      return;
    }
  }
  pool_->release(std::move(connection_));
}

Status SqliteTransaction::commit() {
  if (connection_ == nullptr) {
    return make_error(ErrorCode::FailedPrecondition, "transaction already committed");
  }
  EC_RETURN_IF_ERROR(connection_->exec("COMMIT", "commit"));
  pool_->release(std::move(connection_));
  return ok_status();
}

Result<SqlStatement> SqliteTransaction::prepare(std::string_view sql) {
  if (connection_ == nullptr) {
    return make_error(ErrorCode::FailedPrecondition, "transaction already committed");
  }
  return connection_->prepare(sql);
}

Status SqliteTransaction::run_changing_one(SqlStatement& stmt, std::string_view what) {
  EC_RETURN_IF_ERROR(stmt.run());
  if (stmt.changes() == 0) return make_error(ErrorCode::NotFound, "no " + std::string(what));
  return ok_status();
}

}  // namespace ec::store
