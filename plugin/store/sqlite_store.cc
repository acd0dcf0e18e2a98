#include "plugin/store/sqlite_store.h"

#include <system_error>
#include <utility>

#include <spdlog/spdlog.h>

#include "plugin/store/connection_pool.h"
#include "plugin/store/migrations.h"
#include "plugin/store/sqlite_transaction.h"
#include "plugin/store/store_macros.h"

namespace ec::store {

Result<StorePtr> SqliteStore::open(const std::filesystem::path& path) {
  EC_RETURN_IF_ERROR(ensure_parent_dir(path));
  auto pool = std::make_shared<ConnectionPool>(path);
  EC_STORE_ASSIGN_OR_RETURN(ConnectionPtr connection, pool->acquire());
  auto version = apply_migrations(*connection, embedded_migrations());
  if (!version) return std::unexpected(version.error().with_context(path.string()));
  spdlog::debug("store: opened {} at schema version {}", path.string(), *version);
  pool->release(std::move(connection));
  return StorePtr(new SqliteStore(std::move(pool)));
}

SqliteStore::SqliteStore(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

SqliteStore::~SqliteStore() = default;

Result<TransactionPtr> SqliteStore::begin() { return SqliteTransaction::begin(pool_); }

Result<TransactionPtr> SqliteStore::begin_read() {
  return SqliteTransaction::begin(pool_, Locking::Deferred);
}

}  // namespace ec::store
