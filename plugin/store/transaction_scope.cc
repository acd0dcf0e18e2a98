#include "plugin/store/transaction_scope.h"

#include <string>
#include <utility>

#include <spdlog/spdlog.h>

namespace ec::store {

Result<TransactionScope> TransactionScope::begin(std::shared_ptr<ConnectionPool> pool,
                                                 Locking locking) {
  auto connection = pool->acquire();
  if (!connection) return std::unexpected(connection.error());
  const char* sql = locking == Locking::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED";
  if (auto begun = (*connection)->run(sql, "begin transaction"); !begun) {
    pool->release(std::move(*connection));  // still usable: it never entered a transaction
    return std::unexpected(begun.error());
  }
  return TransactionScope(std::move(pool), std::move(*connection));
}

TransactionScope::~TransactionScope() {
  if (connection_ == nullptr) return;
  if (sqlite3_get_autocommit(connection_->handle()) == 0) {
    if (auto rolled_back = connection_->run("ROLLBACK", "rollback"); !rolled_back) {
      // Do not reuse a connection whose state is unknown; closing it ends the transaction.
      spdlog::warn("store: {}", rolled_back.error().message);
      return;
    }
  }
  pool_->release(std::move(connection_));
}

Status TransactionScope::commit() {
  if (connection_ == nullptr) {
    return make_error(ErrorCode::FailedPrecondition, "transaction already committed");
  }
  EC_RETURN_IF_ERROR(connection_->run("COMMIT", "commit"));
  pool_->release(std::move(connection_));
  return ok_status();
}

Result<SqlStatement> TransactionScope::prepare(std::string_view sql) {
  if (connection_ == nullptr) {
    return make_error(ErrorCode::FailedPrecondition, "transaction already committed");
  }
  return connection_->prepare(sql);
}

Status TransactionScope::run_changing_one(SqlStatement& stmt, std::string_view what) {
  EC_RETURN_IF_ERROR(stmt.run());
  if (stmt.changes() == 0) return make_error(ErrorCode::NotFound, "no " + std::string(what));
  return ok_status();
}

}  // namespace ec::store
