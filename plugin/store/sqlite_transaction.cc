#include "plugin/store/sqlite_transaction.h"

#include <utility>

#include "plugin/store/store_macros.h"

namespace ec::store {

Result<TransactionPtr> SqliteTransaction::begin(std::shared_ptr<ConnectionPool> pool,
                                                Locking locking) {
  EC_STORE_ASSIGN_OR_RETURN(TransactionScope scope,
                            TransactionScope::begin(std::move(pool), locking));
  return TransactionPtr(new SqliteTransaction(std::move(scope)));
}

SqliteTransaction::SqliteTransaction(TransactionScope scope) : scope_(std::move(scope)) {}

SqliteTransaction::~SqliteTransaction() = default;

Status SqliteTransaction::commit() { return scope_.commit(); }

Result<SqlStatement> SqliteTransaction::prepare(std::string_view sql) {
  return scope_.prepare(sql);
}

Status SqliteTransaction::run_changing_one(SqlStatement& stmt, std::string_view what) {
  return scope_.run_changing_one(stmt, what);
}

}  // namespace ec::store
